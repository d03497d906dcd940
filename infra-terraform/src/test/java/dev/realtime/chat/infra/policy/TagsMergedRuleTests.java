package dev.realtime.chat.infra.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TagsMergedRuleTests {

    private final TagsMergedRule rule = new TagsMergedRule();

    private static final String TAGS_VARIABLE = """
            variable "tags" {
              type    = map(string)
              default = {}
            }

            locals {
              base = merge(var.tags, { Module = "test" })
              tags = local.base
            }
            """;

    @Test
    void acceptsTagsMergedFromTheTagsVariableDirectlyOrThroughLocals() {
        assertThat(rule.check(Projects.module(TAGS_VARIABLE + """
                resource "aws_vpc" "a" {
                  tags = var.tags
                }

                resource "aws_vpc" "b" {
                  tags = merge(local.tags, { Name = "b" })
                }

                resource "aws_route" "untaggable" {
                  route_table_id = "rtb-1"
                }
                """))).isEmpty();
    }

    @Test
    void rejectsATaggableResourceWithoutTags() {
        assertThat(rule.check(Projects.module(TAGS_VARIABLE + "resource \"aws_vpc\" \"this\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n")))
                .singleElement().satisfies(v -> assertThat(v.location()).contains("aws_vpc.this"));
    }

    @Test
    void rejectsTagsThatIgnoreTheTagsVariable() {
        assertThat(rule.check(Projects.module(TAGS_VARIABLE + "resource \"aws_vpc\" \"this\" {\n  tags = { Name = \"x\" }\n}\n")))
                .hasSize(1);
    }

    @Test
    void rejectsAModuleWithAwsResourcesButNoTagsVariable() {
        assertThat(rule.check(Projects.module("resource \"aws_route\" \"r\" {\n  route_table_id = \"rtb-1\"\n}\n")))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("variable \"tags\""));
    }

    @Test
    void rejectsAModuleCallThatDropsTheCallersTags() {
        TerraformProject project = Projects.files("modules/vpc/main.tf", TAGS_VARIABLE
                + "resource \"aws_vpc\" \"this\" {\n  tags = local.tags\n}\n", "environments/prod/main.tf", """
                variable "tags" {
                  type = map(string)
                }

                module "vpc" {
                  source = "../../modules/vpc"
                  tags   = { Owner = "me" }
                }
                """);

        assertThat(rule.check(project)).singleElement().satisfies(v -> assertThat(v.location()).contains("module.vpc"));
    }

    @Test
    void rejectsALaunchTemplateThatDoesNotTagItsVolumes() {
        assertThat(rule.check(Projects.module(TAGS_VARIABLE + """
                resource "aws_launch_template" "this" {
                  tags = local.tags

                  tag_specifications {
                    resource_type = "instance"
                    tags          = local.tags
                  }
                }
                """))).singleElement().satisfies(v -> assertThat(v.message()).contains("launched volume"));
    }
}
