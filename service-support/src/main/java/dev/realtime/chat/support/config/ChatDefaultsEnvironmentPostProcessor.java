package dev.realtime.chat.support.config;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every service shares, at the lowest precedence: each service's application.yml, the command line
 * and the environment override them.
 */
public class ChatDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("management.endpoints.web.exposure.include", "health,info,prometheus,metrics"),
            Map.entry("management.endpoint.health.probes.enabled", "true"),
            Map.entry("management.endpoint.health.show-details", "always"),
            Map.entry("management.health.livenessstate.enabled", "true"),
            Map.entry("management.health.readinessstate.enabled", "true"),
            Map.entry("management.metrics.tags.service", "${spring.application.name:chat}"),
            Map.entry("management.metrics.tags.instance", "${chat.instance-id:local}"),
            Map.entry("spring.cassandra.local-datacenter", "datacenter1"),
            Map.entry("spring.cassandra.contact-points", "127.0.0.1:9042"),
            Map.entry("spring.cassandra.request.timeout", "5s"),
            Map.entry("spring.cassandra.schema-action", "none"),
            Map.entry("spring.data.redis.timeout", "2s"),
            Map.entry("spring.data.redis.connect-timeout", "2s"),
            Map.entry("spring.rabbitmq.connection-timeout", "5s"),
            Map.entry("server.shutdown", "graceful"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("chatDefaults", DEFAULTS));
    }
}
