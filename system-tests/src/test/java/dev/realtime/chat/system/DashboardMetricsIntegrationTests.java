package dev.realtime.chat.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard (config/grafana/dashboards/chat-backend.json, used by docker-compose.yml) queries metric
 * names; a renamed meter, or a base unit Micrometer appends ({@code chat_persist_written_messages_total}), leaves
 * a panel silently empty. Every metric of ours a panel asks for must be exposed by some running service.
 * RabbitMQ's own metrics ({@code rabbitmq_*}) come from the broker's plugin, not from us, and are not checked.
 */
class DashboardMetricsIntegrationTests {

    private static final Pattern OUR_METRIC = Pattern.compile("\\b((?:chat|resilience4j|jvm)_[a-z0-9_]+)\\b");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final RunningSystem system = SharedSystem.get();

    @Test
    void everyMetricAPanelQueriesIsExposedBySomeService() throws Exception {
        Path dashboard = system.root().resolve("config/grafana/dashboards/chat-backend.json");
        Map<String, String> wanted = new TreeMap<>(); // metric -> panel title
        for (JsonNode panel : new ObjectMapper().readTree(dashboard.toFile()).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher matcher = OUR_METRIC.matcher(target.path("expr").asText());
                while (matcher.find()) {
                    wanted.putIfAbsent(matcher.group(1), panel.path("title").asText());
                }
            }
        }
        assertThat(wanted).as("the dashboard queries metrics of ours").hasSizeGreaterThan(10);

        Set<String> exposed = new TreeSet<>();
        for (String url : system.urls().values()) {
            exposed.addAll(metricNames(url));
        }

        Map<String, String> missing = new TreeMap<>(wanted);
        missing.keySet().removeAll(exposed);
        assertThat(missing).as("metrics a panel queries (metric -> panel) that no service exposes").isEmpty();
    }

    private static Set<String> metricNames(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(baseUrl + "/actuator/prometheus").isEqualTo(200);
        Set<String> names = new TreeSet<>();
        for (String line : response.body().split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }
}
