package dev.realtime.chat.infra.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Inputs that are easy to get wrong carry a validation block: every number (counts, ports, sizes, timeouts) and
 * every ARN, CIDR, URL and bucket name.
 */
public final class RiskyInputsValidatedRule implements PolicyRule {

    static final Pattern RISKY_NAME = Pattern.compile("(^|_)(arn|arns|url|urls|count|bucket)$|cidr");

    @Override
    public String name() {
        return "risky-inputs-validated";
    }

    @Override
    public List<Violation> check(TerraformProject project) {
        List<Violation> violations = new ArrayList<>();
        for (TerraformModule module : project.modules().values()) {
            for (Block variable : module.variables()) {
                String name = variable.label(0);
                boolean number = variable.attr("type").flatMap(Expr::typeName).filter("number"::equals).isPresent();
                boolean risky = number || RISKY_NAME.matcher(name).find();
                if (risky && variable.blocks("validation").isEmpty()) {
                    violations.add(new Violation(name(), variable.location(), (number ? "a number" : "an ARN/CIDR/URL/bucket/count")
                            + " input needs a validation block"));
                }
                for (Block validation : variable.blocks("validation")) {
                    if (!validation.has("condition") || validation.attr("error_message").flatMap(Expr::string).isEmpty()) {
                        violations.add(new Violation(name(), variable.location(),
                                "each validation needs a condition and an error_message"));
                    }
                }
            }
        }
        return violations;
    }
}
