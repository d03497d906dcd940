package dev.realtime.chat.gateway.conversation;

/** Membership could not be read (Redis and Cassandra both failing or slow). Transient. */
public class MembershipUnavailableException extends RuntimeException {

    private final String conversationId;

    public MembershipUnavailableException(String conversationId, Throwable cause) {
        super("membership of conversation " + conversationId + " is unavailable", cause);
        this.conversationId = conversationId;
    }

    public String conversationId() {
        return conversationId;
    }
}
