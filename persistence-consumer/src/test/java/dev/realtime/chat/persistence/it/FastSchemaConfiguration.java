package dev.realtime.chat.persistence.it;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import java.time.Duration;
import org.springframework.boot.autoconfigure.cassandra.DriverConfigLoaderBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** The service creates its schema at start: a short schema debounce makes that fast in tests. */
@TestConfiguration(proxyBeanMethods = false)
public class FastSchemaConfiguration {

    @Bean
    DriverConfigLoaderBuilderCustomizer fastSchemaRefresh() {
        return builder -> builder.withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(10));
    }
}
