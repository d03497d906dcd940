package dev.realtime.chat.infra.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlbIdleTimeoutRuleTests {

    private final AlbIdleTimeoutRule rule = new AlbIdleTimeoutRule();

    private static String lb(String idleTimeout) {
        return "resource \"aws_lb\" \"this\" {\n  name = \"chat\"\n  " + idleTimeout + "\n}\n";
    }

    @ParameterizedTest
    @ValueSource(ints = { 30, 60, 120, 3600 })
    void acceptsTimeoutsThatSpanSeveralHeartbeats(int seconds) {
        assertThat(rule.check(Projects.module(lb("idle_timeout = " + seconds)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 10, 11, 29 })
    void rejectsTimeoutsThatAnIdleWebSocketCanHit(int seconds) {
        assertThat(rule.check(Projects.module(lb("idle_timeout = " + seconds))))
                .singleElement().satisfies(v -> assertThat(v.message()).contains(String.valueOf(seconds)).contains("heart-beat"));
    }

    @Test
    void rejectsALoadBalancerThatLeavesTheTimeoutToTheDefault() {
        assertThat(rule.check(Projects.module(lb(""))))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("set idle_timeout explicitly"));
    }

    @Test
    void rejectsAVariableDefaultBelowTheHeartbeat() {
        assertThat(rule.check(Projects.module("""
                variable "idle_timeout" {
                  type    = number
                  default = 10
                }
                """ + lb("idle_timeout = var.idle_timeout")))).hasSize(1);
    }

    @Test
    void rejectsACallerThatPassesATooShortTimeout() {
        TerraformProject project = Projects.files("modules/alb/main.tf", """
                variable "idle_timeout" {
                  type    = number
                  default = 120
                }
                """ + lb("idle_timeout = var.idle_timeout"), "environments/prod/main.tf", """
                module "alb" {
                  source       = "../../modules/alb"
                  idle_timeout = 5
                }
                """);

        assertThat(rule.check(project)).singleElement().satisfies(v -> assertThat(v.message()).contains("5"));
    }

    @Test
    void rejectsATimeoutTheConfigurationDoesNotFix() {
        assertThat(rule.check(Projects.module("variable \"idle_timeout\" {\n  type = number\n}\n"
                + lb("idle_timeout = var.idle_timeout")))).hasSize(1);
    }
}
