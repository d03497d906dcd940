package dev.realtime.chat.infra.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataStorePortsNotPublicRuleTests {

    private final DataStorePortsNotPublicRule rule = new DataStorePortsNotPublicRule();

    private static String vpcRule(int port, String source) {
        return """
                resource "aws_security_group" "cassandra" {
                  name = "cassandra"
                }

                resource "aws_vpc_security_group_ingress_rule" "rule" {
                  security_group_id = aws_security_group.cassandra.id
                  ip_protocol       = "tcp"
                  from_port         = %d
                  to_port           = %d
                  %s
                }
                """.formatted(port, port, source);
    }

    @Test
    void allowsADataStorePortFromAnotherSecurityGroup() {
        assertThat(rule.check(Projects.module(vpcRule(9042, "referenced_security_group_id = aws_security_group.app.id"))))
                .isEmpty();
    }

    @Test
    void allowsADataStorePortFromAPrivateRange() {
        assertThat(rule.check(Projects.module(vpcRule(9042, "cidr_ipv4 = \"10.40.0.0/16\"")))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = { 9042, 7000, 6379, 5672, 25672, 4369, 15672 })
    void rejectsEveryDataStorePortOpenToTheIpv4Internet(int port) {
        List<Violation> violations = rule.check(Projects.module(vpcRule(port, "cidr_ipv4 = \"0.0.0.0/0\"")));

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.message()).contains(String.valueOf(port)).contains("0.0.0.0/0");
            assertThat(v.location()).contains("modules/test/main.tf").contains("aws_vpc_security_group_ingress_rule.rule");
        });
    }

    @Test
    void rejectsADataStorePortOpenToTheIpv6Internet() {
        assertThat(rule.check(Projects.module(vpcRule(6379, "cidr_ipv6 = \"::/0\""))))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("6379 (Redis)").contains("::/0"));
    }

    @Test
    void rejectsAPortRangeThatCoversDataStorePorts() {
        List<Violation> violations = rule.check(Projects.module("""
                resource "aws_security_group_rule" "wide" {
                  type              = "ingress"
                  security_group_id = aws_security_group.redis.id
                  protocol          = "tcp"
                  from_port         = 0
                  to_port           = 65535
                  cidr_blocks       = ["0.0.0.0/0"]
                }
                """));

        assertThat(violations).singleElement().satisfies(v -> assertThat(v.message())
                .contains("4369", "5672", "6379", "7000", "9042", "15672", "25672"));
    }

    @Test
    void rejectsAnAllProtocolsRuleFromTheInternet() {
        assertThat(rule.check(Projects.module("""
                resource "aws_vpc_security_group_ingress_rule" "everything" {
                  security_group_id = aws_security_group.rabbitmq.id
                  ip_protocol       = "-1"
                  cidr_ipv4         = "0.0.0.0/0"
                }
                """))).hasSize(1);
    }

    @Test
    void rejectsAnInlineIngressBlockOfASecurityGroup() {
        assertThat(rule.check(Projects.module("""
                resource "aws_security_group" "rabbitmq" {
                  name = "rabbitmq"

                  ingress {
                    protocol    = "tcp"
                    from_port   = 5672
                    to_port     = 5672
                    cidr_blocks = ["10.0.0.0/8", "0.0.0.0/0"]
                  }
                }
                """))).singleElement().satisfies(v -> assertThat(v.message()).contains("5672").contains("0.0.0.0/0"));
    }

    @Test
    void rejectsTheInternetArrivingThroughAVariableDefault() {
        assertThat(rule.check(Projects.module("""
                variable "clients" {
                  type    = list(string)
                  default = ["0.0.0.0/0"]
                }

                resource "aws_security_group_rule" "cql" {
                  type              = "ingress"
                  security_group_id = aws_security_group.cassandra.id
                  protocol          = "tcp"
                  from_port         = 9042
                  to_port           = 9042
                  cidr_blocks       = var.clients
                }
                """))).hasSize(1);
    }

    @Test
    void rejectsTheInternetPassedInByACaller() {
        TerraformProject project = Projects.files("modules/redis/main.tf", """
                variable "clients" {
                  type = string
                }

                resource "aws_vpc_security_group_ingress_rule" "redis" {
                  security_group_id = aws_security_group.redis.id
                  ip_protocol       = "tcp"
                  from_port         = 6379
                  to_port           = 6379
                  cidr_ipv4         = var.clients
                }
                """, "environments/prod/main.tf", """
                module "redis" {
                  source  = "../../modules/redis"
                  clients = "0.0.0.0/0"
                }
                """);

        assertThat(rule.check(project)).singleElement().satisfies(v -> assertThat(v.message()).contains("0.0.0.0/0"));
    }

    @Test
    void rejectsASourceTheConfigurationDoesNotFix() {
        assertThat(rule.check(Projects.module(vpcRule(9042, "cidr_ipv4 = each.value"))))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("UNKNOWN"));
    }

    @Test
    void egressRulesAreNotInbound() {
        assertThat(rule.check(Projects.module("""
                resource "aws_vpc_security_group_egress_rule" "out" {
                  security_group_id = aws_security_group.cassandra.id
                  ip_protocol       = "-1"
                  cidr_ipv4         = "0.0.0.0/0"
                }
                """))).isEmpty();
    }
}
