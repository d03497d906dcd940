package dev.realtime.chat.infra.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlbListenerWiringRuleTests {

    private final AlbListenerWiringRule rule = new AlbListenerWiringRule();

    /** A complete, correct wiring; each test breaks one thing in it. */
    static final String GOOD = """
            variable "certificate_arn" {
              type = string
            }

            resource "aws_security_group" "alb" {
              name = "alb"
            }

            resource "aws_lb" "this" {
              load_balancer_type = "application"
              security_groups    = [aws_security_group.alb.id]
              idle_timeout       = 120
            }

            resource "aws_lb_target_group" "gateways" {
              port                 = 8080
              protocol             = "HTTP"
              deregistration_delay = 30

              health_check {
                path    = "/actuator/health/readiness"
                port    = "traffic-port"
                matcher = "200"
              }
            }

            resource "aws_lb_target_group_attachment" "gateways" {
              target_group_arn = aws_lb_target_group.gateways.arn
              target_id        = "i-0123456789abcdef0"
            }

            resource "aws_lb_listener" "https" {
              load_balancer_arn = aws_lb.this.arn
              port              = 443
              protocol          = "HTTPS"
              ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
              certificate_arn   = var.certificate_arn

              default_action {
                type = "fixed-response"

                fixed_response {
                  content_type = "text/plain"
                  status_code  = "404"
                }
              }
            }

            resource "aws_lb_listener_rule" "chat" {
              listener_arn = aws_lb_listener.https.arn
              priority     = 10

              action {
                type             = "forward"
                target_group_arn = aws_lb_target_group.gateways.arn
              }

              condition {
                path_pattern {
                  values = ["/ws", "/ws/*", "/api/*"]
                }
              }
            }

            resource "aws_lb_listener" "http" {
              load_balancer_arn = aws_lb.this.arn
              port              = 80
              protocol          = "HTTP"

              default_action {
                type = "redirect"

                redirect {
                  protocol    = "HTTPS"
                  port        = "443"
                  status_code = "HTTP_301"
                }
              }
            }
            """;

    private List<Violation> checkWith(String from, String to) {
        String broken = GOOD.replace(from, to);
        assertThat(broken).as("the test must change the configuration").isNotEqualTo(GOOD);
        return rule.check(Projects.module(broken));
    }

    @Test
    void acceptsAnHttpsListenerForwardingToAHealthCheckedGatewayTargetGroup() {
        assertThat(rule.check(Projects.module(GOOD))).isEmpty();
    }

    @Test
    void rejectsAnHttpsListenerWithoutCertificate() {
        assertThat(checkWith("  certificate_arn   = var.certificate_arn\n", ""))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("certificate_arn"));
    }

    @Test
    void rejectsACertificateThatIsNull() {
        assertThat(checkWith("certificate_arn   = var.certificate_arn", "certificate_arn   = null")).hasSize(1);
    }

    @Test
    void rejectsALoadBalancerWithoutHttpsListener() {
        assertThat(checkWith("protocol          = \"HTTPS\"", "protocol          = \"HTTP\""))
                .anySatisfy(v -> assertThat(v.message()).isEqualTo("no HTTPS listener"));
    }

    @Test
    void rejectsAnHttpListenerThatForwardsInsteadOfRedirecting() {
        assertThat(checkWith("type = \"redirect\"", "type = \"forward\""))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("must only redirect"));
    }

    @Test
    void rejectsARedirectThatStaysOnHttp() {
        assertThat(checkWith("protocol    = \"HTTPS\"", "protocol    = \"HTTP\"")).hasSize(1);
    }

    @Test
    void rejectsAMissingHttpToHttpsRedirect() {
        String withoutHttp = GOOD.substring(0, GOOD.indexOf("resource \"aws_lb_listener\" \"http\""));
        assertThat(rule.check(Projects.module(withoutHttp)))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("no HTTP listener redirecting"));
    }

    @Test
    void rejectsAHealthCheckOnAnotherPath() {
        assertThat(checkWith("/actuator/health/readiness", "/actuator/health"))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("health_check path"));
    }

    @Test
    void rejectsATargetGroupWithoutHealthCheck() {
        String withoutHealthCheck = GOOD.replaceAll("(?s)  health_check \\{.*?\n  }\n", "");
        assertThat(withoutHealthCheck).doesNotContain("health_check");

        assertThat(rule.check(Projects.module(withoutHealthCheck)))
                .anySatisfy(v -> assertThat(v.message()).contains("health_check path"));
    }

    @Test
    void rejectsATargetGroupOnAnotherPortThanTheGateways() {
        assertThat(checkWith("port                 = 8080", "port                 = 8081"))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("8080"));
    }

    @Test
    void rejectsALongDeregistrationDelay() {
        assertThat(checkWith("deregistration_delay = 30", "deregistration_delay = 300"))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("deregistration_delay"));
    }

    @Test
    void rejectsRoutingThatMissesTheWebSocketPath() {
        assertThat(checkWith("values = [\"/ws\", \"/ws/*\", \"/api/*\"]", "values = [\"/api/*\"]"))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("/ws"));
    }

    @Test
    void rejectsAnHttpsListenerThatForwardsNowhere() {
        assertThat(checkWith("type             = \"forward\"", "type             = \"fixed-response\""))
                .anySatisfy(v -> assertThat(v.message()).contains("forwards to no target group"));
    }

    @Test
    void rejectsATargetGroupWithoutRegisteredTargets() {
        assertThat(checkWith("target_group_arn = aws_lb_target_group.gateways.arn\n  target_id",
                "target_group_arn = \"arn:aws:elasticloadbalancing:other\"\n  target_id"))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("registers targets"));
    }

    @Test
    void rejectsALoadBalancerOutsideTheAlbSecurityGroup() {
        assertThat(checkWith("security_groups    = [aws_security_group.alb.id]", "security_groups    = [aws_security_group.web.id]"))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("aws_security_group.alb"));
    }
}
