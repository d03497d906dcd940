package dev.realtime.chat.persistence.consume;

import com.rabbitmq.client.AMQP;

/**
 * One AMQP message of the persist queue, settled exactly once: {@link #ack()} when everything it carries is stored
 * (or handed on to a retry queue / the DLQ, confirmed), {@link #requeue()} to give it back to the queue untouched.
 */
public interface InboundBatch {

    byte[] body();

    AMQP.BasicProperties properties();

    void ack();

    /** Back to the queue without costing a retry (Cassandra unreachable, broker refused a publish). */
    void requeue();
}
