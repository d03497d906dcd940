package dev.realtime.chat.infra.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleLayoutRuleTests {

    private static final String VERSIONS = "terraform {\n  required_version = \">= 1.9.0\"\n}\n";

    private final ModuleLayoutRule rule = new ModuleLayoutRule();

    private static Map<String, String> complete() {
        Map<String, String> files = new LinkedHashMap<>();
        for (String directory : new String[] { "modules/network", "environments/prod" }) {
            files.put(directory + "/main.tf", "locals {\n  a = 1\n}\n");
            files.put(directory + "/variables.tf", "");
            files.put(directory + "/outputs.tf", "");
            files.put(directory + "/versions.tf", VERSIONS);
            files.put(directory + "/README.md", "");
        }
        files.put("environments/prod/terraform.tfvars.example", "region = \"us-east-1\"\n");
        return files;
    }

    @Test
    void acceptsModulesAndEnvironmentsWithTheFourFilesAndAReadme() {
        assertThat(rule.check(TerraformProject.of(complete()))).isEmpty();
    }

    @Test
    void rejectsAModuleWithoutReadme() {
        Map<String, String> files = complete();
        files.remove("modules/network/README.md");

        assertThat(rule.check(TerraformProject.of(files)))
                .singleElement().satisfies(v -> assertThat(v.toString()).contains("modules/network").contains("missing README.md"));
    }

    @Test
    void rejectsEachMissingTerraformFile() {
        for (String missing : new String[] { "main.tf", "variables.tf", "outputs.tf", "versions.tf" }) {
            Map<String, String> files = complete();
            files.remove("modules/network/" + missing);

            assertThat(rule.check(TerraformProject.of(files))).as(missing)
                    .anySatisfy(v -> assertThat(v.message()).isEqualTo("missing " + missing));
        }
    }

    @Test
    void rejectsAnEnvironmentWithoutTfvarsExample() {
        Map<String, String> files = complete();
        files.remove("environments/prod/terraform.tfvars.example");

        assertThat(rule.check(TerraformProject.of(files)))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("terraform.tfvars.example"));
    }

    @Test
    void rejectsVersionsWithoutRequiredVersion() {
        Map<String, String> files = complete();
        files.put("modules/network/versions.tf", "terraform {\n  required_providers {\n  }\n}\n");

        assertThat(rule.check(TerraformProject.of(files)))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("required_version"));
    }

    @Test
    void rejectsTerraformOutsideModulesAndEnvironments() {
        Map<String, String> files = complete();
        files.put("scratch/main.tf", "locals {\n  a = 1\n}\n");

        assertThat(rule.check(TerraformProject.of(files)))
                .singleElement().satisfies(v -> assertThat(v.location()).isEqualTo("scratch"));
    }

    @Test
    void rejectsAProjectWithoutEnvironmentRoot() {
        Map<String, String> files = complete();
        files.keySet().removeIf(path -> path.startsWith("environments/"));

        assertThat(rule.check(TerraformProject.of(files)))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("no environment root"));
    }
}
