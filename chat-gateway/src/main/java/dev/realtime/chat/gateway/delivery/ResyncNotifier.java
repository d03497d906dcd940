package dev.realtime.chat.gateway.delivery;

import dev.realtime.chat.gateway.session.LocalSessions;
import dev.realtime.chat.gateway.session.SessionMessenger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionListener;

/**
 * When the broker connection comes back after a loss, deliveries meant for this gateway's sessions may have been
 * missed (its queue is transient): every local session gets {@code {"type":"resync"}} on
 * {@code /user/queue/events} and syncs with {@code afterSeq}.
 */
class ResyncNotifier implements ConnectionListener {

    static final String RESYNC = "{\"type\":\"resync\"}";
    private static final Logger log = LoggerFactory.getLogger(ResyncNotifier.class);

    private final LocalSessions sessions;
    private final SessionMessenger messenger;
    private final AtomicInteger connections = new AtomicInteger();
    private final Counter resyncs;

    ResyncNotifier(LocalSessions sessions, SessionMessenger messenger, MeterRegistry registry) {
        this.sessions = sessions;
        this.messenger = messenger;
        this.resyncs = Counter.builder("chat.sessions.resync").description("resync events sent after a broker reconnect")
                .register(registry);
    }

    @Override
    public void onCreate(Connection connection) {
        if (connections.getAndIncrement() == 0) {
            return; // the first connection: nothing was missed
        }
        int users = 0;
        for (String userId : sessions.users()) {
            messenger.toUserJson(userId, SessionMessenger.EVENTS, RESYNC);
            users++;
        }
        resyncs.increment(users);
        log.info("Broker connection re-established: resync sent to {} users", users);
    }

    @Override
    public void onClose(Connection connection) {
        log.info("Broker connection closed");
    }
}
