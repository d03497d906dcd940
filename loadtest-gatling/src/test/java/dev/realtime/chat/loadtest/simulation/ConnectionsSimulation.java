package dev.realtime.chat.loadtest.simulation;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Scenario (2), connections: {@code users} idle users connect over {@code ramp} seconds, subscribe to
 * {@code /user/queue/messages} and hold the connection for {@code warmup} + {@code duration} seconds with
 * STOMP heart-beats ({@code heartbeat} ms both ways: the client sends one every 0.8 interval; a server silent for
 * three intervals is a KO "stomp.server-heartbeat"). Fails when more than {@code assert.errors}% of requests
 * (WebSocket connects, CONNECTED checks, heart-beat gaps) are KO.
 *
 * <p>Only {@code accounts} accounts are registered (default: {@code users}); virtual user {@code n} connects as
 * account {@code n % accounts}, so 10,000 connections can share 500 accounts (20 sessions each). No conversation
 * is created: an idle connection needs none. bench/connections.sh measures the gateways' memory per connection
 * while these connections are held.
 */
public class ConnectionsSimulation extends Simulation {

    private final BenchConfig config = BenchConfig.fromSystemProperties("connections");
    private final BenchRun bench = new BenchRun("connections", config, true);
    private final ChatSteps steps = new ChatSteps(bench);

    private final ScenarioBuilder users = scenario("connections").exec(
            steps.claimConnection(),
            steps.connect(false),
            steps.holdWithHeartbeats(session -> System.currentTimeMillis() < bench.sendEnd()),
            steps.disconnect());

    {
        setUp(steps.withAccountSetup(users.injectOpen(Injection.delayedRamp(config))))
                .protocols(steps.protocol())
                .assertions(
                        global().failedRequests().percent().lte(config.assertMaxErrorPercent()),
                        details("stomp.connected").successfulRequests().count().gte(1L))
                .maxDuration(Injection.maxDuration(config, config.rabbit() ? 0 : config.accounts()));
    }

    @Override
    public void after() {
        bench.finish();
    }
}
