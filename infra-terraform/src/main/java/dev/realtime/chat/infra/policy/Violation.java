package dev.realtime.chat.infra.policy;

/**
 * One broken rule.
 *
 * @param rule     the rule's name
 * @param location file, line and address, e.g. {@code modules/alb/main.tf:5 aws_lb.this}
 * @param message  what is wrong, in words an operator can act on
 */
public record Violation(String rule, String location, String message) {

    @Override
    public String toString() {
        return "[" + rule + "] " + location + ": " + message;
    }
}
