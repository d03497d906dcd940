package dev.realtime.chat.infra.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every EBS volume is encrypted: launch templates map their volumes with {@code encrypted = true}, instances
 * without a launch template encrypt their root and extra volumes, {@code aws_ebs_volume} sets it too.
 */
public final class VolumesEncryptedRule implements PolicyRule {

    @Override
    public String name() {
        return "ebs-encrypted";
    }

    @Override
    public List<Violation> check(TerraformProject project) {
        ValueResolver resolver = new ValueResolver(project);
        List<Violation> violations = new ArrayList<>();
        for (TerraformModule module : project.modules().values()) {
            for (Block template : module.resources("aws_launch_template")) {
                List<Block> mappings = template.blocksIncludingDynamic("block_device_mappings");
                if (mappings.isEmpty()) {
                    violations.add(new Violation(name(), template.location(),
                            "no block_device_mappings: the root volume takes the AMI's (unencrypted) default"));
                }
                for (Block mapping : mappings) {
                    Optional<Block> ebs = mapping.block("ebs");
                    if (ebs.isPresent() && !encrypted(resolver, module, ebs.get())) {
                        violations.add(new Violation(name(), template.location(),
                                "block device " + mapping.attr("device_name").flatMap(Expr::string).orElse("?")
                                        + " must set ebs { encrypted = true }"));
                    }
                }
            }
            for (Block instance : module.resources("aws_instance")) {
                Optional<Block> root = instance.block("root_block_device");
                if (root.isPresent() && !encrypted(resolver, module, root.get())) {
                    violations.add(new Violation(name(), instance.location(), "root_block_device must set encrypted = true"));
                }
                if (root.isEmpty() && instance.block("launch_template").isEmpty()) {
                    violations.add(new Violation(name(), instance.location(),
                            "no launch template and no root_block_device { encrypted = true }"));
                }
                for (Block extra : instance.blocksIncludingDynamic("ebs_block_device")) {
                    if (!encrypted(resolver, module, extra)) {
                        violations.add(new Violation(name(), instance.location(), "ebs_block_device must set encrypted = true"));
                    }
                }
            }
            for (Block volume : module.resources("aws_ebs_volume")) {
                if (!encrypted(resolver, module, volume)) {
                    violations.add(new Violation(name(), volume.location(), "must set encrypted = true"));
                }
            }
        }
        return violations;
    }

    private static boolean encrypted(ValueResolver resolver, TerraformModule module, Block block) {
        return block.attr("encrypted").map(e -> resolver.resolve(module, e).allEqual("true")).orElse(false);
    }
}
