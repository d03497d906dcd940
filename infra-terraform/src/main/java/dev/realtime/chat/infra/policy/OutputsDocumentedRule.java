package dev.realtime.chat.infra.policy;

import java.util.ArrayList;
import java.util.List;

/** Every output has a description. */
public final class OutputsDocumentedRule implements PolicyRule {

    @Override
    public String name() {
        return "outputs-described";
    }

    @Override
    public List<Violation> check(TerraformProject project) {
        List<Violation> violations = new ArrayList<>();
        for (TerraformModule module : project.modules().values()) {
            for (Block output : module.outputs()) {
                if (output.attr("description").flatMap(Expr::string).filter(d -> !d.isBlank()).isEmpty()) {
                    violations.add(new Violation(name(), output.location(), "has no description"));
                }
                if (!output.has("value")) {
                    violations.add(new Violation(name(), output.location(), "has no value"));
                }
            }
        }
        return violations;
    }
}
