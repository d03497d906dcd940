package dev.realtime.chat.infra.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every launch template requires IMDSv2 ({@code metadata_options { http_tokens = "required" }}), and every
 * instance either comes from such a launch template (without weakening it) or requires IMDSv2 itself.
 */
public final class LaunchTemplatesRequireImdsV2Rule implements PolicyRule {

    @Override
    public String name() {
        return "imdsv2-required";
    }

    @Override
    public List<Violation> check(TerraformProject project) {
        ValueResolver resolver = new ValueResolver(project);
        List<Violation> violations = new ArrayList<>();
        for (TerraformModule module : project.modules().values()) {
            for (Block template : module.resources("aws_launch_template")) {
                if (!requiresTokens(resolver, module, template.block("metadata_options"))) {
                    violations.add(new Violation(name(), template.location(),
                            "metadata_options must set http_tokens = \"required\" (IMDSv2 only)"));
                }
            }
            for (Block instance : module.resources("aws_instance")) {
                Optional<Block> ownOptions = instance.block("metadata_options");
                Optional<Block> launchTemplate = instance.block("launch_template");
                if (ownOptions.isPresent() && !requiresTokens(resolver, module, ownOptions)) {
                    violations.add(new Violation(name(), instance.location(),
                            "metadata_options must set http_tokens = \"required\" (IMDSv2 only)"));
                }
                else if (ownOptions.isEmpty() && launchTemplate.isEmpty()) {
                    violations.add(new Violation(name(), instance.location(),
                            "neither a launch template nor metadata_options: IMDSv1 stays enabled"));
                }
                else if (ownOptions.isEmpty()) {
                    Set<ValueResolver.ResourceRef> templates = launchTemplate.get().attr("id")
                            .or(() -> launchTemplate.get().attr("name"))
                            .map(e -> resolver.traceResources(module, e)).orElse(Set.of());
                    boolean fromCheckedTemplate = !templates.isEmpty()
                            && templates.stream().allMatch(t -> t.address().startsWith("aws_launch_template."));
                    if (!fromCheckedTemplate) {
                        violations.add(new Violation(name(), instance.location(),
                                "its launch template is not an aws_launch_template of this configuration, so IMDSv2 cannot be verified"));
                    }
                }
            }
        }
        return violations;
    }

    private static boolean requiresTokens(ValueResolver resolver, TerraformModule module, Optional<Block> options) {
        return options.flatMap(o -> o.attr("http_tokens")).map(e -> resolver.resolve(module, e).allEqual("required"))
                .orElse(false);
    }
}
