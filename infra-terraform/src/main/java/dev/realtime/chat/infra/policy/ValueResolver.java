package dev.realtime.chat.infra.policy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Follows expressions through the configuration: a literal is itself; {@code var.x} is what every caller passes
 * for {@code x} (or the default where a caller passes nothing, or in a root module); {@code local.x} is its
 * definition; {@code module.m.o} is output {@code o} of the called module; {@code aws_vpc.this.cidr_block} is
 * that resource's argument. Lists, {@code merge}/{@code concat}/{@code toset}-style calls and conditionals
 * contribute every value they may produce. Anything else (each.value, computed attributes, other functions)
 * is unknown.
 */
public final class ValueResolver {

    private static final int MAX_DEPTH = 16;
    private static final Set<String> PASS_THROUGH_FUNCTIONS = Set.of("merge", "concat", "toset", "tolist", "compact",
            "distinct", "flatten", "coalesce", "coalescelist", "tostring", "tonumber", "sort");
    private static final Set<String> NOT_RESOURCES = Set.of("var", "local", "module", "data", "each", "count", "path",
            "self", "terraform");

    private final TerraformProject project;

    public ValueResolver(TerraformProject project) {
        this.project = project;
    }

    public Resolution resolve(TerraformModule module, Expr expr) {
        return resolve(module, expr, 0);
    }

    private Resolution resolve(TerraformModule module, Expr expr, int depth) {
        if (depth > MAX_DEPTH || expr.isEmpty()) {
            return Resolution.unknown();
        }
        if (expr.isNullLiteral()) {
            return Resolution.of(Resolution.NULL);
        }
        Optional<String> string = expr.string();
        if (string.isPresent()) {
            return Resolution.of(string.get());
        }
        Optional<Double> number = expr.number();
        if (number.isPresent()) {
            return Resolution.of(number.get());
        }
        Optional<Boolean> bool = expr.bool();
        if (bool.isPresent()) {
            return Resolution.of(bool.get());
        }
        Optional<List<Expr>> list = expr.list();
        if (list.isPresent()) {
            Resolution all = Resolution.empty();
            for (Expr element : list.get()) {
                all = all.union(resolve(module, element, depth + 1));
            }
            return all;
        }
        Optional<String> reference = expr.reference();
        if (reference.isPresent()) {
            return resolveReference(module, reference.get(), depth);
        }
        Optional<Expr.Call> call = expr.call();
        if (call.isPresent()) {
            if (!PASS_THROUGH_FUNCTIONS.contains(call.get().name())) {
                return Resolution.unknown();
            }
            Resolution all = Resolution.empty();
            for (Expr argument : call.get().arguments()) {
                all = all.union(resolve(module, argument, depth + 1));
            }
            return all;
        }
        if (!expr.isSimple()) {
            // a conditional or comparison: any operand may be the value; the operator's result is not known
            Resolution all = Resolution.unknown();
            for (Expr operand : expr.operands()) {
                all = all.union(resolve(module, operand, depth + 1));
            }
            return all;
        }
        return Resolution.unknown();
    }

    private Resolution resolveReference(TerraformModule module, String path, int depth) {
        String[] parts = path.split("\\.");
        if (parts.length >= 2 && parts[0].equals("var")) {
            return resolveVariable(module, parts[1], depth).map(r -> attributeOf(r, parts, 2, module, depth))
                    .orElse(Resolution.unknown());
        }
        if (parts.length >= 2 && parts[0].equals("local")) {
            Expr local = module.locals().get(parts[1]);
            return local == null ? Resolution.unknown() : navigate(module, local, parts, 2, depth);
        }
        if (parts.length >= 3 && parts[0].equals("module")) {
            Optional<Block> call = module.moduleCall(parts[1]);
            Optional<TerraformModule> target = call.flatMap(c -> project.calledModule(module, c));
            Optional<Expr> value = target.flatMap(t -> t.output(parts[2])).flatMap(o -> o.attr("value"));
            if (target.isEmpty() || value.isEmpty()) {
                return Resolution.unknown();
            }
            return navigate(target.get(), value.get(), parts, 3, depth);
        }
        if (parts.length >= 3 && !NOT_RESOURCES.contains(parts[0])) {
            Optional<Expr> argument = module.resource(parts[0], parts[1]).flatMap(r -> r.attr(parts[2]));
            return argument.map(a -> resolve(module, a, depth + 1)).orElse(Resolution.unknown());
        }
        return Resolution.unknown();
    }

