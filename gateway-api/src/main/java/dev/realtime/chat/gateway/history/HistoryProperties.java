package dev.realtime.chat.gateway.history;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * History reads ({@code GET /api/conversations/{id}/messages}).
 *
 * @param recentSize         how many newest messages the delivery router keeps in the Redis history ZSET
 *                           (shared setting; the reader only treats the ZSET as a cache)
 * @param defaultBeforeLimit page size of {@code beforeSeq} (and of the newest page) when no limit is given
 * @param defaultAfterLimit  page size of {@code afterSeq} when no limit is given
 * @param maxLimit           largest page; bigger limits are clamped to it
 */
@Validated
@ConfigurationProperties("chat.history")
public record HistoryProperties(
        @DefaultValue("200") @Min(1) int recentSize,
        @DefaultValue("50") @Min(1) int defaultBeforeLimit,
        @DefaultValue("500") @Min(1) int defaultAfterLimit,
        @DefaultValue("500") @Min(1) @Max(5000) int maxLimit) {
}
