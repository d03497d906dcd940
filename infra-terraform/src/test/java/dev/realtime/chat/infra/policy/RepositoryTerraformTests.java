package dev.realtime.chat.infra.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The policy over this module's own Terraform (the working directory of the tests is the module). */
class RepositoryTerraformTests {

    static final Path ROOT = Path.of("").toAbsolutePath();
    private static TerraformProject project;

    @BeforeAll
    static void parseEveryFile() {
        project = TerraformProject.load(ROOT);
    }

    static List<PolicyRule> rules() {
        return TerraformPolicy.rules();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theRepositoryKeepsTheRule(PolicyRule rule) {
        assertThat(rule.check(project)).as(rule.name()).isEmpty();
    }

    @Test
    void parsesEveryTerraformFileUnderTheModule() throws IOException {
        long onDisk;
        try (Stream<Path> paths = Files.walk(ROOT)) {
            onDisk = paths.filter(p -> p.toString().endsWith(".tf"))
                    .filter(p -> !ROOT.relativize(p).startsWith("target") && !ROOT.relativize(p).startsWith("src"))
                    .filter(p -> !p.toString().contains(".terraform")).count();
        }
        assertThat(project.terraformFiles()).hasSize((int) onDisk);
        assertThat(onDisk).isGreaterThanOrEqualTo(32);
        assertThat(project.variableFiles()).containsKey("environments/prod/terraform.tfvars.example");
    }

    @Test
    void hasTheModulesAndTheEnvironmentRoot() {
        assertThat(project.modules()).containsOnlyKeys("environments/prod", "modules/alb", "modules/ec2-fleet",
                "modules/iam-instance-profile", "modules/network", "modules/security-groups", "modules/ssm-secrets",
                "modules/user-data");
        TerraformModule root = project.module("environments/prod").get();
        assertThat(root.moduleCalls()).extracting(b -> b.label(0)).containsExactlyInAnyOrder("network",
                "security_groups", "secrets", "iam", "user_data", "java_service", "rabbitmq", "redis", "cassandra",
                "monitoring", "alb");
    }

    /** Guards against rules passing because they found nothing to check. */
    @Test
    void containsWhatTheRulesCheck() {
        List<SecurityGroupIngress> ingress = SecurityGroupIngress.all(project);
        assertThat(ingress).hasSizeGreaterThanOrEqualTo(15);
        assertThat(ingress).filteredOn(i -> i.sources().stream().anyMatch(SecurityGroupIngress.Source::mayBeExternal))
                .allSatisfy(i -> assertThat(i.securityGroup()).contains("aws_security_group.alb"))
                .hasSize(4);
        for (int port : DataStorePortsNotPublicRule.DATA_STORE_PORTS.keySet()) {
            if (port != 15672) {
                assertThat(ingress).as("a rule admitting %d from a security group", port)
                        .anySatisfy(i -> assertThat(i.mayOpenTcpPort(port)).isTrue());
            }
        }
        TerraformModule fleet = project.module("modules/ec2-fleet").get();
        assertThat(fleet.resources("aws_launch_template")).hasSize(1);
        assertThat(fleet.resources("aws_instance")).hasSize(1);
        TerraformModule alb = project.module("modules/alb").get();
        assertThat(alb.resources("aws_lb_listener")).hasSize(2);
        assertThat(project.modules().values().stream().mapToLong(m -> m.variables().size()).sum()).isGreaterThan(90);
    }

    @Test
    void theAlbValuesResolveThroughTheEnvironmentRoot() {
        TerraformModule alb = project.module("modules/alb").get();
        ValueResolver resolver = new ValueResolver(project);
        Block targetGroup = alb.resource("aws_lb_target_group", "gateways").get();

        assertThat(resolver.resolve(alb, alb.resource("aws_lb", "this").get().attr("idle_timeout").get()).numbers())
                .containsExactly(120.0);
        assertThat(resolver.resolve(alb, targetGroup.attr("port").get()).numbers()).containsExactly(8080.0);
        assertThat(resolver.resolve(alb, targetGroup.block("health_check").get().attr("path").get()).strings())
                .containsExactly("/actuator/health/readiness");
    }
}
