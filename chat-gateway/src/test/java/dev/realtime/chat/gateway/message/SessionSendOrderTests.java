package dev.realtime.chat.gateway.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.chat.gateway.message.SessionSendOrder.Issued;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SessionSendOrderTests {

    private final List<String> ran = new ArrayList<>();

    @Test
    void stepsRunInSendOrderEvenWhenTheirInputsCompleteInReverse() {
        SessionSendOrder order = new SessionSendOrder();
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();
        order.then("s", first, (value, error) -> {
            ran.add(value);
            return Issued.NOTHING;
        });
        order.then("s", second, (value, error) -> {
            ran.add(value);
            return Issued.NOTHING;
        });
        second.complete("second");
        assertThat(ran).isEmpty();
        first.complete("first");
        assertThat(ran).containsExactly("first", "second");
    }

    @Test
    void aBarrierHoldsTheNextStepUntilItsAnswerWhilePipelinedStepsDoNot() {
        SessionSendOrder order = new SessionSendOrder();
        CompletableFuture<Object> answer = new CompletableFuture<>();
        order.then("s", CompletableFuture.completedFuture("a"), (v, e) -> {
            ran.add(v);
            return Issued.pipelined(new CompletableFuture<>());
        });
        order.then("s", CompletableFuture.completedFuture("b"), (v, e) -> {
            ran.add(v);
            return Issued.barrier(answer);
        });
        order.then("s", CompletableFuture.completedFuture("c"), (v, e) -> {
            ran.add(v);
            return Issued.NOTHING;
        });
        assertThat(ran).containsExactly("a", "b");
        answer.complete(null);
        assertThat(ran).containsExactly("a", "b", "c");
    }

    @Test
    void atMostWindowAnswersAreOutstandingPerSessionAndSessionsDoNotWaitForEachOther() {
        SessionSendOrder order = new SessionSendOrder(2);
        List<CompletableFuture<Object>> answers = new ArrayList<>();
        for (String step : List.of("1", "2", "3")) {
            order.then("s", CompletableFuture.completedFuture(step), (v, e) -> {
                ran.add(v);
                CompletableFuture<Object> answer = new CompletableFuture<>();
                answers.add(answer);
                return Issued.pipelined(answer);
            });
        }
        order.then("other", CompletableFuture.completedFuture("x"), (v, e) -> {
            ran.add(v);
            return Issued.NOTHING;
        });
        assertThat(ran).containsExactly("1", "2", "x");
        answers.get(0).complete(null);
        assertThat(ran).containsExactly("1", "2", "x", "3");
    }

    @Test
    void aFailingStepDoesNotStopTheSession() {
        SessionSendOrder order = new SessionSendOrder();
        order.then("s", CompletableFuture.completedFuture("boom"), (v, e) -> {
            throw new IllegalStateException(v);
        });
        order.then("s", CompletableFuture.failedFuture(new IllegalStateException("no membership")), (v, e) -> {
            ran.add("error:" + e.getMessage());
            return Issued.NOTHING;
        });
        assertThat(ran).containsExactly("error:no membership");
    }
}
