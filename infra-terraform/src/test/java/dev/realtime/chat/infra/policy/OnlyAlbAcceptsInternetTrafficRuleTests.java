package dev.realtime.chat.infra.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OnlyAlbAcceptsInternetTrafficRuleTests {

    private final OnlyAlbAcceptsInternetTrafficRule rule = new OnlyAlbAcceptsInternetTrafficRule();

    private static String ingress(String group, String protocol, int from, int to, String source) {
        return """
                resource "aws_security_group" "%1$s" {
                  name = "%1$s"
                }

                resource "aws_vpc_security_group_ingress_rule" "rule" {
                  security_group_id = aws_security_group.%1$s.id
                  ip_protocol       = "%2$s"
                  from_port         = %3$d
                  to_port           = %4$d
                  %5$s
                }
                """.formatted(group, protocol, from, to, source);
    }

    @Test
    void allowsHttpsAndHttpFromTheInternetOnTheAlbGroup() {
        assertThat(rule.check(Projects.module(ingress("alb", "tcp", 443, 443, "cidr_ipv4 = \"0.0.0.0/0\"")))).isEmpty();
        assertThat(rule.check(Projects.module(ingress("alb", "tcp", 80, 80, "cidr_ipv4 = each.value")))).isEmpty();
    }

    @Test
    void allowsSecurityGroupSourcesOnAnyGroup() {
        assertThat(rule.check(Projects.module(ingress("gateway", "tcp", 8080, 8080,
                "referenced_security_group_id = aws_security_group.alb.id")))).isEmpty();
    }

    @Test
    void rejectsInternetIngressOnAnotherGroup() {
        assertThat(rule.check(Projects.module(ingress("gateway", "tcp", 8080, 8080, "cidr_ipv4 = \"0.0.0.0/0\""))))
                .singleElement().satisfies(v -> assertThat(v.message())
                        .contains("aws_security_group.gateway").contains("only aws_security_group.alb"));
    }

    @Test
    void rejectsAPublicRangeOnAnotherGroup() {
        assertThat(rule.check(Projects.module(ingress("bastion", "tcp", 22, 22, "cidr_ipv4 = \"203.0.113.0/24\""))))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("EXTERNAL 203.0.113.0/24"));
    }

    @Test
    void rejectsAnotherPortOnTheAlbGroup() {
        assertThat(rule.check(Projects.module(ingress("alb", "tcp", 8443, 8443, "cidr_ipv4 = \"0.0.0.0/0\""))))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("80 or 443 only"));
    }

    @Test
    void rejectsAPortRangeOnTheAlbGroup() {
        assertThat(rule.check(Projects.module(ingress("alb", "tcp", 80, 443, "cidr_ipv4 = \"0.0.0.0/0\"")))).hasSize(1);
    }

    @Test
    void rejectsAllProtocolsOnTheAlbGroup() {
        assertThat(rule.check(Projects.module(ingress("alb", "-1", 0, 0, "cidr_ipv4 = \"0.0.0.0/0\"")))).hasSize(1);
    }

    @Test
    void rejectsInternetIngressIntoAGroupThatCannotBeTraced() {
        assertThat(rule.check(Projects.module("""
                variable "group_id" {
                  type = string
                }

                resource "aws_security_group_rule" "https" {
                  type              = "ingress"
                  security_group_id = var.group_id
                  protocol          = "tcp"
                  from_port         = 443
                  to_port           = 443
                  cidr_blocks       = ["0.0.0.0/0"]
                }
                """))).singleElement().satisfies(v -> assertThat(v.message()).contains("cannot be traced"));
    }
}
