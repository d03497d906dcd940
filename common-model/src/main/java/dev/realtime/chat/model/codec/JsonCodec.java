package dev.realtime.chat.model.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The one JSON configuration of the wire: ISO-8601 UTC times, unknown fields ignored (old readers accept new
 * fields), nulls written (protocol fields are always present).
 */
public final class JsonCodec {

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private JsonCodec() {
    }

    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** @throws MalformedPayloadException when the bytes are not a valid {@code type} */
    public static <T> T fromBytes(byte[] bytes, Class<T> type) {
        try {
            return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
            throw new MalformedPayloadException(type.getSimpleName(), e);
        }
    }

    public static <T> T fromJson(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new MalformedPayloadException(type.getSimpleName(), e);
        }
    }

    /** A payload that can never be decoded: fatal, never worth a retry. */
    public static final class MalformedPayloadException extends RuntimeException {

        private final String expectedType;

        MalformedPayloadException(String expectedType, IOException cause) {
            super("malformed " + expectedType + " payload", cause);
            this.expectedType = expectedType;
        }

        public String expectedType() {
            return expectedType;
        }
    }

}
