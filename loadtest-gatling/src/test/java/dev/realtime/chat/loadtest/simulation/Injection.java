package dev.realtime.chat.loadtest.simulation;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;

import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;

/** Injection and the hard time bound shared by the simulations. */
final class Injection {

    private Injection() {
    }

    /** Ramps shorter than a second inject nobody in Gatling 3.15 (seen here): those become "at once". */
    static OpenInjectionStep ramp(BenchConfig config) {
        return config.ramp().compareTo(Duration.ofSeconds(1)) < 0 ? atOnceUsers(config.users())
                : rampUsers(config.users()).during(config.ramp());
    }

    /** Connections scenario: {@code connect.delay} of nothing (when > 0), then {@link #ramp}. */
    static OpenInjectionStep[] delayedRamp(BenchConfig config) {
        return config.connectDelay().isZero() ? new OpenInjectionStep[] {ramp(config)}
                : new OpenInjectionStep[] {nothingFor(config.connectDelay()), ramp(config)};
    }

    /**
     * Setup (at a tenth of {@code setup.rate}) + ramp + connect grace + warm-up + duration + drain + two minutes: the run stops by itself whatever
     * happens.
     */
    static Duration maxDuration(BenchConfig config, BenchPlan plan) {
        return maxDuration(config, config.rabbit() ? 0 : config.users() + plan.conversations().size());
    }

    /** The same bound for a setup of {@code setupRequests} registrations/conversations (0: no setup). */
    static Duration maxDuration(BenchConfig config, int setupRequests) {
        // password hashing makes registration and login slow on a busy box: allow ten times the planned pace
        long setupMillis = Math.round(setupRequests * 10_000 / config.setupRate());
        return Duration.ofMillis(setupMillis).plus(config.connectDelay()).plus(config.ramp()).plus(config.warmup()).plus(config.duration())
                .plus(config.drain()).plus(Duration.ofMillis(BenchRun.CONNECT_GRACE_MILLIS)).plus(Duration.ofMinutes(2));
    }
}
