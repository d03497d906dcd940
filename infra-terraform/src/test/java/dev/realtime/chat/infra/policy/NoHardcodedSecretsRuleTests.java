package dev.realtime.chat.infra.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoHardcodedSecretsRuleTests {

    private final NoHardcodedSecretsRule rule = new NoHardcodedSecretsRule();

    @Test
    void acceptsSecretsThatComeFromElsewhere() {
        assertThat(rule.check(Projects.module("""
                variable "rabbitmq_password" {
                  type      = string
                  sensitive = true
                }

                resource "random_password" "jwt" {
                  length = 64
                }

                resource "aws_ssm_parameter" "jwt" {
                  name  = "/chat/prod/jwt-secret"
                  type  = "SecureString"
                  value = random_password.jwt.result
                }

                locals {
                  secrets = { CHAT_AUTH_JWT_SECRET = aws_ssm_parameter.jwt.name }
                }
                """))).isEmpty();
    }

    @Test
    void rejectsAnSsmParameterWithALiteralValue() {
        assertThat(rule.check(Projects.module("""
                resource "aws_ssm_parameter" "jwt" {
                  name  = "/chat/prod/jwt-secret"
                  type  = "SecureString"
                  value = "super-secret-signing-key"
                }
                """))).singleElement().satisfies(v -> assertThat(v.message()).contains("value"));
    }

    @Test
    void rejectsASecretVariableWithADefaultOrNotSensitive() {
        assertThat(rule.check(Projects.module("""
                variable "jwt_secret" {
                  type    = string
                  default = "change-me"
                }
                """))).extracting(Violation::message)
                .containsExactlyInAnyOrder("a secret input must be sensitive = true", "a secret input must not have a default");
    }

    @Test
    void rejectsALiteralPasswordInsideAnEnvironmentMap() {
        assertThat(rule.check(Projects.module("""
                module "user_data" {
                  source = "../user-data"
                  environment = merge(local.base, {
                    SPRING_RABBITMQ_PASSWORD = "guest"
                  })
                }
                """))).singleElement().satisfies(v -> assertThat(v.message()).contains("SPRING_RABBITMQ_PASSWORD"));
    }

    @Test
    void rejectsASecretInAVariablesFile() {
        TerraformProject project = Projects.files("modules/test/main.tf", "locals {\n  a = 1\n}\n",
                "environments/prod/terraform.tfvars.example", "region = \"us-east-1\"\ngrafana_admin_password = \"admin\"\n");

        assertThat(rule.check(project)).singleElement()
                .satisfies(v -> assertThat(v.location()).contains("environments/prod/terraform.tfvars.example"));
    }
}
