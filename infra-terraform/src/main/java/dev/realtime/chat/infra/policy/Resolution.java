package dev.realtime.chat.infra.policy;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an expression can evaluate to, as far as the configuration alone tells: the constant values it may take
 * (lists flattened into their elements), and whether that set is complete. An input without default, a computed
 * attribute or an unknown function makes it incomplete.
 */
public record Resolution(Set<Object> values, boolean complete) {

    /** Stands for a {@code null} literal among the values. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    public static Resolution of(Object value) {
        Set<Object> values = new LinkedHashSet<>();
        values.add(value);
        return new Resolution(values, true);
    }

    public static Resolution unknown() {
        return new Resolution(new LinkedHashSet<>(), false);
    }

    public static Resolution empty() {
        return new Resolution(new LinkedHashSet<>(), true);
    }

    public Resolution union(Resolution other) {
        Set<Object> all = new LinkedHashSet<>(values);
        all.addAll(other.values);
        return new Resolution(all, complete && other.complete);
    }

    public Resolution incomplete() {
        return new Resolution(values, false);
    }

    /** Numeric values (numbers, and strings that are numbers). */
    public Set<Double> numbers() {
        return values.stream().map(Resolution::asNumber).filter(n -> n != null).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public Set<String> strings() {
        return values.stream().filter(v -> v != NULL).map(String::valueOf).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** True if the set is complete and every value is a number satisfying the test. */
    public boolean allNumbers(java.util.function.DoublePredicate test) {
        return complete && !values.isEmpty() && values.stream().allMatch(v -> asNumber(v) != null && test.test(asNumber(v)));
    }

    /** True if the set is complete, not empty, and every value equals {@code expected} (as a string). */
    public boolean allEqual(String expected) {
        return complete && !values.isEmpty() && values.stream().allMatch(v -> v != NULL && String.valueOf(v).equals(expected));
    }

    public boolean contains(String value) {
        return values.stream().anyMatch(v -> v != NULL && String.valueOf(v).equals(value));
    }

    static Double asNumber(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof String string) {
            try {
                return Double.parseDouble(string);
            }
            catch (NumberFormatException ex) {
                return null;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return values + (complete ? "" : " (and unknown values)");
    }
}
