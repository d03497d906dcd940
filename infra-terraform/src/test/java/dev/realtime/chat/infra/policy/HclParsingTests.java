package dev.realtime.chat.infra.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HclParsingTests {

    @Test
    void readsBlocksLabelsAndAttributesAsWritten() {
        TerraformFile file = TerraformFile.parse("main.tf", """
                resource "aws_lb" "this" {
                  name         = "chat"
                  idle_timeout = 120
                  internal     = false
                  subnets      = var.subnet_ids
                  tags         = merge(local.tags, { Name = "chat" })

                  access_logs {
                    enabled = true
                  }
                }
                """);

        Block lb = file.blocks().get(0);
        assertThat(lb.address()).isEqualTo("aws_lb.this");
        assertThat(lb.line()).isEqualTo(1);
        assertThat(lb.attr("name").flatMap(Expr::string)).contains("chat");
        assertThat(lb.attr("idle_timeout").flatMap(Expr::number)).contains(120.0);
        assertThat(lb.attr("internal").flatMap(Expr::bool)).contains(false);
        assertThat(lb.attr("subnets").flatMap(Expr::reference)).contains("var.subnet_ids");
        assertThat(lb.attr("tags").flatMap(Expr::call).map(Expr.Call::name)).contains("merge");
        assertThat(lb.attr("tags").get().references()).containsExactly("local.tags");
        assertThat(lb.block("access_logs").flatMap(b -> b.attr("enabled")).flatMap(Expr::bool)).contains(true);
    }

    @Test
    void referencesDropIndexesAndKeepReferencesInsideThem() {
        TerraformFile file = TerraformFile.parse("main.tf", """
                locals {
                  subnet = aws_subnet.private[count.index % local.zones].id
                }
                """);

        Expr subnet = file.blocks().get(0).attr("subnet").get();
        assertThat(subnet.references()).contains("aws_subnet.private.id", "count.index", "local.zones");
        assertThat(subnet.reference()).contains("aws_subnet.private.id");
    }

    @Test
    void readsTopLevelAttributesOfVariableFiles() {
        TerraformFile file = TerraformFile.parse("terraform.tfvars", """
                gateway_count           = 4
                alb_ingress_cidr_blocks = ["0.0.0.0/0"]
                """);

        assertThat(file.attributes()).containsOnlyKeys("gateway_count", "alb_ingress_cidr_blocks");
        assertThat(file.attributes().get("alb_ingress_cidr_blocks").list().get()).hasSize(1);
    }

    @Test
    void anUnclosedBlockIsAParseErrorNotAnEmptyFile() {
        // hcl4j's lexer alone returns no blocks for this, which would let every rule pass vacuously
        assertThatThrownBy(() -> TerraformFile.parse("modules/x/main.tf", """
                resource "aws_security_group_rule" "open" {
                  type        = "ingress"
                  cidr_blocks = ["0.0.0.0/0"]
                """))
                .isInstanceOf(TerraformParseException.class)
                .hasMessageContaining("modules/x/main.tf")
                .hasMessageContaining("never closed");
    }

    @Test
    void anAttributeWithoutValueIsAParseError() {
        assertThatThrownBy(() -> TerraformFile.parse("main.tf", "resource \"a\" \"b\" {\n  x =\n}\n"))
                .isInstanceOf(TerraformParseException.class)
                .hasMessageContaining("attribute x has no value");
    }

    @Test
    void anUnterminatedStringIsAParseError() {
        assertThatThrownBy(() -> TerraformFile.parse("main.tf", "locals {\n  x = \"open\n}\n"))
                .isInstanceOf(TerraformParseException.class)
                .hasMessageContaining("unterminated string");
    }

    @Test
    void whatHcl4jCannotParseIsReportedWithTheFileName() {
        // valid Terraform that hcl4j 0.9.8 rejects: a map comprehension whose values are template strings
        assertThatThrownBy(() -> TerraformFile.parse("modules/x/main.tf", """
                locals {
                  names = { for key, value in var.secrets : key => "${var.prefix}/${key}" }
                }
                """))
                .isInstanceOf(TerraformParseException.class)
                .hasMessageContaining("modules/x/main.tf")
                .hasMessageContaining("hcl4j cannot parse it");
    }

    @Test
    void bracesInStringsCommentsAndHeredocsDoNotUnbalanceTheFile() {
        TerraformFile file = TerraformFile.parse("main.tf", """
                # a comment with { and [
                // another }
                /* and a block comment ) */
                locals {
                  json   = "{\\"a\\": [1, 2]}"
                  nested = "${format("%s}", var.x)}"
                  script = <<-EOT
                    if [ x ]; then { echo; }
                  EOT
                }
                """);

        assertThat(file.blocks()).hasSize(1);
        assertThat(file.blocks().get(0).attributes()).containsKeys("json", "nested");
    }
}
