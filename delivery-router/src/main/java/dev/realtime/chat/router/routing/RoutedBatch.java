package dev.realtime.chat.router.routing;

import java.util.List;

/** A batch ready to forward: what to publish, and whether sessions were read or the batch is broadcast. */
public record RoutedBatch(Mode mode, List<Forward> forwards) {

    public enum Mode {
        /** Sessions read: one delivery per gateway holding a recipient. */
        DIRECT,
        /** Redis could not answer: one delivery through the fanout to every gateway. */
        BROADCAST
    }

    public RoutedBatch {
        forwards = List.copyOf(forwards);
    }
}
