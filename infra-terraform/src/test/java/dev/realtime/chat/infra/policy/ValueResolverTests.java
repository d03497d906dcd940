package dev.realtime.chat.infra.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValueResolverTests {

    private static final String MODULE = """
            variable "port" {
              type    = number
              default = 8080
            }

            variable "required" {
              type = string
            }

            locals {
              doubled = var.port
              either  = var.required == "" ? "a" : "b"
            }

            resource "aws_security_group" "alb" {
              name = "alb"
            }

            output "group_id" {
              value = aws_security_group.alb.id
            }
            """;

    @Test
    void aVariableInARootModuleIsItsDefault() {
        TerraformProject project = Projects.files("modules/m/main.tf", MODULE);
        TerraformModule module = project.module("modules/m").get();

        Resolution port = new ValueResolver(project).resolve(module, module.locals().get("doubled"));

        assertThat(port.numbers()).containsExactly(8080.0);
        assertThat(port.complete()).isTrue();
    }

    @Test
    void aVariableIsWhatEveryCallerPassesAndTheDefaultWhereACallerPassesNothing() {
        TerraformProject project = Projects.files("modules/m/main.tf", MODULE, "environments/a/main.tf", """
                locals {
                  port = 9000
                }

                module "first" {
                  source   = "../../modules/m"
                  port     = local.port
                  required = "x"
                }

                module "second" {
                  source   = "../../modules/m"
                  required = "y"
                }
                """);
        TerraformModule module = project.module("modules/m").get();

        Resolution port = new ValueResolver(project).resolve(module, module.locals().get("doubled"));

        assertThat(port.numbers()).containsExactlyInAnyOrder(9000.0, 8080.0);
        assertThat(port.complete()).isTrue();
    }

    @Test
    void aRequiredInputOfARootModuleIsUnknown() {
        TerraformProject project = Projects.files("modules/m/main.tf", MODULE);
        TerraformModule module = project.module("modules/m").get();

        Resolution either = new ValueResolver(project).resolve(module, module.locals().get("either"));

        assertThat(either.strings()).contains("a", "b");
        assertThat(either.complete()).isFalse();
    }

    @Test
    void tracesAReferenceThroughAVariableAndAModuleOutputToTheResource() {
        TerraformProject project = Projects.files("modules/m/main.tf", MODULE, "modules/lb/main.tf", """
                variable "security_group_ids" {
                  type = list(string)
                }

                resource "aws_lb" "this" {
                  security_groups = var.security_group_ids
                }
                """, "environments/a/main.tf", """
                module "m" {
                  source   = "../../modules/m"
                  required = "x"
                }

                module "lb" {
                  source             = "../../modules/lb"
                  security_group_ids = [module.m.group_id]
                }
                """);
        TerraformModule lb = project.module("modules/lb").get();
        Expr groups = lb.resource("aws_lb", "this").get().attr("security_groups").get();

        assertThat(new ValueResolver(project).traceResources(lb, groups))
                .containsExactly(new ValueResolver.ResourceRef("modules/m", "aws_security_group.alb"));
    }
}
