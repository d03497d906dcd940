package dev.realtime.chat.router.shard;

/** Settles one input batch on the channel it came from. */
public interface Acknowledgement {

    /** Done: the broker may forget the batch. */
    void ack();

    /** Poison: dead-letter it (reject without requeue). */
    void reject();

    /** False once the channel the batch came on is closed: the broker redelivers it, no need to forward it. */
    boolean isValid();
}
