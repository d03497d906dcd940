package dev.realtime.chat.loadtest.simulation;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Scenario (1), throughput: {@code users} users (registered and logged in over REST in a setup phase, each in
 * one group of {@code group.size} and one or two direct conversations) connect over the load balancer, subscribe
 * to {@code /user/queue/messages} and {@code /user/queue/acks}, and send {@code /app/chat.send} at {@code rate}
 * messages/s each for {@code warmup} + {@code duration} seconds. Every delivery is accounted for: the sender's own
 * copy ("chat.send e2e" in the report) is the end-to-end latency through the whole path; a delivery due to an
 * online member that never arrives is a KO ("chat.delivery lost").
 *
 * <p>With {@code -Dtarget=rabbitmq} the same scenario runs against RabbitMQ Web-STOMP (the reference run):
 * {@code /exchange/amq.topic/<conversation>}, guest login, RECEIPT as the ack, no persistence.
 *
 * <p>Fails (assertions) when more than {@code assert.errors}% of requests are KO or p99 e2e exceeds
 * {@code assert.p99} ms.
 */
public class ThroughputSimulation extends Simulation {

    private final BenchConfig config = BenchConfig.fromSystemProperties("throughput");
    private final BenchRun bench = new BenchRun("throughput", config, true);
    private final ChatSteps steps = new ChatSteps(bench);

    private final ScenarioBuilder users = scenario("throughput").exec(
            steps.claimUser(),
            steps.connect(true),
            steps.desynchronize(),
            steps.sendLoop(session -> System.currentTimeMillis() < bench.sendEnd(), "throughput"),
            steps.drain(),
            steps.reportLosses(),
            steps.disconnect());

    {
        setUp(steps.withSetup(users.injectOpen(Injection.ramp(config))))
                .protocols(steps.protocol())
                .assertions(
                        global().failedRequests().percent().lte(config.assertMaxErrorPercent()),
                        details(ChatSteps.E2E).responseTime().percentile(99.0).lte((int) config.assertP99()),
                        details(ChatSteps.E2E).successfulRequests().count().gte(1L))
                .maxDuration(Injection.maxDuration(config, bench.plan));
    }

    @Override
    public void after() {
        bench.finish();
    }
}
