package dev.realtime.chat.gateway.publish;

import java.util.List;

/** What happens to the senders once a MessageBatch is confirmed, or is not. */
public interface PublishOutcome {

    void confirmed(List<PendingMessage> batch);

    void failed(List<PendingMessage> batch, Throwable cause);
}
