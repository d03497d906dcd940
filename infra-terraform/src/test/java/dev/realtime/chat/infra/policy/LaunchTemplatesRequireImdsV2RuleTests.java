package dev.realtime.chat.infra.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LaunchTemplatesRequireImdsV2RuleTests {

    private final LaunchTemplatesRequireImdsV2Rule rule = new LaunchTemplatesRequireImdsV2Rule();

    private static String template(String metadataOptions) {
        return """
                resource "aws_launch_template" "this" {
                  image_id = "ami-0123456789abcdef0"
                  %s
                }

                resource "aws_instance" "this" {
                  launch_template {
                    id      = aws_launch_template.this.id
                    version = aws_launch_template.this.latest_version
                  }
                }
                """.formatted(metadataOptions);
    }

    @Test
    void acceptsALaunchTemplateRequiringTokensAndInstancesLaunchedFromIt() {
        assertThat(rule.check(Projects.module(template("""
                metadata_options {
                    http_endpoint = "enabled"
                    http_tokens   = "required"
                  }
                """)))).isEmpty();
    }

    @Test
    void rejectsOptionalTokens() {
        assertThat(rule.check(Projects.module(template("metadata_options {\n    http_tokens = \"optional\"\n  }"))))
                .singleElement().satisfies(v -> {
                    assertThat(v.location()).contains("aws_launch_template.this");
                    assertThat(v.message()).contains("http_tokens = \"required\"");
                });
    }

    @Test
    void rejectsALaunchTemplateWithoutMetadataOptions() {
        assertThat(rule.check(Projects.module(template("")))).hasSize(1);
    }

    @Test
    void rejectsTokensFromAVariableThatMayBeOptional() {
        assertThat(rule.check(Projects.module("""
                variable "tokens" {
                  type    = string
                  default = "optional"
                }
                """ + template("metadata_options {\n    http_tokens = var.tokens\n  }")))).hasSize(1);
    }

    @Test
    void rejectsAnInstanceWithNeitherLaunchTemplateNorMetadataOptions() {
        assertThat(rule.check(Projects.module("""
                resource "aws_instance" "bare" {
                  ami           = "ami-0123456789abcdef0"
                  instance_type = "t3.micro"
                }
                """))).singleElement().satisfies(v -> assertThat(v.message()).contains("IMDSv1 stays enabled"));
    }

    @Test
    void rejectsAnInstanceThatWeakensItsLaunchTemplate() {
        assertThat(rule.check(Projects.module(template("metadata_options {\n    http_tokens = \"required\"\n  }")
                .replace("resource \"aws_instance\" \"this\" {", """
                        resource "aws_instance" "this" {
                          metadata_options {
                            http_tokens = "optional"
                          }
                        """)))).singleElement()
                .satisfies(v -> assertThat(v.location()).contains("aws_instance.this"));
    }

    @Test
    void rejectsAnInstanceFromALaunchTemplateOutsideTheConfiguration() {
        assertThat(rule.check(Projects.module("""
                resource "aws_instance" "this" {
                  launch_template {
                    name = "made-by-hand"
                  }
                }
                """))).singleElement().satisfies(v -> assertThat(v.message()).contains("cannot be verified"));
    }
}
