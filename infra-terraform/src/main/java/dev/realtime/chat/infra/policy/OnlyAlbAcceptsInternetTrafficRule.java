package dev.realtime.chat.infra.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Only the load balancer's security group ({@code aws_security_group.alb}) admits traffic from outside the VPC,
 * and only on 80 (redirect) and 443, one port per rule. Everything else is reachable only from other groups.
 */
public final class OnlyAlbAcceptsInternetTrafficRule implements PolicyRule {

    public static final String ALB_SECURITY_GROUP = "aws_security_group.alb";
    public static final Set<Integer> ALB_PORTS = Set.of(80, 443);

    @Override
    public String name() {
        return "only-alb-accepts-internet-traffic";
    }

    @Override
    public List<Violation> check(TerraformProject project) {
        List<Violation> violations = new ArrayList<>();
        for (SecurityGroupIngress ingress : SecurityGroupIngress.all(project)) {
            List<SecurityGroupIngress.Source> external = ingress.sources().stream()
                    .filter(SecurityGroupIngress.Source::mayBeExternal).toList();
            if (external.isEmpty()) {
                continue;
            }
            String sources = external.stream().map(s -> s.kind() + " " + s.description()).toList().toString();
            if (!ingress.securityGroup().equals(Optional.of(ALB_SECURITY_GROUP))) {
                violations.add(new Violation(name(), ingress.location(), "admits " + sources + " into "
                        + ingress.securityGroup().orElse("a security group that cannot be traced")
                        + ": only " + ALB_SECURITY_GROUP + " may accept traffic from outside the VPC"));
                continue;
            }
            Optional<Integer> port = ingress.singleTcpPort();
            if (port.isEmpty() || !ALB_PORTS.contains(port.get())) {
                violations.add(new Violation(name(), ingress.location(), "the ALB admits " + sources + " on protocol "
                        + ingress.protocol() + " ports " + ingress.fromPort() + "-" + ingress.toPort()
                        + ": from outside it accepts TCP 80 or 443 only, one port per rule"));
            }
        }
        return violations;
    }
}
