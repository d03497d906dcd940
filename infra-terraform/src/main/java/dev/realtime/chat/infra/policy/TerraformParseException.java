package dev.realtime.chat.infra.policy;

/** A Terraform file that hcl4j cannot read, or that is structurally broken (unbalanced, attribute without value). */
public class TerraformParseException extends RuntimeException {

    private final String file;

    public TerraformParseException(String file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    public TerraformParseException(String file, String message) {
        this(file, message, null);
    }

    public String file() {
        return file;
    }
}
