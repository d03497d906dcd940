package dev.realtime.chat.gateway.message;

import java.util.concurrent.CompletionStage;

/** The highest seq a conversation is known to have used, from durable storage (0 when it has no history). */
interface SeqRecovery {

    CompletionStage<Long> highestSeq(String conversationId);
}
