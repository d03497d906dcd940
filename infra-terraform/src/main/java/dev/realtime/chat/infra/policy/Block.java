package dev.realtime.chat.infra.policy;

import com.bertramlabs.plugins.hcl4j.symbols.HCLAttribute;
import com.bertramlabs.plugins.hcl4j.symbols.HCLBlock;
import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A block as written: {@code resource "aws_lb" "this" { ... }} has type {@code resource} and labels
 * {@code [aws_lb, this]}; nested blocks ({@code health_check}, {@code dynamic "statement"}) are blocks too.
 */
public record Block(String type, List<String> labels, Map<String, Expr> attributes, List<Block> blocks, String file,
        int line) {

    static Block of(HCLBlock block, String file) {
        List<String> names = block.blockNames;
        Map<String, Expr> attributes = new LinkedHashMap<>();
        List<Block> blocks = new ArrayList<>();
        if (block.getChildren() != null) {
            for (Symbol child : block.getChildren()) {
                if (child instanceof HCLAttribute) {
                    attributes.put(child.getName(), new Expr(child.getChildren(), child.getLine() + 1));
                }
                else if (child instanceof HCLBlock nested) {
                    blocks.add(of(nested, file));
                }
            }
        }
        return new Block(names.get(0), List.copyOf(names.subList(1, names.size())), attributes, List.copyOf(blocks),
                file, block.getLine() + 1);
    }

    public String label(int index) {
        return index < labels.size() ? labels.get(index) : "";
    }

    /** {@code aws_lb.this} for a resource or data source, {@code module.alb} for a module call, else type + labels. */
    public String address() {
        return switch (type) {
            case "resource" -> label(0) + "." + label(1);
            case "data" -> "data." + label(0) + "." + label(1);
            case "module" -> "module." + label(0);
            case "variable" -> "var." + label(0);
            case "output" -> "output." + label(0);
            default -> String.join(".", type, String.join(".", labels));
        };
    }

    /** For resources and data sources: the resource type, e.g. {@code aws_lb}. */
    public String resourceType() {
        return label(0);
    }

    /** For resources and data sources: the name, e.g. {@code this}. */
    public String name() {
        return labels.size() > 1 ? label(1) : label(0);
    }

    public Optional<Expr> attr(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    public boolean has(String name) {
        return attributes.containsKey(name);
    }

    public List<Block> blocks(String type) {
        return blocks.stream().filter(b -> b.type.equals(type)).toList();
    }

    public Optional<Block> block(String type) {
        return blocks.stream().filter(b -> b.type.equals(type)).findFirst();
    }

    /**
     * Nested blocks of a type, written out or generated: the {@code content} of {@code dynamic "<type>"} blocks
     * counts too (its attributes usually reference the iterator, so they resolve to unknown values).
     */
    public List<Block> blocksIncludingDynamic(String type) {
        List<Block> found = new ArrayList<>(blocks(type));
        for (Block dynamic : blocks("dynamic")) {
            if (dynamic.label(0).equals(type)) {
                dynamic.block("content").ifPresent(found::add);
            }
        }
        return found;
    }

    /** Where the block is, for messages: {@code modules/alb/main.tf:12 aws_lb.this}. */
    public String location() {
        return file + ":" + line + " " + address();
    }
}
