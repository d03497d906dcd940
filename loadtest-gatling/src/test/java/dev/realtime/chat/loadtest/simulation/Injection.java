package dev.realtime.chat.loadtest.simulation;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
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

    /**
     * Setup (at a tenth of {@code setup.rate}) + ramp + connect grace + warm-up + duration + drain + two minutes: the run stops by itself whatever
     * happens.
     */
    static Duration maxDuration(BenchConfig config, BenchPlan plan) {
        // password hashing makes registration and login slow on a busy box: allow ten times the planned pace
        long setupMillis = config.rabbit() ? 0
                : Math.round((config.users() + plan.conversations().size()) * 10_000 / config.setupRate());
        return Duration.ofMillis(setupMillis).plus(config.ramp()).plus(config.warmup()).plus(config.duration())
                .plus(config.drain()).plus(Duration.ofMillis(BenchRun.CONNECT_GRACE_MILLIS)).plus(Duration.ofMinutes(2));
    }
}
