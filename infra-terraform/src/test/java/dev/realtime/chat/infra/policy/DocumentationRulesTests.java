package dev.realtime.chat.infra.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocumentationRulesTests {

    private final VariablesDocumentedRule variables = new VariablesDocumentedRule();
    private final OutputsDocumentedRule outputs = new OutputsDocumentedRule();

    @Test
    void acceptsTypedAndDescribedVariables() {
        assertThat(variables.check(Projects.module("""
                variable "count_of_things" {
                  type        = number
                  description = "How many."
                }

                variable "settings" {
                  type = object({
                    name = string
                  })
                  description = "Settings."
                }

                variable "anything" {
                  type        = any
                  description = "Anything."
                }
                """))).isEmpty();
    }

    @Test
    void rejectsAVariableWithoutType() {
        assertThat(variables.check(Projects.module("variable \"name\" {\n  description = \"The name.\"\n}\n")))
                .singleElement().satisfies(v -> {
                    assertThat(v.message()).isEqualTo("declares no type");
                    assertThat(v.location()).contains("var.name");
                });
    }

    @Test
    void rejectsAVariableWithoutOrWithABlankDescription() {
        assertThat(variables.check(Projects.module("variable \"name\" {\n  type = string\n}\n")))
                .singleElement().satisfies(v -> assertThat(v.message()).isEqualTo("has no description"));
        assertThat(variables.check(Projects.module("variable \"name\" {\n  type        = string\n  description = \" \"\n}\n")))
                .hasSize(1);
    }

    @Test
    void acceptsDescribedOutputs() {
        assertThat(outputs.check(Projects.module("output \"id\" {\n  description = \"The ID.\"\n  value       = aws_vpc.this.id\n}\n")))
                .isEmpty();
    }

    @Test
    void rejectsAnOutputWithoutDescription() {
        assertThat(outputs.check(Projects.module("output \"id\" {\n  value = aws_vpc.this.id\n}\n")))
                .singleElement().satisfies(v -> assertThat(v.location()).contains("output.id"));
    }
}
