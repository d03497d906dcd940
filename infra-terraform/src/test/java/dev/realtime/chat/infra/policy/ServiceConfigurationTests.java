package dev.realtime.chat.infra.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the environment root tells each instance, read from the configuration as written. */
class ServiceConfigurationTests {

    private static TerraformProject project;
    private static TerraformModule root;
    private static ValueResolver resolver;

    @BeforeAll
    static void load() {
        project = TerraformProject.load(RepositoryTerraformTests.ROOT);
        root = project.module("environments/prod").get();
        resolver = new ValueResolver(project);
    }

    private static Map<String, Expr> services() {
        return root.locals().get("services").object().orElseThrow();
    }

    private static String template(String name) throws IOException {
        return Files.readString(RepositoryTerraformTests.ROOT.resolve("modules/user-data/templates/" + name));
    }

    @Test
    void everyServiceIsToldWhereTheDataStoresAre() {
        Map<String, Expr> environment = root.locals().get("service_environment").object().orElseThrow();

        assertThat(environment).containsKeys("SPRING_RABBITMQ_HOST", "SPRING_RABBITMQ_ADDRESSES", "SPRING_RABBITMQ_USERNAME",
                "SPRING_DATA_REDIS_HOST", "SPRING_CASSANDRA_CONTACT_POINTS", "SPRING_CASSANDRA_LOCAL_DATACENTER",
                "CHAT_CASSANDRA_REPLICATION", "SERVER_PORT", "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE");
        assertThat(resolver.resolve(root, environment.get("SERVER_PORT")).numbers()).containsExactly(8080.0);
        assertThat(environment.get("CHAT_CASSANDRA_REPLICATION").references())
                .contains("var.cassandra_datacenter", "var.cassandra_replication_factor");
    }

    @Test
    void theFourServicesAreCountedByVariablesWithFourGatewaysByDefault() {
        assertThat(services()).containsOnlyKeys("chat-gateway", "delivery-router", "persistence-consumer", "presence-service");
        assertThat(services().get("chat-gateway").object().get().get("count").reference()).contains("var.gateway_count");
        assertThat(root.variable("gateway_count").flatMap(v -> v.attr("default")).flatMap(Expr::number)).contains(4.0);
        for (String count : new String[] { "delivery_router_count", "persistence_consumer_count", "presence_service_count" }) {
            assertThat(root.variable(count).flatMap(v -> v.attr("default")).flatMap(Expr::number)).as(count).contains(1.0);
        }
    }

    @Test
    void onlyTheGatewaysReadTheJwtSecretAndEveryServiceReadsTheRabbitMqPassword() {
        services().forEach((service, config) -> {
            Map<String, Expr> secrets = config.object().get().get("secrets").object().orElseThrow();
            assertThat(secrets).as(service).containsKey("SPRING_RABBITMQ_PASSWORD");
            assertThat(secrets.containsKey("CHAT_AUTH_JWT_SECRET")).as(service).isEqualTo(service.equals("chat-gateway"));
            secrets.values().forEach(parameter -> assertThat(parameter.references()).allMatch(r -> r.startsWith("local.secrets")));
        });
    }

    @Test
    void workerIdRangesNeverOverlapAndStayWithinSnowflakeBits() {
        // each count is validated to at most 99, so base + 1 .. base + 99 must not reach the next base
        long[] bases = services().values().stream()
                .mapToLong(config -> config.object().get().get("worker_id_base").number().orElseThrow().longValue())
                .sorted().toArray();
        assertThat(bases).containsExactly(0, 100, 200, 300);
        for (int i = 0; i + 1 < bases.length; i++) {
            assertThat(bases[i] + 99).isLessThan(bases[i + 1] + 1);
        }
        assertThat(bases[bases.length - 1] + 99).isLessThanOrEqualTo(1023);
    }

    @Test
    void cassandraIsThreeNodesWithReplicationFactorThreeAndRabbitMqCanCluster() {
        assertThat(root.variable("cassandra_node_count").flatMap(v -> v.attr("default")).flatMap(Expr::number)).contains(3.0);
        assertThat(root.variable("cassandra_replication_factor").flatMap(v -> v.attr("default")).flatMap(Expr::number)).contains(3.0);
        assertThat(root.variable("az_count").flatMap(v -> v.attr("default")).flatMap(Expr::number)).contains(3.0);
        assertThat(root.variable("rabbitmq_node_count").get().blocks("validation")).isNotEmpty();
        assertThat(root.variable("rabbitmq_quorum_queues")).isPresent();
        assertThat(root.variable("redis_replica_enabled")).isPresent();
    }

    @Test
    void javaServicesInstallJava17AndRunTheJarUnderSystemdWithTheirIdentityFromTags() throws IOException {
        String script = template("java-service.sh.tftpl");

        assertThat(script).contains("dnf install -y java-17-amazon-corretto-headless", "systemctl enable --now",
                "ExecStartPre=+/opt/chat/bin/prepare-${service}", "Restart=always", "aws s3 cp",
                "aws ssm get-parameter --with-decryption", "CHAT_INSTANCE_ID", "tag ChatInstanceId", "CHAT_WORKER_ID",
                "tag ChatWorkerId");
        assertThat(template("common.sh")).contains("X-aws-ec2-metadata-token", "meta-data/tags/instance/");
    }

    @Test
    void prometheusScrapesTheActuatorEndpointOfEveryService() throws IOException {
        assertThat(template("monitoring.sh.tftpl")).contains("metrics_path: /actuator/prometheus", "ec2_sd_configs",
                "\"chat-gateway\", \"delivery-router\", \"persistence-consumer\", \"presence-service\"");
    }

    @Test
    void theOutputsTellOperatorsAndGatlingWhereToGo() {
        assertThat(root.outputs()).extracting(b -> b.label(0)).contains("public_url", "gatling_base_url",
                "gatling_command", "private_ips", "health_check_url");
        assertThat(root.output("gatling_command").flatMap(o -> o.attr("value")).get().references())
                .contains("module.alb.public_url");
    }

    @Test
    void theTfvarsExampleHasNoSecretsAndNamesTheCertificate() {
        TerraformFile example = project.variableFiles().get("environments/prod/terraform.tfvars.example");

        assertThat(example.attributes()).containsKeys("certificate_arn", "artifact_bucket", "gateway_count");
        assertThat(example.attributes().keySet()).noneMatch(key -> key.matches("(?i).*(password|secret|token|cookie).*"));
        assertThat(Path.of("environments/prod/terraform.tfvars")).doesNotExist();
    }
}