    /** {@code local.x.y}: if {@code local.x} is an object literal, its attribute {@code y}. */
    private Resolution navigate(TerraformModule module, Expr expr, String[] parts, int from, int depth) {
        Expr current = expr;
        for (int i = from; i < parts.length; i++) {
            Optional<Map<String, Expr>> object = current.object();
            if (object.isEmpty() || !object.get().containsKey(parts[i])) {
                return Resolution.unknown();
            }
            current = object.get().get(parts[i]);
        }
        return resolve(module, current, depth + 1);
    }

    private Resolution attributeOf(VariableValue value, String[] parts, int from, TerraformModule module, int depth) {
        Resolution all = Resolution.empty();
        for (Source source : value.sources()) {
            all = all.union(navigate(source.module(), source.expr(), parts, from, depth));
        }
        return value.complete() ? all : all.incomplete();
    }

    private Optional<VariableValue> resolveVariable(TerraformModule module, String name, int depth) {
        Optional<Block> variable = module.variable(name);
        if (variable.isEmpty()) {
            return Optional.empty();
        }
        Optional<Expr> fallback = variable.get().attr("default");
        List<TerraformProject.ModuleCall> callers = project.callersOf(module);
        Set<Source> sources = new LinkedHashSet<>();
        boolean complete = true;
        if (callers.isEmpty()) {
            if (fallback.isPresent()) {
                sources.add(new Source(module, fallback.get()));
            }
            else {
                complete = false;
            }
        }
        for (TerraformProject.ModuleCall caller : callers) {
            Optional<Expr> argument = caller.block().attr(name);
            if (argument.isPresent()) {
                sources.add(new Source(caller.caller(), argument.get()));
            }
            else if (fallback.isPresent()) {
                sources.add(new Source(module, fallback.get()));
            }
            else {
                complete = false;
            }
        }
        return Optional.of(new VariableValue(sources, complete));
    }

    /**
     * The resources an expression refers to, following variables into callers, module outputs into modules and
     * locals into their definitions: {@code var.security_group_ids} in the ALB module traces to
     * {@code aws_security_group.alb} in the security-groups module.
     */
    public Set<ResourceRef> traceResources(TerraformModule module, Expr expr) {
        Set<ResourceRef> found = new LinkedHashSet<>();
        trace(module, expr, found, 0);
        return found;
    }

    private void trace(TerraformModule module, Expr expr, Set<ResourceRef> found, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        for (String reference : expr.references()) {
            String[] parts = reference.split("\\.");
            if (parts.length >= 2 && parts[0].equals("var")) {
                resolveVariable(module, parts[1], depth).ifPresent(value -> value.sources()
                        .forEach(source -> trace(source.module(), source.expr(), found, depth + 1)));
            }
            else if (parts.length >= 2 && parts[0].equals("local")) {
                Expr local = module.locals().get(parts[1]);
                if (local != null) {
                    trace(module, local, found, depth + 1);
                }
            }
            else if (parts.length >= 3 && parts[0].equals("module")) {
                module.moduleCall(parts[1]).flatMap(c -> project.calledModule(module, c)).ifPresent(target ->
                        target.output(parts[2]).flatMap(o -> o.attr("value"))
                                .ifPresent(value -> trace(target, value, found, depth + 1)));
            }
            else if (parts.length >= 2 && !NOT_RESOURCES.contains(parts[0])) {
                module.resource(parts[0], parts[1]).ifPresent(r -> found.add(new ResourceRef(module.directory(),
                        parts[0] + "." + parts[1])));
            }
        }
    }

    /** A resource in a module directory, e.g. {@code modules/security-groups} / {@code aws_security_group.alb}. */
    public record ResourceRef(String directory, String address) {
    }

    private record Source(TerraformModule module, Expr expr) {
    }

    private record VariableValue(Set<Source> sources, boolean complete) {
    }
}
