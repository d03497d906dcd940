package dev.realtime.chat.infra.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules the Terraform of this repository must keep. Run from the command line:
 * {@code java -cp ... dev.realtime.chat.infra.policy.TerraformPolicy infra-terraform}.
 */
public final class TerraformPolicy {

    private TerraformPolicy() {
    }

    public static List<PolicyRule> rules() {
        return List.of(new DataStorePortsNotPublicRule(), new OnlyAlbAcceptsInternetTrafficRule(),
                new LaunchTemplatesRequireImdsV2Rule(), new VolumesEncryptedRule(), new AlbListenerWiringRule(),
                new AlbIdleTimeoutRule(), new VariablesDocumentedRule(), new OutputsDocumentedRule(),
                new ModuleLayoutRule(), new TagsMergedRule(), new RiskyInputsValidatedRule(),
                new NoHardcodedSecretsRule());
    }

    public static List<Violation> check(TerraformProject project) {
        List<Violation> violations = new ArrayList<>();
        for (PolicyRule rule : rules()) {
            violations.addAll(rule.check(project));
        }
        return violations;
    }

    public static void main(String[] args) {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        TerraformProject project = TerraformProject.load(root);
        List<Violation> violations = check(project);
        violations.forEach(System.out::println);
        System.out.println(project.terraformFiles().size() + " files, " + project.modules().size() + " modules, "
                + rules().size() + " rules, " + violations.size() + " violations");
        if (!violations.isEmpty()) {
            System.exit(1);
        }
    }
}
