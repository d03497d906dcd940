package dev.realtime.chat.infra.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@code tags} map reaches every resource: each module with AWS resources declares {@code variable "tags"},
 * every taggable AWS resource sets {@code tags} from it (directly or through a local such as
 * {@code local.tags = merge(var.tags, ...)}), launch templates tag the instances and volumes they launch, and
 * every module call passes the caller's tags on.
 */
public final class TagsMergedRule implements PolicyRule {

    /** AWS resource types that have no tags argument. */
    public static final Set<String> NOT_TAGGABLE = Set.of("aws_route", "aws_route_table_association",
            "aws_main_route_table_association", "aws_lb_target_group_attachment", "aws_lb_listener_certificate",
            "aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_iam_policy_attachment",
            "aws_ec2_subnet_cidr_reservation", "aws_route53_record", "aws_security_group_rule",
            "aws_vpc_endpoint_route_table_association", "aws_volume_attachment", "aws_network_interface_attachment",
            "aws_s3_bucket_policy", "aws_s3_bucket_public_access_block",
            "aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_versioning",
            "aws_autoscaling_attachment", "aws_lb_cookie_stickiness_policy");

    @Override
    public String name() {
        return "tags-merged";
    }

    @Override
    public List<Violation> check(TerraformProject project) {
        List<Violation> violations = new ArrayList<>();
        for (TerraformModule module : project.modules().values()) {
            List<Block> awsResources = module.resources().stream()
                    .filter(r -> r.resourceType().startsWith("aws_")).toList();
            if (!awsResources.isEmpty()) {
                boolean declared = module.variable("tags").flatMap(v -> v.attr("type")).flatMap(Expr::typeName)
                        .filter("map"::equals).isPresent();
                if (!declared) {
                    violations.add(new Violation(name(), module.directory(),
                            "a module with AWS resources must declare variable \"tags\" of type map(string)"));
                }
            }
            for (Block resource : awsResources) {
                if (NOT_TAGGABLE.contains(resource.resourceType())) {
                    continue;
                }
                if (resource.attr("tags").filter(e -> derivesFromTags(module, e, new HashSet<>())).isEmpty()) {
                    violations.add(new Violation(name(), resource.location(),
                            "tags must be var.tags merged with what is specific (e.g. merge(local.tags, { Name = ... }))"));
                }
                if (resource.resourceType().equals("aws_launch_template")) {
                    checkLaunchTemplate(module, resource, violations);
                }
            }
            for (Block call : module.moduleCalls()) {
                boolean takesTags = project.calledModule(module, call).flatMap(m -> m.variable("tags")).isPresent();
                if (takesTags && call.attr("tags").filter(e -> derivesFromTags(module, e, new HashSet<>())).isEmpty()) {
                    violations.add(new Violation(name(), call.location(), "pass the caller's tags on: tags = local.tags"));
                }
            }
        }
        return violations;
    }

    private void checkLaunchTemplate(TerraformModule module, Block template, List<Violation> violations) {
        for (String resourceType : List.of("instance", "volume")) {
            boolean tagged = template.blocksIncludingDynamic("tag_specifications").stream()
                    .filter(spec -> spec.attr("resource_type").flatMap(Expr::string).filter(resourceType::equals).isPresent())
                    .anyMatch(spec -> spec.attr("tags").filter(e -> derivesFromTags(module, e, new HashSet<>())).isPresent());
            if (!tagged) {
                violations.add(new Violation(name(), template.location(),
                        "tag_specifications must tag each launched " + resourceType + " with the module's tags"));
            }
        }
    }

    /** The expression uses var.tags, or a local that does (transitively). */
    static boolean derivesFromTags(TerraformModule module, Expr expr, Set<String> visited) {
        for (String reference : expr.references()) {
            if (reference.equals("var.tags")) {
                return true;
            }
            if (reference.startsWith("local.")) {
                String local = reference.split("\\.")[1];
                Expr definition = module.locals().get(local);
                if (definition != null && visited.add(local) && derivesFromTags(module, definition, visited)) {
                    return true;
                }
            }
        }
        return false;
    }
}
