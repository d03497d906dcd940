package dev.realtime.chat.infra.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every Terraform module under one root directory, parsed with hcl4j.
 *
 * @param modules   modules by directory (relative to the root, forward slashes)
 * @param files     every file under the root (relative paths), Terraform or not: the layout rule needs READMEs
 * @param variableFiles parsed {@code *.tfvars} and {@code *.tfvars.example} files, by path
 */
public record TerraformProject(Map<String, TerraformModule> modules, Set<String> files,
        Map<String, TerraformFile> variableFiles) {

    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".terraform", "target", "src", ".git");

    /** Parses every {@code .tf} (and {@code .tfvars*}) file under {@code root}, skipping .terraform/, target/ and src/. */
    public static TerraformProject load(Path root) {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path relative = root.relativize(path);
                if (relative.toString().isEmpty() || isSkipped(relative) || !Files.isRegularFile(path)) {
                    continue;
                }
                String name = relative.toString().replace('\\', '/');
                sources.put(name, isTerraform(name) ? Files.readString(path, StandardCharsets.UTF_8) : "");
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read Terraform files under " + root, ex);
        }
        return of(sources);
    }

    /** A project from in-memory files, relative path to content (non-Terraform files may have empty content). */
    public static TerraformProject of(Map<String, String> sources) {
        Map<String, List<TerraformFile>> byDirectory = new TreeMap<>();
        Map<String, TerraformFile> variableFiles = new TreeMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(sources).entrySet()) {
            String name = entry.getKey();
            if (name.endsWith(".tf")) {
                TerraformFile file = TerraformFile.parse(name, entry.getValue());
                byDirectory.computeIfAbsent(file.directory(), d -> new ArrayList<>()).add(file);
            }
            else if (name.endsWith(".tfvars") || name.endsWith(".tfvars.example")) {
                variableFiles.put(name, TerraformFile.parse(name, entry.getValue()));
            }
        }
        Map<String, TerraformModule> modules = new LinkedHashMap<>();
        byDirectory.forEach((directory, files) -> modules.put(directory, new TerraformModule(directory, List.copyOf(files))));
        return new TerraformProject(modules, new TreeSet<>(sources.keySet()), variableFiles);
    }

    private static boolean isSkipped(Path relative) {
        for (Path part : relative) {
            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTerraform(String name) {
        return name.endsWith(".tf") || name.endsWith(".tfvars") || name.endsWith(".tfvars.example");
    }

    public List<TerraformFile> terraformFiles() {
        return modules.values().stream().flatMap(m -> m.files().stream()).toList();
    }

    public Optional<TerraformModule> module(String directory) {
        return Optional.ofNullable(modules.get(directory));
    }

    /** The module a {@code module} block calls, if its source is a local path inside the project. */
    public Optional<TerraformModule> calledModule(TerraformModule caller, Block moduleCall) {
        return moduleCall.attr("source").flatMap(Expr::string)
                .filter(source -> source.startsWith("./") || source.startsWith("../"))
                .map(source -> normalize(caller.directory(), source))
                .flatMap(this::module);
    }

    /** Every module block (with the module it sits in) whose source is {@code module}. */
    public List<ModuleCall> callersOf(TerraformModule module) {
        List<ModuleCall> callers = new ArrayList<>();
        for (TerraformModule caller : modules.values()) {
            for (Block call : caller.moduleCalls()) {
                calledModule(caller, call).filter(m -> m.directory().equals(module.directory()))
                        .ifPresent(m -> callers.add(new ModuleCall(caller, call)));
            }
        }
        return callers;
    }

    static String normalize(String directory, String relative) {
        Path base = Path.of(directory.isEmpty() ? "." : directory);
        String normalized = base.resolve(relative).normalize().toString().replace('\\', '/');
        return normalized.equals(".") ? "" : normalized;
    }

    /** A {@code module} block and the module it is written in. */
    public record ModuleCall(TerraformModule caller, Block block) {
    }
}
