package dev.realtime.chat.loadtest.simulation;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Scenario (3), mixed: users send at {@code rate}, and every {@code reconnect.every} seconds (±50%) disconnect,
 * stay away {@code offline} seconds, reconnect and sync each conversation with
 * {@code GET /api/conversations/{id}/messages?afterSeq=<last contiguous seq>} ("history.afterSeq" in the report),
 * as a client must, and resends what was never acknowledged with the same clientMessageId (idempotency: the
 * same messageId and seq come back; another seq counts as a conflicting ack). After the run every user syncs once more; an acked message a member still has not seen is a
 * KO ("chat.history gap"). Chat target only. Fails on {@code assert.errors}% KO or when p99 of the history loads
 * exceeds {@code assert.p99} ms.
 */
public class MixedSimulation extends Simulation {

    private final BenchConfig config = BenchConfig.fromSystemProperties("mixed");
    private final BenchRun bench = new BenchRun("mixed", config, false);
    private final ChatSteps steps = new ChatSteps(bench);

    private final ScenarioBuilder users = scenario("mixed").exec(
            steps.claimUser(),
            steps.connect(true),
            steps.historySync(),
            steps.desynchronize(),
            asLongAs(session -> System.currentTimeMillis() < bench.sendEnd()).on(
                    exec(session -> session.set("sessionEnd", System.currentTimeMillis()
                            + Math.round(config.reconnectEvery().toMillis()
                                    * ThreadLocalRandom.current().nextDouble(0.5, 1.5)))),
                    steps.sendLoop(session -> System.currentTimeMillis() < Math.min(session.getLong("sessionEnd"),
                            bench.sendEnd()), "mixed"),
                    doIf(session -> System.currentTimeMillis() < bench.sendEnd()).then(
                            exec(session -> {
                                bench.reconnects.increment();
                                return session;
                            }),
                            steps.disconnect(),
                            pause(config.offline()),
                            steps.connect(true),
                            steps.queueUnackedForResend(),
                            steps.historySync())),
            steps.drainOwn(),
            pause(Duration.ofSeconds(3)),
            steps.historySync(),
            steps.reportGaps(),
            steps.disconnect());

    {
        if (config.rabbit()) {
            throw new IllegalArgumentException("the mixed scenario needs the chat target (history over REST)");
        }
        setUp(steps.withSetup(users.injectOpen(Injection.ramp(config))))
                .protocols(steps.protocol())
                .assertions(
                        global().failedRequests().percent().lte(config.assertMaxErrorPercent()),
                        details("history.afterSeq").responseTime().percentile(99.0).lte((int) config.assertP99()),
                        details("history.afterSeq").successfulRequests().count().gte(1L))
                .maxDuration(Injection.maxDuration(config, bench.plan));
    }

    @Override
    public void after() {
        bench.finish();
    }
}
