package dev.realtime.chat.infra.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** In-memory Terraform projects for the rule tests. */
final class Projects {

    private Projects() {
    }

    /** One module, {@code modules/test}, made of the given {@code main.tf}. */
    static TerraformProject module(String mainTf) {
        return TerraformProject.of(Map.of("modules/test/main.tf", mainTf));
    }

    /** Files as path, content, path, content, ... */
    static TerraformProject files(String... pathsAndContents) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return TerraformProject.of(files);
    }

    static List<Violation> check(PolicyRule rule, TerraformProject project) {
        return rule.check(project);
    }
}
