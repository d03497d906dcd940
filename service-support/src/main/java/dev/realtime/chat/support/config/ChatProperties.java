package dev.realtime.chat.support.config;

import dev.realtime.chat.model.id.SnowflakeIdGenerator;
import dev.realtime.chat.model.topology.Topology;
import jakarta.validation.Valid;
import java.time.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** What every service of one deployment shares. See docs/architecture.md. */
@Validated
@ConfigurationProperties("chat")
public record ChatProperties(
        @DefaultValue("local") @NotBlank String instanceId,
        @DefaultValue("0") @Min(0) @Max(SnowflakeIdGenerator.MAX_WORKER_ID) int workerId,
        @DefaultValue("" + Topology.DEFAULT_DELIVERY_SHARDS) @Min(1) @Max(64) int deliveryShards,
        @DefaultValue @Valid @NotNull Redis redis,
        @DefaultValue @Valid @NotNull Cassandra cassandra) {

    public record Redis(@DefaultValue("chat:") @NotNull String keyPrefix) {
    }

    public record Cassandra(
            @DefaultValue("chat") @NotBlank String keyspace,
            @DefaultValue("true") boolean createSchema,
            @DefaultValue("{'class': 'SimpleStrategy', 'replication_factor': 1}") @NotBlank String replication,
            @DefaultValue("30s") @NotNull Duration schemaStatementTimeout,
            @DefaultValue("4") @Min(1) int schemaAttempts) {
    }
}
