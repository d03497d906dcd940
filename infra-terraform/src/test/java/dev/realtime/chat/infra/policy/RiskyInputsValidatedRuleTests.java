package dev.realtime.chat.infra.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RiskyInputsValidatedRuleTests {

    private final RiskyInputsValidatedRule rule = new RiskyInputsValidatedRule();

    @ParameterizedTest
    @CsvSource({ "gateway_count,number", "idle_timeout,number", "certificate_arn,string", "vpc_cidr,string",
            "alb_ingress_cidr_blocks,list(string)", "artifact_bucket,string", "artifact_urls,map(string)" })
    void rejectsARiskyInputWithoutValidation(String name, String type) {
        assertThat(rule.check(Projects.module("variable \"" + name + "\" {\n  type        = " + type
                + "\n  description = \"x\"\n}\n"))).singleElement().satisfies(v -> assertThat(v.location()).contains("var." + name));
    }

    @Test
    void acceptsARiskyInputWithValidationAndPlainInputsWithout() {
        assertThat(rule.check(Projects.module("""
                variable "gateway_count" {
                  type        = number
                  description = "Gateways."

                  validation {
                    condition     = var.gateway_count >= 1
                    error_message = "Run at least one gateway."
                  }
                }

                variable "name" {
                  type        = string
                  description = "Name."
                }
                """))).isEmpty();
    }

    @Test
    void rejectsAValidationWithoutErrorMessage() {
        assertThat(rule.check(Projects.module("""
                variable "gateway_count" {
                  type = number

                  validation {
                    condition = var.gateway_count >= 1
                  }
                }
                """))).singleElement().satisfies(v -> assertThat(v.message()).contains("error_message"));
    }
}
