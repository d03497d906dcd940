package dev.realtime.chat.gateway.message;

import dev.realtime.chat.model.wire.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code chat.messages.received}, {@code chat.messages.rejected{reason}}, {@code chat.messages.acked}, and
 * {@code chat.send.accept.latency} (frame to publisher hand-off).
 */
class SendMetrics {

    private final Counter received;
    private final Counter acked;
    private final Timer accepted;
    private final Timer allocation;
    private final Map<ErrorCode, Counter> rejected = new EnumMap<>(ErrorCode.class);

    SendMetrics(MeterRegistry registry) {
        this.received = Counter.builder("chat.messages.received").description("chat.send frames received")
                .register(registry);
        this.acked = Counter.builder("chat.messages.acked").description("acks sent after the broker confirmed")
                .register(registry);
        this.accepted = Timer.builder("chat.send.accept.latency")
                .description("chat.send frame to hand-off to the batching publisher (membership + seq)")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.allocation = Timer.builder("chat.send.seq.latency")
                .description("the idempotency + seq Lua call, issue to answer").publishPercentiles(0.5, 0.99)
                .register(registry);
        for (ErrorCode code : ErrorCode.values()) {
            rejected.put(code, Counter.builder("chat.messages.rejected").tag("reason", code.code())
                    .description("chat.send frames answered with an error").register(registry));
        }
    }

    void received() {
        received.increment();
    }

    void acked() {
        acked.increment();
    }

    void allocated(long issuedNanos) {
        allocation.record(System.nanoTime() - issuedNanos, TimeUnit.NANOSECONDS);
    }

    void accepted(long startNanos) {
        accepted.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    void rejected(ErrorCode code) {
        rejected.get(code).increment();
    }
}
