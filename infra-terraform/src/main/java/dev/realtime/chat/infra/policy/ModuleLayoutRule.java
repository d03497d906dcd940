package dev.realtime.chat.infra.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The terraform-aws-modules layout: every directory under {@code modules/} and {@code environments/} has
 * main.tf, variables.tf, outputs.tf, versions.tf (with {@code required_version}) and a README.md; every
 * environment has a terraform.tfvars.example; no Terraform lives anywhere else.
 */
public final class ModuleLayoutRule implements PolicyRule {

    public static final List<String> REQUIRED_FILES = List.of("main.tf", "variables.tf", "outputs.tf", "versions.tf",
            "README.md");

    @Override
    public String name() {
        return "module-layout";
    }

    @Override
    public List<Violation> check(TerraformProject project) {
        List<Violation> violations = new ArrayList<>();
        Set<String> directories = new TreeSet<>();
        for (String file : project.files()) {
            String[] parts = file.split("/");
            if (parts.length >= 3 && (parts[0].equals("modules") || parts[0].equals("environments"))) {
                directories.add(parts[0] + "/" + parts[1]);
            }
        }
        if (directories.stream().noneMatch(d -> d.startsWith("modules/"))) {
            violations.add(new Violation(name(), "modules/", "no modules"));
        }
        if (directories.stream().noneMatch(d -> d.startsWith("environments/"))) {
            violations.add(new Violation(name(), "environments/", "no environment root composing the modules"));
        }
        for (String directory : directories) {
            for (String required : REQUIRED_FILES) {
                if (!project.files().contains(directory + "/" + required)) {
                    violations.add(new Violation(name(), directory, "missing " + required));
                }
            }
            if (directory.startsWith("environments/")
                    && !project.files().contains(directory + "/terraform.tfvars.example")) {
                violations.add(new Violation(name(), directory, "missing terraform.tfvars.example"));
            }
            project.module(directory).ifPresent(module -> {
                boolean pinned = module.files().stream().filter(f -> f.fileName().equals("versions.tf"))
                        .flatMap(f -> f.blocks().stream()).filter(b -> b.type().equals("terraform"))
                        .anyMatch(b -> b.has("required_version"));
                if (!pinned) {
                    violations.add(new Violation(name(), directory + "/versions.tf",
                            "needs a terraform block with required_version"));
                }
            });
        }
        for (String directory : project.modules().keySet()) {
            if (!directories.contains(directory)) {
                violations.add(new Violation(name(), directory.isEmpty() ? "." : directory,
                        "Terraform files outside modules/<name> and environments/<name>"));
            }
        }
        return violations;
    }
}
