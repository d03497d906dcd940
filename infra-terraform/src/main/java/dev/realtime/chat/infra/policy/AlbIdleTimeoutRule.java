package dev.realtime.chat.infra.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ALB's idle timeout is set explicitly and, for every value the configuration can give it (literal, variable
 * default, what each caller passes), spans at least three STOMP heart-beat intervals: an idle WebSocket carries
 * a heart-beat every 10 s, and two may be late before the ALB must not cut the connection.
 */
public final class AlbIdleTimeoutRule implements PolicyRule {

    public static final int STOMP_HEARTBEAT_SECONDS = 10;
    public static final int MIN_IDLE_TIMEOUT_SECONDS = 3 * STOMP_HEARTBEAT_SECONDS;

    @Override
    public String name() {
        return "alb-idle-timeout-above-heartbeat";
    }

    @Override
    public List<Violation> check(TerraformProject project) {
        ValueResolver resolver = new ValueResolver(project);
        List<Violation> violations = new ArrayList<>();
        for (TerraformModule module : project.modules().values()) {
            for (Block lb : module.resources("aws_lb")) {
                Optional<Expr> timeout = lb.attr("idle_timeout");
                if (timeout.isEmpty()) {
                    violations.add(new Violation(name(), lb.location(),
                            "set idle_timeout explicitly (above the " + STOMP_HEARTBEAT_SECONDS + " s STOMP heart-beat)"));
                    continue;
                }
                Resolution values = resolver.resolve(module, timeout.get());
                if (!values.allNumbers(seconds -> seconds > STOMP_HEARTBEAT_SECONDS && seconds >= MIN_IDLE_TIMEOUT_SECONDS)) {
                    violations.add(new Violation(name(), lb.location(), "idle_timeout may be " + values
                            + ": every value it can take must be above the " + STOMP_HEARTBEAT_SECONDS
                            + " s STOMP heart-beat with room for missed beats (at least " + MIN_IDLE_TIMEOUT_SECONDS
                            + " s)"));
                }
            }
        }
        return violations;
    }
}
