package dev.realtime.chat.loadtest.simulation;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.action.Action;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;
import scala.Option;

/**
 * Feeds Gatling's statistics with what the STOMP traffic tells us, so that the HTML report and the assertions
 * see end-to-end latencies and losses.
 *
 * <p>Why: a Gatling WebSocket check only sees frames while it awaits, drops the frames that do not match it, and
 * a send clears the buffer of unmatched frames. Checking every delivery therefore cannot use checks: the
 * simulation drains the unmatched buffer before every send ({@code processUnmatchedMessages}), matches frames to
 * sends through the clientMessageId, and logs one response per echo ({@code chat.send e2e}: send → the sender's
 * own copy back through the whole path), per ack ({@code chat.send ack}) and a KO per lost delivery. Gatling's
 * Java DSL has no call for that, so {@link #capture()} is an action that only grabs the StatsEngine when the
 * scenario is built.
 */
final class StatsBridge {

    private static volatile StatsEngine engine;

    private StatsBridge() {
    }

    /** Put first in every scenario; adds no step at run time. */
    static ActionBuilder capture() {
        return () -> new io.gatling.core.action.builder.ActionBuilder() {
            @Override
            public Action build(ScenarioContext ctx, Action next) {
                engine = ctx.coreComponents().statsEngine();
                return next;
            }
        };
    }

    static void ok(Session session, String name, long startMillis, long endMillis) {
        log(session, name, startMillis, endMillis, true, null);
    }

    static void ko(Session session, String name, long startMillis, long endMillis, String message) {
        log(session, name, startMillis, endMillis, false, message);
    }

    private static void log(Session session, String name, long startMillis, long endMillis, boolean ok,
            String message) {
        StatsEngine statsEngine = engine;
        if (statsEngine == null) {
            throw new IllegalStateException("StatsBridge.capture() must be the first step of the scenario");
        }
        io.gatling.core.session.Session scalaSession = session.asScala();
        statsEngine.logResponse(scalaSession.scenario(), scalaSession.groups(), name, startMillis,
                Math.max(startMillis, endMillis), ok ? OK$.MODULE$ : KO$.MODULE$, Option.apply(null),
                Option.apply(message));
    }
}
