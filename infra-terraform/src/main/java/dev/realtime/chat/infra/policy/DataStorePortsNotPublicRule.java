package dev.realtime.chat.infra.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * No inbound rule opens a data store port (Cassandra, Redis, RabbitMQ) to the internet, or to anything that
 * may be outside the VPC: those ports accept other security groups or private ranges only.
 */
public final class DataStorePortsNotPublicRule implements PolicyRule {

    public static final Map<Integer, String> DATA_STORE_PORTS;

    static {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(9042, "Cassandra CQL");
        ports.put(7000, "Cassandra internode");
        ports.put(6379, "Redis");
        ports.put(5672, "RabbitMQ AMQP");
        ports.put(25672, "RabbitMQ Erlang distribution");
        ports.put(4369, "RabbitMQ epmd");
        ports.put(15672, "RabbitMQ management");
        DATA_STORE_PORTS = Map.copyOf(ports);
    }

    @Override
    public String name() {
        return "data-store-ports-not-public";
    }

    @Override
    public List<Violation> check(TerraformProject project) {
        List<Violation> violations = new ArrayList<>();
        for (SecurityGroupIngress ingress : SecurityGroupIngress.all(project)) {
            List<String> opened = new ArrayList<>();
            DATA_STORE_PORTS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .filter(port -> ingress.mayOpenTcpPort(port.getKey()))
                    .forEach(port -> opened.add(port.getKey() + " (" + port.getValue() + ")"));
            if (opened.isEmpty()) {
                continue;
            }
            for (SecurityGroupIngress.Source source : ingress.sources()) {
                if (source.mayBeExternal()) {
                    violations.add(new Violation(name(), ingress.location(), "opens " + String.join(", ", opened)
                            + " to " + source.kind() + " source " + source.description()
                            + ": data store ports may only admit security groups or private ranges"));
                }
            }
        }
        return violations;
    }
}
