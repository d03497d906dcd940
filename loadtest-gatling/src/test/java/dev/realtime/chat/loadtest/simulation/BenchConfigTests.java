package dev.realtime.chat.loadtest.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BenchConfigTests {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsTargetTheLocalLoadBalancer() {
        BenchConfig config = BenchConfig.from(props("run.id", "r1"), "throughput");

        assertThat(config.target()).isEqualTo("chat");
        assertThat(config.baseUrl()).isEqualTo("http://localhost:8080");
        assertThat(config.wsBaseUrl()).isEqualTo("ws://localhost:8080");
        assertThat(config.wsPath()).isEqualTo("/ws");
        assertThat(config.users()).isEqualTo(100);
        assertThat(config.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.ledgerFile()).isEqualTo(Path.of("target/bench/r1.throughput.chat.ledger.raw"));
        assertThat(config.ackedFile()).isEqualTo(Path.of("target/bench/r1.throughput.chat.acked.raw"));
    }

    @Test
    void rabbitmqTargetDefaultsToWebStomp() {
        BenchConfig config = BenchConfig.from(props("target", "RabbitMQ"), "throughput");

        assertThat(config.rabbit()).isTrue();
        assertThat(config.baseUrl()).isEqualTo("http://localhost:15674");
        assertThat(config.rabbitLogin()).isEqualTo("guest");
    }

    @Test
    void readsEveryParameterFromProperties() {
        BenchConfig config = BenchConfig.from(props("base.url", "https://alb.example.test/", "users", "2000",
                "rate", "6.5", "duration", "120", "warmup", "0.5", "ramp", "30", "group.size", "8",
                "group.share", "0.25", "results.prefix", "/tmp/x"), "mixed");

        assertThat(config.baseUrl()).isEqualTo("https://alb.example.test");
        assertThat(config.wsBaseUrl()).isEqualTo("wss://alb.example.test");
        assertThat(config.host()).isEqualTo("alb.example.test");
        assertThat(config.users()).isEqualTo(2000);
        assertThat(config.ratePerUser()).isEqualTo(6.5);
        assertThat(config.duration()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.groupSize()).isEqualTo(8);
        assertThat(config.groupShare()).isEqualTo(0.25);
        assertThat(config.ledgerFile()).isEqualTo(Path.of("/tmp/x.ledger.raw"));
    }

    @Test
    void oneAccountPerUserUnlessFewerAreAsked() {
        BenchConfig own = BenchConfig.from(props("users", "40"), "connections");
        assertThat(own.accounts()).isEqualTo(40);
        assertThat(own.connectionsPerAccount()).isEqualTo(1);
        assertThat(own.accountOf(39)).isEqualTo(39);

        BenchConfig shared = BenchConfig.from(props("users", "10000", "accounts", "500"), "connections");
        assertThat(shared.connectionsPerAccount()).isEqualTo(20);
        assertThat(shared.accountOf(0)).isZero();
        assertThat(shared.accountOf(499)).isEqualTo(499);
        assertThat(shared.accountOf(500)).isZero();
        assertThat(shared.accountOf(9999)).isEqualTo(499);
    }

    @Test
    void usersNotAMultipleOfAccountsGiveSomeAccountsOneSessionMore() {
        BenchConfig config = BenchConfig.from(props("users", "7", "accounts", "3"), "connections");

        int[] sessions = new int[3];
        for (int user = 0; user < 7; user++) {
            sessions[config.accountOf(user)]++;
        }
        assertThat(sessions).containsExactly(3, 2, 2);
        assertThat(config.connectionsPerAccount()).isEqualTo(3);
    }

    @Test
    void readyFileAndConnectDelayAreOffUnlessGiven() {
        BenchConfig plain = BenchConfig.from(props(), "connections");
        assertThat(plain.readyFile()).isNull();
        assertThat(plain.connectDelay()).isZero();

        BenchConfig given = BenchConfig.from(props("ready.file", "/tmp/r", "connect.delay", "12.5"), "connections");
        assertThat(given.readyFile()).isEqualTo(Path.of("/tmp/r"));
        assertThat(given.connectDelay()).isEqualTo(Duration.ofMillis(12_500));
        assertThatThrownBy(() -> BenchConfig.from(props("connect.delay", "-1"), "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connect.delay");
    }

    @Test
    void accountsMustBeBetweenOneAndUsers() {
        assertThatThrownBy(() -> BenchConfig.from(props("users", "10", "accounts", "0"), "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accounts");
        assertThatThrownBy(() -> BenchConfig.from(props("users", "10", "accounts", "11"), "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("accounts");
        assertThatThrownBy(() -> BenchConfig.from(props("users", "10"), "t").accountOf(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sendIntervalIsTheInverseOfTheRate() {
        assertThat(BenchConfig.from(props("rate", "4"), "t").sendInterval()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> BenchConfig.from(props("target", "kafka"), "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target");
        assertThatThrownBy(() -> BenchConfig.from(props("users", "1"), "t"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchConfig.from(props("users", "many"), "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("users");
        assertThatThrownBy(() -> BenchConfig.from(props("rate", "0"), "t"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchConfig.from(props("base.url", "ws://x"), "t"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchConfig.from(props("run.id", "a.b"), "t"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchConfig.from(props("message.size", "5000"), "t"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
