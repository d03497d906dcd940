package dev.realtime.chat.infra.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * No secret is written into the configuration: secret-named variables are {@code sensitive} and have no default,
 * no secret-named argument (in resources, module calls, locals, objects, tfvars) is a literal, and SSM
 * parameters take their value from elsewhere (generated, or created by the operator).
 */
public final class NoHardcodedSecretsRule implements PolicyRule {

    static final Pattern SECRET_NAME = Pattern.compile("(?i)(password|passwd|secret|token|private_key|cookie|api_key)$");

    @Override
    public String name() {
        return "no-hardcoded-secrets";
    }

    @Override
    public List<Violation> check(TerraformProject project) {
        List<Violation> violations = new ArrayList<>();
        for (TerraformModule module : project.modules().values()) {
            for (Block variable : module.variables()) {
                if (!SECRET_NAME.matcher(variable.label(0)).find()) {
                    continue;
                }
                if (!variable.attr("sensitive").flatMap(Expr::bool).orElse(false)) {
                    violations.add(new Violation(name(), variable.location(), "a secret input must be sensitive = true"));
                }
                Optional<Expr> fallback = variable.attr("default");
                if (fallback.isPresent() && !fallback.get().isNullLiteral()) {
                    violations.add(new Violation(name(), variable.location(), "a secret input must not have a default"));
                }
            }
            for (Block block : module.blocks()) {
                checkBlock(block, violations);
            }
            for (Block ssm : module.resources("aws_ssm_parameter")) {
                for (String attribute : List.of("value", "insecure_value")) {
                    ssm.attr(attribute).filter(NoHardcodedSecretsRule::isLiteralText).ifPresent(e -> violations.add(
                            new Violation(name(), ssm.location(), attribute + " is written in the configuration")));
                }
            }
        }
        for (TerraformFile variables : project.variableFiles().values()) {
            checkAttributes(variables.path(), variables.attributes(), violations);
        }
        return violations;
    }

    private void checkBlock(Block block, List<Violation> violations) {
        if (block.type().equals("variable")) {
            return;
        }
        checkAttributes(block.location(), block.attributes(), violations);
        for (Block nested : block.blocks()) {
            checkBlock(nested, violations);
        }
    }

    private void checkAttributes(String location, Map<String, Expr> attributes, List<Violation> violations) {
        for (Map.Entry<String, Expr> attribute : attributes.entrySet()) {
            Expr value = attribute.getValue();
            if (SECRET_NAME.matcher(attribute.getKey()).find() && isLiteralText(value)) {
                violations.add(new Violation(name(), location + " (line " + value.line() + ")",
                        attribute.getKey() + " is a literal: take secrets from SSM Parameter Store"));
            }
            value.object().ifPresent(object -> checkAttributes(location, object, violations));
            value.list().ifPresent(elements -> elements.forEach(e -> e.object()
                    .ifPresent(object -> checkAttributes(location, object, violations))));
            value.call().ifPresent(call -> call.arguments().forEach(a -> a.object()
                    .ifPresent(object -> checkAttributes(location, object, violations))));
        }
    }

    private static boolean isLiteralText(Expr value) {
        return value.string().filter(s -> !s.isBlank()).isPresent() || value.number().isPresent();
    }
}
