package dev.realtime.chat.persistence.batch;

import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.codec.JsonCodec.MalformedPayloadException;
import dev.realtime.chat.model.envelope.MessageBatch;
import dev.realtime.chat.model.envelope.MessageEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Bytes of the persist queue to a {@link DecodedBatch}; pure, no I/O. */
public final class BatchDecoder {

    private final MessageValidator validator;

    public BatchDecoder(MessageValidator validator) {
        this.validator = validator;
    }

    /** @throws MalformedBatchException when the body is not a MessageBatch at all (fatal for the whole body) */
    public DecodedBatch decode(byte[] body) {
        MessageBatch batch;
        try {
            batch = JsonCodec.fromBytes(body, MessageBatch.class);
        } catch (MalformedPayloadException e) {
            throw new MalformedBatchException("body is not a MessageBatch JSON document", e);
        }
        if (batch == null) {
            throw new MalformedBatchException("body is JSON null", null);
        }
        if (batch.messages() == null) {
            throw new MalformedBatchException("MessageBatch without a messages array", null);
        }
        List<MessageEnvelope> valid = new ArrayList<>(batch.messages().size());
        List<RejectedMessage> rejected = new ArrayList<>();
        for (MessageEnvelope envelope : batch.messages()) {
            Optional<String> problem = validator.problem(envelope);
            if (problem.isPresent()) {
                rejected.add(new RejectedMessage(envelope, problem.get()));
            } else {
                valid.add(envelope);
            }
        }
        return new DecodedBatch(batch.gatewayId(), valid, rejected);
    }

    /** A body that can never be decoded: dead-lettered whole, at once. */
    public static final class MalformedBatchException extends RuntimeException {

        MalformedBatchException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
