package dev.realtime.chat.infra.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code .tf} files of one directory: a Terraform module (a root module is a module too). */
public record TerraformModule(String directory, List<TerraformFile> files) {

    public List<Block> blocks() {
        return files.stream().flatMap(f -> f.blocks().stream()).toList();
    }

    public List<Block> blocks(String type) {
        return blocks().stream().filter(b -> b.type().equals(type)).toList();
    }

    public List<Block> resources() {
        return blocks("resource");
    }

    public List<Block> resources(String resourceType) {
        return resources().stream().filter(b -> b.resourceType().equals(resourceType)).toList();
    }

    public Optional<Block> resource(String resourceType, String name) {
        return resources(resourceType).stream().filter(b -> b.name().equals(name)).findFirst();
    }

    public List<Block> variables() {
        return blocks("variable");
    }

    public Optional<Block> variable(String name) {
        return variables().stream().filter(b -> b.label(0).equals(name)).findFirst();
    }

    public List<Block> outputs() {
        return blocks("output");
    }

    public Optional<Block> output(String name) {
        return outputs().stream().filter(b -> b.label(0).equals(name)).findFirst();
    }

    public List<Block> moduleCalls() {
        return blocks("module");
    }

    public Optional<Block> moduleCall(String name) {
        return moduleCalls().stream().filter(b -> b.label(0).equals(name)).findFirst();
    }

    /** Every {@code locals} entry of the module (Terraform merges all locals blocks of a module). */
    public Map<String, Expr> locals() {
        Map<String, Expr> locals = new LinkedHashMap<>();
        for (Block block : blocks("locals")) {
            locals.putAll(block.attributes());
        }
        return locals;
    }

    public boolean hasFile(String fileName) {
        return files.stream().anyMatch(f -> f.fileName().equals(fileName));
    }
}
