package dev.realtime.chat.infra.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VolumesEncryptedRuleTests {

    private final VolumesEncryptedRule rule = new VolumesEncryptedRule();

    private static String template(String ebs) {
        return """
                resource "aws_launch_template" "this" {
                  block_device_mappings {
                    device_name = "/dev/xvda"

                    ebs {
                      volume_size = 20
                      %s
                    }
                  }
                }
                """.formatted(ebs);
    }

    @Test
    void acceptsEncryptedLaunchTemplateVolumes() {
        assertThat(rule.check(Projects.module(template("encrypted = true")))).isEmpty();
    }

    @Test
    void acceptsEncryptionFromAVariableThatIsAlwaysTrue() {
        assertThat(rule.check(Projects.module("""
                variable "encrypted" {
                  type    = bool
                  default = true
                }
                """ + template("encrypted = var.encrypted")))).isEmpty();
    }

    @Test
    void rejectsAnUnencryptedLaunchTemplateVolume() {
        assertThat(rule.check(Projects.module(template("encrypted = false"))))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("/dev/xvda").contains("encrypted = true"));
    }

    @Test
    void rejectsAVolumeThatDoesNotSayEncrypted() {
        assertThat(rule.check(Projects.module(template("")))).hasSize(1);
    }

    @Test
    void rejectsALaunchTemplateThatLeavesTheRootVolumeToTheAmi() {
        assertThat(rule.check(Projects.module("resource \"aws_launch_template\" \"this\" {\n  image_id = \"ami-1\"\n}\n")))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("no block_device_mappings"));
    }

    @Test
    void rejectsAnInstanceWithAnUnencryptedRootDevice() {
        assertThat(rule.check(Projects.module("""
                resource "aws_instance" "this" {
                  ami = "ami-1"

                  root_block_device {
                    volume_size = 20
                    encrypted   = false
                  }
                }
                """))).hasSize(1);
    }

    @Test
    void rejectsAnInstanceWithoutTemplateOrEncryptedRootDevice() {
        assertThat(rule.check(Projects.module("resource \"aws_instance\" \"this\" {\n  ami = \"ami-1\"\n}\n"))).hasSize(1);
    }

    @Test
    void rejectsAnUnencryptedEbsVolume() {
        assertThat(rule.check(Projects.module("""
                resource "aws_ebs_volume" "data" {
                  availability_zone = "us-east-1a"
                  size              = 100
                }
                """))).singleElement().satisfies(v -> assertThat(v.location()).contains("aws_ebs_volume.data"));
    }
}
