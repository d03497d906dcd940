package dev.realtime.chat.infra.policy;

import com.bertramlabs.plugins.hcl4j.symbols.HCLAttribute;
import com.bertramlabs.plugins.hcl4j.symbols.HCLBlock;
import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parsed file: its top-level blocks and, for {@code .tfvars}-style files, its top-level attributes.
 *
 * @param path path relative to the project root, with forward slashes (e.g. {@code modules/alb/main.tf})
 */
public record TerraformFile(String path, List<Block> blocks, Map<String, Expr> attributes) {

    public static TerraformFile parse(String path, String source) {
        List<Block> blocks = new ArrayList<>();
        Map<String, Expr> attributes = new LinkedHashMap<>();
        for (Symbol symbol : Hcl4jSyntax.parse(path, source)) {
            if (symbol instanceof HCLBlock block) {
                blocks.add(Block.of(block, path));
            }
            else if (symbol instanceof HCLAttribute) {
                attributes.put(symbol.getName(), new Expr(symbol.getChildren(), symbol.getLine() + 1));
            }
        }
        return new TerraformFile(path, List.copyOf(blocks), attributes);
    }

    /** The directory part of the path ({@code modules/alb}), empty for a file at the project root. */
    public String directory() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
