package dev.realtime.chat.infra.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The load balancer is wired end to end: an HTTPS listener with a certificate and a TLS policy forwards
 * {@code /ws} and {@code /api/*} to a target group on the gateways' port 8080, health-checked on
 * {@code /actuator/health/readiness}, with a short deregistration delay and registered targets; every HTTP
 * listener only redirects to HTTPS; the ALB sits in {@code aws_security_group.alb}.
 */
public final class AlbListenerWiringRule implements PolicyRule {

    public static final int GATEWAY_PORT = 8080;
    public static final String READINESS_PATH = "/actuator/health/readiness";
    public static final int MAX_DEREGISTRATION_DELAY_SECONDS = 60;
    public static final List<String> REQUIRED_PATHS = List.of("/ws", "/api/*");

    @Override
    public String name() {
        return "alb-wiring";
    }

    @Override
    public List<Violation> check(TerraformProject project) {
        ValueResolver resolver = new ValueResolver(project);
        List<Violation> violations = new ArrayList<>();
        for (TerraformModule module : project.modules().values()) {
            for (Block lb : module.resources("aws_lb")) {
                Optional<Expr> type = lb.attr("load_balancer_type");
                if (type.isPresent() && !resolver.resolve(module, type.get()).allEqual("application")) {
                    continue;
                }
                checkLoadBalancer(resolver, module, lb, violations);
            }
        }
        return violations;
    }

    private void checkLoadBalancer(ValueResolver resolver, TerraformModule module, Block lb, List<Violation> violations) {
        List<Block> listeners = module.resources("aws_lb_listener").stream()
                .filter(l -> refersTo(l.attr("load_balancer_arn"), lb.address())).toList();
        List<Block> https = new ArrayList<>();
        List<Block> http = new ArrayList<>();
        for (Block listener : listeners) {
            Resolution protocol = listener.attr("protocol").map(e -> resolver.resolve(module, e)).orElse(Resolution.unknown());
            if (protocol.allEqual("HTTPS")) {
                https.add(listener);
            }
            else if (protocol.allEqual("HTTP")) {
                http.add(listener);
            }
            else {
                violations.add(new Violation(name(), listener.location(), "protocol must be HTTPS or HTTP, found " + protocol));
            }
        }
        if (https.isEmpty()) {
            violations.add(new Violation(name(), lb.location(), "no HTTPS listener"));
        }
        if (http.isEmpty()) {
            violations.add(new Violation(name(), lb.location(), "no HTTP listener redirecting to HTTPS"));
        }
        for (Block listener : http) {
            checkRedirect(resolver, module, listener, violations);
        }
        for (Block listener : https) {
            checkHttpsListener(resolver, module, listener, violations);
        }
        Set<ValueResolver.ResourceRef> groups = lb.attr("security_groups").map(e -> resolver.traceResources(module, e))
                .orElse(Set.of());
        if (groups.stream().noneMatch(g -> g.address().equals(OnlyAlbAcceptsInternetTrafficRule.ALB_SECURITY_GROUP))) {
            violations.add(new Violation(name(), lb.location(), "security_groups must be "
                    + OnlyAlbAcceptsInternetTrafficRule.ALB_SECURITY_GROUP + " (traced: " + groups + ")"));
        }
    }

    private void checkRedirect(ValueResolver resolver, TerraformModule module, Block listener, List<Violation> violations) {
        Optional<Block> action = listener.block("default_action");
        boolean redirects = action.flatMap(a -> a.attr("type")).map(e -> resolver.resolve(module, e).allEqual("redirect"))
                .orElse(false);
        Optional<Block> redirect = action.flatMap(a -> a.block("redirect"));
        boolean toHttps = redirect.flatMap(r -> r.attr("protocol")).map(e -> resolver.resolve(module, e).allEqual("HTTPS"))
                .orElse(false);
        // without a port the redirect keeps the request's port: https://host:80
        boolean to443 = redirect.flatMap(r -> r.attr("port")).map(e -> resolver.resolve(module, e).allNumbers(p -> p == 443))
                .orElse(false);
        if (!redirects || !toHttps || !to443) {
            violations.add(new Violation(name(), listener.location(),
                    "an HTTP listener must only redirect: default_action { type = \"redirect\" redirect { protocol = \"HTTPS\" port = \"443\" } }"));
        }
    }

    private void checkHttpsListener(ValueResolver resolver, TerraformModule module, Block listener, List<Violation> violations) {
        Optional<Expr> certificate = listener.attr("certificate_arn");
        if (certificate.isEmpty() || certificate.get().isNullLiteral()
                || certificate.get().string().map(String::isBlank).orElse(false)) {
            violations.add(new Violation(name(), listener.location(), "the HTTPS listener needs certificate_arn"));
        }
        if (!listener.has("ssl_policy")) {
            violations.add(new Violation(name(), listener.location(), "the HTTPS listener needs an explicit ssl_policy"));
        }
        boolean on443 = listener.attr("port").map(e -> resolver.resolve(module, e).allNumbers(p -> p == 443)).orElse(false);
        if (!on443) {
            violations.add(new Violation(name(), listener.location(), "the HTTPS listener must listen on 443"));
        }

        Set<String> targetGroups = new LinkedHashSet<>();
        Set<String> paths = new LinkedHashSet<>();
        boolean forwardsEverything = false;
        for (Block action : listener.blocks("default_action")) {
            if (forwards(resolver, module, action)) {
                forwardsEverything = true;
                targetGroups.addAll(targetGroupsOf(action));
            }
        }
        for (Block rule : module.resources("aws_lb_listener_rule")) {
            if (!refersTo(rule.attr("listener_arn"), listener.address())) {
                continue;
            }
            for (Block action : rule.blocks("action")) {
                if (forwards(resolver, module, action)) {
                    targetGroups.addAll(targetGroupsOf(action));
                    for (Block condition : rule.blocks("condition")) {
                        condition.block("path_pattern").flatMap(p -> p.attr("values"))
                                .ifPresent(values -> paths.addAll(resolver.resolve(module, values).strings()));
                    }
                }
            }
        }
        if (targetGroups.isEmpty()) {
            violations.add(new Violation(name(), listener.location(), "the HTTPS listener forwards to no target group"));
        }
        if (!forwardsEverything && !paths.containsAll(REQUIRED_PATHS)) {
            violations.add(new Violation(name(), listener.location(), "the forwarding rules must route " + REQUIRED_PATHS
                    + " (WebSocket and REST) to the gateways; they route " + paths));
        }
        for (String group : targetGroups) {
            Optional<Block> targetGroup = module.resource("aws_lb_target_group", group.substring(group.indexOf('.') + 1));
            if (targetGroup.isEmpty()) {
                violations.add(new Violation(name(), listener.location(), "forwards to " + group + ", which is not defined here"));
            }
            else {
                checkTargetGroup(resolver, module, targetGroup.get(), violations);
            }
        }
    }

    private void checkTargetGroup(ValueResolver resolver, TerraformModule module, Block group, List<Violation> violations) {
        Resolution port = group.attr("port").map(e -> resolver.resolve(module, e)).orElse(Resolution.unknown());
        if (!port.allNumbers(p -> p == GATEWAY_PORT)) {
            violations.add(new Violation(name(), group.location(), "targets must be the gateways' port " + GATEWAY_PORT
                    + ", found " + port));
        }
        Optional<Block> health = group.block("health_check");
        Resolution path = health.flatMap(h -> h.attr("path")).map(e -> resolver.resolve(module, e)).orElse(Resolution.unknown());
        if (!path.allEqual(READINESS_PATH)) {
            violations.add(new Violation(name(), group.location(), "health_check path must be " + READINESS_PATH
                    + ", found " + path));
        }
        boolean disabled = health.flatMap(h -> h.attr("enabled")).map(e -> resolver.resolve(module, e).allEqual("false"))
                .orElse(false);
        Optional<Expr> healthPort = health.flatMap(h -> h.attr("port"));
        boolean rightPort = healthPort.isEmpty() || resolver.resolve(module, healthPort.get()).allEqual("traffic-port")
                || resolver.resolve(module, healthPort.get()).allNumbers(p -> p == GATEWAY_PORT);
        if (disabled || !rightPort) {
            violations.add(new Violation(name(), group.location(),
                    "the health check must be enabled and probe the traffic port (" + GATEWAY_PORT + ")"));
        }
        Resolution delay = group.attr("deregistration_delay").map(e -> resolver.resolve(module, e)).orElse(Resolution.of(300.0));
        if (!delay.allNumbers(d -> d <= MAX_DEREGISTRATION_DELAY_SECONDS)) {
            violations.add(new Violation(name(), group.location(), "deregistration_delay must be short (at most "
                    + MAX_DEREGISTRATION_DELAY_SECONDS + " s; the AWS default is 300), found " + delay));
        }
        boolean registered = module.resources("aws_lb_target_group_attachment").stream()
                .anyMatch(a -> refersTo(a.attr("target_group_arn"), group.address()));
        if (!registered) {
            violations.add(new Violation(name(), group.location(), "no aws_lb_target_group_attachment registers targets"));
        }
    }

    private static boolean forwards(ValueResolver resolver, TerraformModule module, Block action) {
        return action.attr("type").map(e -> resolver.resolve(module, e).allEqual("forward")).orElse(false);
    }

    /** {@code target_group_arn = aws_lb_target_group.x.arn}, or {@code forward { target_group { arn = ... } }}. */
    private static Set<String> targetGroupsOf(Block action) {
        Set<String> groups = new LinkedHashSet<>();
        action.attr("target_group_arn").ifPresent(e -> groups.addAll(targetGroupReferences(e)));
        action.block("forward").ifPresent(forward -> forward.blocks("target_group")
                .forEach(tg -> tg.attr("arn").ifPresent(e -> groups.addAll(targetGroupReferences(e)))));
        return groups;
    }

    private static Set<String> targetGroupReferences(Expr expr) {
        Set<String> groups = new LinkedHashSet<>();
        for (String reference : expr.references()) {
            String[] parts = reference.split("\\.");
            if (parts.length >= 2 && parts[0].equals("aws_lb_target_group")) {
                groups.add(parts[0] + "." + parts[1]);
            }
        }
        return groups;
    }

    private static boolean refersTo(Optional<Expr> expr, String address) {
        return expr.map(e -> e.references().stream().anyMatch(r -> r.equals(address) || r.startsWith(address + ".")))
                .orElse(false);
    }
}
