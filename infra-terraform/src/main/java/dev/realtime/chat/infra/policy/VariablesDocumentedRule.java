package dev.realtime.chat.infra.policy;

import java.util.ArrayList;
import java.util.List;

/** Every variable declares a type constraint and a description. */
public final class VariablesDocumentedRule implements PolicyRule {

    @Override
    public String name() {
        return "variables-typed-and-described";
    }

    @Override
    public List<Violation> check(TerraformProject project) {
        List<Violation> violations = new ArrayList<>();
        for (TerraformModule module : project.modules().values()) {
            for (Block variable : module.variables()) {
                if (variable.attr("type").filter(Expr::isTypeConstraint).isEmpty()) {
                    violations.add(new Violation(name(), variable.location(), "declares no type"));
                }
                if (variable.attr("description").flatMap(Expr::string).filter(d -> !d.isBlank()).isEmpty()) {
                    violations.add(new Violation(name(), variable.location(), "has no description"));
                }
            }
        }
        return violations;
    }
}
