package dev.realtime.chat.infra.policy;

import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.Function;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.Operator;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.PrimitiveType;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.Variable;
import com.bertramlabs.plugins.hcl4j.RuntimeSymbols.VariableTree;
import com.bertramlabs.plugins.hcl4j.symbols.HCLArray;
import com.bertramlabs.plugins.hcl4j.symbols.HCLAttribute;
import com.bertramlabs.plugins.hcl4j.symbols.HCLBlock;
import com.bertramlabs.plugins.hcl4j.symbols.HCLValue;
import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One expression as written (the right-hand side of an attribute), over hcl4j's symbols. hcl4j flattens
 * operators: {@code a > 0 ? b : c} is the symbol list {@code a > 0 ? b : c}.
 */
public final class Expr {

    private final List<Symbol> symbols;
    private final int line;

    Expr(List<Symbol> symbols, int line) {
        this.symbols = symbols == null ? List.of() : List.copyOf(symbols);
        this.line = line;
    }

    /** One-based line of the expression in its file. */
    public int line() {
        return line;
    }

    private Optional<Symbol> single() {
        return symbols.size() == 1 ? Optional.of(symbols.get(0)) : Optional.empty();
    }

    private Optional<HCLValue> literal(String type) {
        return single().filter(HCLValue.class::isInstance).map(HCLValue.class::cast).filter(v -> type.equals(v.type));
    }

    /** The value if the expression is one string literal (no interpolation). */
    public Optional<String> string() {
        return literal("string").map(v -> String.valueOf(v.value));
    }

    public Optional<Double> number() {
        return literal("number").map(v -> Double.parseDouble(String.valueOf(v.value)));
    }

    public Optional<Boolean> bool() {
        return literal("boolean").map(v -> Boolean.parseBoolean(String.valueOf(v.value)));
    }

    public boolean isNullLiteral() {
        return literal("null").isPresent();
    }

    /** True for a literal string, number, boolean or null. */
    public boolean isLiteral() {
        return single().filter(HCLValue.class::isInstance).isPresent();
    }

    /** A type constraint such as {@code string} or {@code map(string)} (only meaningful for a variable's type). */
    public boolean isTypeConstraint() {
        return single().filter(PrimitiveType.class::isInstance).isPresent()
                || single().filter(s -> s instanceof VariableTree && "any".equals(s.getName())).isPresent();
    }

    /** Type constraint name (string, number, bool, list, map, set, object, tuple, any). */
    public Optional<String> typeName() {
        return single().filter(PrimitiveType.class::isInstance).map(Symbol::getName)
                .or(() -> single().filter(s -> s instanceof VariableTree && "any".equals(s.getName())).map(s -> "any"));
    }

    /**
     * Elements if the expression is a list literal. Elements containing operators cannot be told apart in
     * hcl4j's flat symbol list: such a list comes back as one element holding everything.
     */
    public Optional<List<Expr>> list() {
        return single().filter(HCLArray.class::isInstance).map(array -> {
            List<Symbol> children = array.getChildren() == null ? List.of() : array.getChildren();
            if (children.stream().anyMatch(Operator.class::isInstance)) {
                return List.of(new Expr(children, line));
            }
            List<Expr> elements = new ArrayList<>();
            for (Symbol child : children) {
                elements.add(new Expr(List.of(child), line));
            }
            return elements;
        });
    }

    /** Attributes if the expression is an object/map literal. */
    public Optional<Map<String, Expr>> object() {
        return single().filter(HCLBlock.class::isInstance).map(Expr::attributesOf);
    }

    static Map<String, Expr> attributesOf(Symbol block) {
        Map<String, Expr> attributes = new LinkedHashMap<>();
        if (block.getChildren() != null) {
            for (Symbol child : block.getChildren()) {
                if (child instanceof HCLAttribute) {
                    attributes.put(child.getName(), new Expr(child.getChildren(), child.getLine() + 1));
                }
            }
        }
        return attributes;
    }

    /** The reference path if the expression is exactly one reference, e.g. {@code aws_lb.this.arn}. */
    public Optional<String> reference() {
        return single().filter(Expr::isReference).map(Expr::referencePath);
    }

    /** Name and arguments if the expression is exactly one function call. */
    public Optional<Call> call() {
        return single().filter(Expr::isCall).map(tree -> {
            Symbol function = tree.getChildren().get(0);
            List<Symbol> args = function.getChildren() == null ? List.of() : function.getChildren();
            List<Expr> arguments = new ArrayList<>();
            if (args.stream().anyMatch(Operator.class::isInstance)) {
                arguments.add(new Expr(args, line));
            }
            else {
                for (Symbol arg : args) {
                    arguments.add(new Expr(List.of(arg), line));
                }
            }
            return new Call(function.getName(), arguments);
        });
    }

    /** Every reference anywhere in the expression (inside calls, lists, objects, conditions, indexes). */
    public Set<String> references() {
        Set<String> references = new LinkedHashSet<>();
        for (Symbol symbol : symbols) {
            collectReferences(symbol, references);
        }
        return references;
    }

    /** The top-level parts of a composite expression that are not operators (operands of ?:, ==, && ...). */
    public List<Expr> operands() {
        List<Expr> operands = new ArrayList<>();
        for (Symbol symbol : symbols) {
            if (!(symbol instanceof Operator)) {
                operands.add(new Expr(List.of(symbol), line));
            }
        }
        return operands;
    }

    /** True if the expression is a single value (literal, reference, call, list, object) without operators. */
    public boolean isSimple() {
        return symbols.size() == 1;
    }

    public boolean isEmpty() {
        return symbols.isEmpty();
    }

    private static void collectReferences(Symbol symbol, Set<String> into) {
        if (isReference(symbol)) {
            into.add(referencePath(symbol));
        }
        if (symbol.getChildren() != null) {
            for (Symbol child : symbol.getChildren()) {
                if (!(child instanceof Variable) || child instanceof VariableTree) {
                    collectReferences(child, into);
                }
            }
        }
    }

    private static boolean isReference(Symbol symbol) {
        return symbol instanceof VariableTree && symbol.getChildren() != null && !symbol.getChildren().isEmpty()
                && symbol.getChildren().get(0) instanceof Variable && !(symbol.getChildren().get(0) instanceof VariableTree);
    }

    private static boolean isCall(Symbol symbol) {
        return symbol instanceof VariableTree && symbol.getChildren() != null && !symbol.getChildren().isEmpty()
                && symbol.getChildren().get(0) instanceof Function;
    }

    /** {@code aws_subnet.private[count.index].id} is the path {@code aws_subnet.private.id}: indexes are dropped. */
    private static String referencePath(Symbol tree) {
        List<String> parts = new ArrayList<>();
        for (Symbol child : tree.getChildren()) {
            if (child instanceof Variable && !(child instanceof VariableTree)) {
                parts.add(child.getName());
            }
        }
        return String.join(".", parts);
    }

    @Override
    public String toString() {
        return symbols.toString();
    }

    /** A function call: {@code merge(local.tags, { Name = "x" })}. */
    public record Call(String name, List<Expr> arguments) {
    }
}
