package dev.realtime.chat.infra.policy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every inbound rule of the project in one shape, whichever way it is written: {@code
 * aws_vpc_security_group_ingress_rule}, {@code aws_security_group_rule} of type ingress, or inline (and dynamic)
 * {@code ingress} blocks of {@code aws_security_group} / {@code aws_default_security_group}.
 *
 * @param securityGroup the group the rule belongs to ({@code aws_security_group.alb}), empty if not traceable
 * @param protocol      resolved protocol values ({@code tcp}, {@code -1}, ...)
 * @param fromPort      resolved lowest port(s)
 * @param toPort        resolved highest port(s)
 */
public record SecurityGroupIngress(Block origin, TerraformModule module, Optional<String> securityGroup,
        Resolution protocol, Resolution fromPort, Resolution toPort, List<Source> sources) {

    /** Where traffic comes from. */
    public enum Kind {
        /** 0.0.0.0/0 or ::/0 */
        INTERNET,
        /** a public range smaller than the whole internet */
        EXTERNAL,
        /** an expression whose value the configuration does not fix (could be anything) */
        UNKNOWN,
        /** RFC 1918 / unique-local ranges */
        PRIVATE,
        /** another security group, or the group itself */
        SECURITY_GROUP
    }

    public record Source(Kind kind, String description) {

        /** From outside the VPC, or possibly so. */
        public boolean mayBeExternal() {
            return kind == Kind.INTERNET || kind == Kind.EXTERNAL || kind == Kind.UNKNOWN;
        }
    }

    /** True if the rule may admit TCP traffic to {@code port}. Unknown protocols or ports count as "may". */
    public boolean mayOpenTcpPort(int port) {
        if (!coversTcp()) {
            return false;
        }
        if (allProtocols()) {
            return true;
        }
        if (!fromPort.complete() || !toPort.complete() || fromPort.numbers().isEmpty() || toPort.numbers().isEmpty()) {
            return true;
        }
        double low = fromPort.numbers().stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double high = toPort.numbers().stream().mapToDouble(Double::doubleValue).max().orElse(65535);
        if (low < 0 || high < 0) {
            return true;
        }
        return low <= port && port <= high;
    }

    /** The exact ports the rule opens when that is known: one TCP port per rule. */
    public Optional<Integer> singleTcpPort() {
        if (allProtocols() || !protocol.allEqual("tcp") && !protocol.allEqual("6")) {
            return Optional.empty();
        }
        if (!fromPort.complete() || !toPort.complete() || fromPort.numbers().size() != 1 || !fromPort.numbers().equals(toPort.numbers())) {
            return Optional.empty();
        }
        return Optional.of(fromPort.numbers().iterator().next().intValue());
    }

    private boolean allProtocols() {
        return !protocol.complete() || protocol.values().isEmpty() || protocol.contains("-1") || protocol.contains("all")
                || protocol.numbers().contains(-1.0);
    }

    private boolean coversTcp() {
        return allProtocols() || protocol.contains("tcp") || protocol.contains("6") || protocol.numbers().contains(6.0);
    }

    public String location() {
        return origin.location();
    }

    // ------------------------------------------------------------------ extraction

    public static List<SecurityGroupIngress> all(TerraformProject project) {
        ValueResolver resolver = new ValueResolver(project);
        List<SecurityGroupIngress> rules = new ArrayList<>();
        for (TerraformModule module : project.modules().values()) {
            for (Block resource : module.resources()) {
                switch (resource.resourceType()) {
                    case "aws_vpc_security_group_ingress_rule" -> rules.add(fromVpcRule(resolver, module, resource));
                    case "aws_security_group_rule" -> {
                        Resolution type = resource.attr("type").map(e -> resolver.resolve(module, e)).orElse(Resolution.unknown());
                        if (!type.allEqual("egress")) {
                            rules.add(fromLegacyRule(resolver, module, resource));
                        }
                    }
                    case "aws_security_group", "aws_default_security_group" -> {
                        for (Block ingress : resource.blocksIncludingDynamic("ingress")) {
                            rules.add(fromInline(resolver, module, resource, ingress));
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        return rules;
    }

    private static SecurityGroupIngress fromVpcRule(ValueResolver resolver, TerraformModule module, Block rule) {
        List<Source> sources = new ArrayList<>();
        rule.attr("cidr_ipv4").ifPresent(e -> sources.addAll(classify(resolver.resolve(module, e))));
        rule.attr("cidr_ipv6").ifPresent(e -> sources.addAll(classify(resolver.resolve(module, e))));
        rule.attr("referenced_security_group_id").ifPresent(e -> sources.add(new Source(Kind.SECURITY_GROUP, e.references().toString())));
        rule.attr("prefix_list_id").ifPresent(e -> sources.add(new Source(Kind.UNKNOWN, "prefix list " + e.references())));
        return new SecurityGroupIngress(rule, module, groupOf(resolver, module, rule.attr("security_group_id")),
                resolve(resolver, module, rule, "ip_protocol"), resolve(resolver, module, rule, "from_port"),
                resolve(resolver, module, rule, "to_port"), sources);
    }

    private static SecurityGroupIngress fromLegacyRule(ValueResolver resolver, TerraformModule module, Block rule) {
        List<Source> sources = new ArrayList<>();
        rule.attr("cidr_blocks").ifPresent(e -> sources.addAll(classify(resolver.resolve(module, e))));
        rule.attr("ipv6_cidr_blocks").ifPresent(e -> sources.addAll(classify(resolver.resolve(module, e))));
        rule.attr("source_security_group_id").ifPresent(e -> sources.add(new Source(Kind.SECURITY_GROUP, e.references().toString())));
        rule.attr("self").ifPresent(e -> sources.add(new Source(Kind.SECURITY_GROUP, "self")));
        rule.attr("prefix_list_ids").ifPresent(e -> sources.add(new Source(Kind.UNKNOWN, "prefix lists " + e.references())));
        return new SecurityGroupIngress(rule, module, groupOf(resolver, module, rule.attr("security_group_id")),
                resolve(resolver, module, rule, "protocol"), resolve(resolver, module, rule, "from_port"),
                resolve(resolver, module, rule, "to_port"), sources);
    }

    private static SecurityGroupIngress fromInline(ValueResolver resolver, TerraformModule module, Block group,
            Block ingress) {
        List<Source> sources = new ArrayList<>();
        ingress.attr("cidr_blocks").ifPresent(e -> sources.addAll(classify(resolver.resolve(module, e))));
        ingress.attr("ipv6_cidr_blocks").ifPresent(e -> sources.addAll(classify(resolver.resolve(module, e))));
        ingress.attr("security_groups").ifPresent(e -> sources.add(new Source(Kind.SECURITY_GROUP, e.references().toString())));
        ingress.attr("self").ifPresent(e -> sources.add(new Source(Kind.SECURITY_GROUP, "self")));
        ingress.attr("prefix_list_ids").ifPresent(e -> sources.add(new Source(Kind.UNKNOWN, "prefix lists " + e.references())));
        Block located = new Block(ingress.type(), group.labels(), ingress.attributes(), ingress.blocks(), ingress.file(),
                ingress.line());
        return new SecurityGroupIngress(located, module, Optional.of("aws_security_group." + group.name()),
                resolve(resolver, module, ingress, "protocol"), resolve(resolver, module, ingress, "from_port"),
                resolve(resolver, module, ingress, "to_port"), sources);
    }

    private static Resolution resolve(ValueResolver resolver, TerraformModule module, Block block, String attribute) {
        return block.attr(attribute).map(e -> resolver.resolve(module, e)).orElse(Resolution.empty());
    }

    /** The group a rule is attached to: {@code aws_security_group.alb.id} in the same module. */
    private static Optional<String> groupOf(ValueResolver resolver, TerraformModule module, Optional<Expr> groupId) {
        if (groupId.isEmpty()) {
            return Optional.empty();
        }
        Set<ValueResolver.ResourceRef> groups = resolver.traceResources(module, groupId.get());
        if (groups.size() != 1) {
            return Optional.empty();
        }
        return Optional.of(groups.iterator().next().address());
    }

    /** Each resolved CIDR as a source; unresolvable parts as UNKNOWN. */
    static List<Source> classify(Resolution cidrs) {
        List<Source> sources = new ArrayList<>();
        for (String cidr : cidrs.strings()) {
            sources.add(new Source(kindOf(cidr), cidr));
        }
        if (!cidrs.complete()) {
            sources.add(new Source(Kind.UNKNOWN, "a value the configuration does not fix"));
        }
        return sources;
    }

    static Kind kindOf(String cidr) {
        String trimmed = cidr.trim();
        if (trimmed.equals("0.0.0.0/0") || trimmed.equals("::/0")) {
            return Kind.INTERNET;
        }
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        int prefix;
        try {
            prefix = slash < 0 ? -1 : Integer.parseInt(trimmed.substring(slash + 1));
        }
        catch (NumberFormatException ex) {
            return Kind.UNKNOWN;
        }
        // literal addresses only: never let InetAddress resolve a host name
        if (!address.matches("\\d{1,3}(\\.\\d{1,3}){3}") && !(address.contains(":") && address.matches("[0-9a-fA-F:.]+"))) {
            return Kind.UNKNOWN;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (prefix == 0) {
                return Kind.INTERNET;
            }
            return isPrivate(bytes, prefix) ? Kind.PRIVATE : Kind.EXTERNAL;
        }
        catch (UnknownHostException ex) {
            return Kind.UNKNOWN;
        }
    }

    private static boolean isPrivate(byte[] address, int prefix) {
        BigInteger value = new BigInteger(1, address);
        if (address.length == 4) {
            int length = prefix < 0 ? 32 : prefix;
            return within(value, length, 32, "10.0.0.0", 8) || within(value, length, 32, "172.16.0.0", 12)
                    || within(value, length, 32, "192.168.0.0", 16);
        }
        int length = prefix < 0 ? 128 : prefix;
        return within(value, length, 128, "fc00::", 7);
    }

    /** The range address/length lies inside network/networkLength. */
    private static boolean within(BigInteger address, int length, int bits, String network, int networkLength) {
        if (length < networkLength) {
            return false;
        }
        try {
            BigInteger base = new BigInteger(1, InetAddress.getByName(network).getAddress());
            return address.shiftRight(bits - networkLength).equals(base.shiftRight(bits - networkLength));
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }
}
