package dev.realtime.chat.infra.policy;

import com.bertramlabs.plugins.hcl4j.HCLParserException;
import com.bertramlabs.plugins.hcl4j.symbols.HCLAttribute;
import com.bertramlabs.plugins.hcl4j.symbols.Symbol;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Reads HCL with hcl4j and returns its syntax tree, unevaluated.
 *
 * <p>{@code HCLParser.parse} runs hcl4j's lexer and then evaluates the result: references become {@code null}
 * ({@code certificate_arn = var.certificate_arn} would read as "no certificate"), {@code merge(var.tags, ...)}
 * disappears, and the evaluator throws a ClassCastException on valid Terraform such as {@code local.ids[0]}
 * when {@code local.ids} aliases a module output. The rules need the expressions as written, so this class
 * takes the lexer's symbol tree (what {@code HCLParser} itself starts from). The lexer is package-private in
 * hcl4j 0.9.8, hence the reflection. The lexer is lenient (an unclosed block simply yields nothing), so
 * {@link #checkStructure} adds the checks it skips.
 */
final class Hcl4jSyntax {

    private static final Constructor<?> LEXER;
    private static final Method YYLEX;
    private static final Field ELEMENT_STACK;

    static {
        try {
            Class<?> lexer = Class.forName("com.bertramlabs.plugins.hcl4j.HCLLexer");
            LEXER = lexer.getDeclaredConstructor(java.io.Reader.class);
            LEXER.setAccessible(true);
            YYLEX = lexer.getDeclaredMethod("yylex");
            YYLEX.setAccessible(true);
            ELEMENT_STACK = lexer.getDeclaredField("elementStack");
            ELEMENT_STACK.setAccessible(true);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError("hcl4j's HCLLexer is not where 0.9.x keeps it: " + ex);
        }
    }

    private Hcl4jSyntax() {
    }

    @SuppressWarnings("unchecked")
    static List<Symbol> parse(String file, String source) {
        checkStructure(file, source);
        List<Symbol> roots;
        try {
            Object lexer = LEXER.newInstance(new StringReader(source));
            YYLEX.invoke(lexer);
            roots = (List<Symbol>) ELEMENT_STACK.get(lexer);
        }
        catch (InvocationTargetException ex) {
            Throwable cause = ex.getCause();
            String message = cause instanceof HCLParserException ? cause.getMessage() : String.valueOf(cause);
            throw new TerraformParseException(file, "hcl4j cannot parse it: " + message, cause);
        }
        catch (ReflectiveOperationException ex) {
            throw new TerraformParseException(file, "cannot run hcl4j's lexer", ex);
        }
        for (Symbol root : roots) {
            checkAttributesHaveValues(file, root);
        }
        return roots;
    }

    private static void checkAttributesHaveValues(String file, Symbol symbol) {
        if (symbol instanceof HCLAttribute && (symbol.getChildren() == null || symbol.getChildren().isEmpty())) {
            throw new TerraformParseException(file,
                    "line " + (symbol.getLine() + 1) + ": attribute " + symbol.getName() + " has no value");
        }
        if (symbol.getChildren() != null) {
            for (Symbol child : symbol.getChildren()) {
                checkAttributesHaveValues(file, child);
            }
        }
    }

    /** Brackets balance outside strings, comments and heredocs; strings and block comments are closed. */
    static void checkStructure(String file, String source) {
        Deque<Character> open = new ArrayDeque<>();
        Deque<Integer> openLines = new ArrayDeque<>();
        int line = 1;
        int i = 0;
        int length = source.length();
        while (i < length) {
            char c = source.charAt(i);
            char next = i + 1 < length ? source.charAt(i + 1) : '\0';
            if (c == '\n') {
                line++;
                i++;
            }
            else if (c == '#' || (c == '/' && next == '/')) {
                while (i < length && source.charAt(i) != '\n') {
                    i++;
                }
            }
            else if (c == '/' && next == '*') {
                int end = source.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new TerraformParseException(file, "line " + line + ": unterminated /* comment");
                }
                line += count(source, i, end, '\n');
                i = end + 2;
            }
            else if (c == '<' && next == '<' && isHeredocStart(source, i)) {
                int[] skipped = skipHeredoc(file, source, i, line);
                i = skipped[0];
                line = skipped[1];
            }
            else if (c == '"') {
                int[] skipped = skipString(file, source, i + 1, line);
                i = skipped[0];
                line = skipped[1];
            }
            else if (c == '{' || c == '[' || c == '(') {
                open.push(c);
                openLines.push(line);
                i++;
            }
            else if (c == '}' || c == ']' || c == ')') {
                char expected = c == '}' ? '{' : c == ']' ? '[' : '(';
                if (open.isEmpty() || open.peek() != expected) {
                    throw new TerraformParseException(file, "line " + line + ": unbalanced '" + c + "'");
                }
                open.pop();
                openLines.pop();
                i++;
            }
            else {
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw new TerraformParseException(file,
                    "line " + openLines.peek() + ": '" + open.peek() + "' is never closed");
        }
    }

    /** Skips a quoted string (with ${...} interpolations, which may hold strings); returns {index after, line}. */
    private static int[] skipString(String file, String source, int start, int line) {
        int i = start;
        int depth = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\n') {
                if (depth == 0) {
                    throw new TerraformParseException(file, "line " + line + ": unterminated string");
                }
                line++;
            }
            if (depth == 0) {
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    return new int[] { i + 1, line };
                }
                if ((c == '$' || c == '%') && i + 1 < source.length() && source.charAt(i + 1) == '{') {
                    depth = 1;
                    i += 2;
                    continue;
                }
            }
            else {
                if (c == '"') {
                    int[] inner = skipString(file, source, i + 1, line);
                    i = inner[0];
                    line = inner[1];
                    continue;
                }
                if (c == '{') {
                    depth++;
                }
                else if (c == '}') {
                    depth--;
                }
            }
            i++;
        }
        throw new TerraformParseException(file, "line " + line + ": unterminated string");
    }

    private static boolean isHeredocStart(String source, int i) {
        int j = i + 2;
        if (j < source.length() && source.charAt(j) == '-') {
            j++;
        }
        return j < source.length() && Character.isLetter(source.charAt(j));
    }

    private static int[] skipHeredoc(String file, String source, int start, int line) {
        int j = start + 2;
        if (source.charAt(j) == '-') {
            j++;
        }
        int markerStart = j;
        while (j < source.length() && (Character.isLetterOrDigit(source.charAt(j)) || source.charAt(j) == '_')) {
            j++;
        }
        String marker = source.substring(markerStart, j);
        int lineEnd = source.indexOf('\n', j);
        while (lineEnd >= 0) {
            line++;
            int nextEnd = source.indexOf('\n', lineEnd + 1);
            String content = source.substring(lineEnd + 1, nextEnd < 0 ? source.length() : nextEnd).trim();
            if (content.equals(marker)) {
                return new int[] { nextEnd < 0 ? source.length() : nextEnd, line };
            }
            lineEnd = nextEnd;
        }
        throw new TerraformParseException(file, "heredoc " + marker + " is never closed");
    }

    private static int count(String source, int from, int to, char c) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (source.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
