package dev.realtime.chat.loadtest.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryLedgerTests {

    private static final String CONVERSATION = "conv-1";

    private DeliveryLedger groupOfThree(boolean liveExpectations) {
        DeliveryLedger ledger = new DeliveryLedger("run", 3, liveExpectations);
        ledger.addConversation(CONVERSATION, new int[] {0, 1, 2}, 0);
        ledger.measureWindow(1_000, 11_000);
        return ledger;
    }

    private static void allOnline(DeliveryLedger ledger, long at) {
        for (int user = 0; user < ledger.userCount(); user++) {
            ledger.online(user, at);
        }
    }

    @Test
    void messageReceivedByEveryOnlineMemberIsNotLost() {
        DeliveryLedger ledger = groupOfThree(true);
        allOnline(ledger, 500);
        String id = ledger.recordSend(0, 0, 2_000);

        assertThat(ledger.recordAck(0, id, "m1", 1, 2_004)).isEqualTo(4);
        DeliveryLedger.Delivery echo = ledger.recordDelivery(0, id, CONVERSATION, 1, 2_010, false);
        ledger.recordDelivery(1, id, CONVERSATION, 1, 2_020, false);
        ledger.recordDelivery(2, id, CONVERSATION, 1, 2_030, false);

        assertThat(echo).isEqualTo(new DeliveryLedger.Delivery(DeliveryLedger.Delivery.Kind.FIRST, true, true, 10));
        LedgerSummary summary = ledger.summarize();
        assertThat(summary.sent()).isOne();
        assertThat(summary.acked()).isOne();
        assertThat(summary.expectedDeliveries()).isEqualTo(3);
        assertThat(summary.delivered()).isEqualTo(3);
        assertThat(summary.lostDeliveries()).isZero();
        assertThat(summary.lostMessages()).isZero();
        assertThat(summary.endToEndLatency().max()).isEqualTo(30);
        assertThat(summary.echoLatency().max()).isEqualTo(10);
        assertThat(summary.ackLatency().p50()).isEqualTo(4);
        assertThat(summary.ackedPerSecond()).isEqualTo(0.1);
        assertThat(ledger.settled()).isTrue();
    }

    @Test
    void ackedMessageMissingAtAnOnlineMemberIsLost() {
        DeliveryLedger ledger = groupOfThree(true);
        allOnline(ledger, 500);
        String id = ledger.recordSend(0, 0, 2_000);
        ledger.recordAck(0, id, "m1", 1, 2_004);
        ledger.recordDelivery(0, id, CONVERSATION, 1, 2_010, false);
        ledger.recordDelivery(1, id, CONVERSATION, 1, 2_010, false);

        LedgerSummary summary = ledger.summarize();

        assertThat(summary.lostDeliveries()).isOne();
        assertThat(summary.lostMessages()).isOne();
        assertThat(ledger.drained()).isFalse();
        assertThat(ledger.lostFor(2)).containsExactly(new DeliveryLedger.Missing(0, 0, 2_000, 0));
        assertThat(ledger.lostFor(1)).isEmpty();
    }

    @Test
    void memberNotYetOnlineWhenTheMessageWasSentIsNotExpectedToReceiveIt() {
        DeliveryLedger ledger = groupOfThree(true);
        ledger.online(0, 500);
        ledger.online(1, 500);
        ledger.online(2, 3_000);
        String id = ledger.recordSend(0, 0, 2_000);
        ledger.recordAck(0, id, "m1", 1, 2_004);
        ledger.recordDelivery(0, id, CONVERSATION, 1, 2_010, false);
        ledger.recordDelivery(1, id, CONVERSATION, 1, 2_010, false);

        LedgerSummary summary = ledger.summarize();

        assertThat(summary.expectedDeliveries()).isEqualTo(2);
        assertThat(summary.lostDeliveries()).isZero();
        assertThat(ledger.lostFor(2)).isEmpty();
    }

    @Test
    void unackedMessagesAreCountedButNotLost() {
        DeliveryLedger ledger = groupOfThree(true);
        allOnline(ledger, 500);
        ledger.recordSend(0, 0, 2_000);

        LedgerSummary summary = ledger.summarize();

        assertThat(summary.unacked()).isOne();
        assertThat(summary.lostMessages()).isZero();
        assertThat(ledger.settled()).isFalse();
    }

    @Test
    void inFlightCountsSendsUntilAckedOrFailedAndThrottledSendsAddToTheOfferedLoad() {
        DeliveryLedger ledger = groupOfThree(true);
        String first = ledger.recordSend(0, 0, 2_000);
        String second = ledger.recordSend(0, 0, 2_100);
        ledger.recordSend(0, 0, 2_200);
        assertThat(ledger.inFlight(0)).isEqualTo(3);

        ledger.recordAck(0, first, "m1", 1, 2_010);
        ledger.recordAck(0, first, "m1", 1, 2_020);
        ledger.recordError(0, "forbidden", second, 0);
        assertThat(ledger.inFlight(0)).isOne();

        ledger.recordThrottled(2_300);
        ledger.recordThrottled(500);
        LedgerSummary summary = ledger.summarize();
        assertThat(summary.throttled()).isOne();
        assertThat(summary.sent()).isEqualTo(3);
        assertThat(summary.offeredPerSecond()).isEqualTo(0.4);
    }

    @Test
    void secondCopyOfAMessageIsADuplicate() {
        DeliveryLedger ledger = groupOfThree(true);
        allOnline(ledger, 500);
        String id = ledger.recordSend(0, 0, 2_000);
        ledger.recordDelivery(1, id, CONVERSATION, 1, 2_010, false);

        DeliveryLedger.Delivery again = ledger.recordDelivery(1, id, CONVERSATION, 1, 2_050, false);

        assertThat(again.kind()).isEqualTo(DeliveryLedger.Delivery.Kind.DUPLICATE);
        assertThat(ledger.summarize().duplicates()).isOne();
        assertThat(ledger.summarize().delivered()).isOne();
    }

    @Test
    void warmUpMessagesAreNotMeasured() {
        DeliveryLedger ledger = groupOfThree(true);
        allOnline(ledger, 100);
        String id = ledger.recordSend(0, 0, 900);

        assertThat(ledger.recordAck(0, id, "m1", 1, 905)).isEqualTo(-1);
        DeliveryLedger.Delivery delivery = ledger.recordDelivery(1, id, CONVERSATION, 1, 910, false);

        assertThat(delivery.measured()).isFalse();
        LedgerSummary summary = ledger.summarize();
        assertThat(summary.sent()).isZero();
        assertThat(summary.acked()).isZero();
        assertThat(summary.delivered()).isZero();
        assertThat(summary.endToEndLatency().count()).isZero();
    }

    @Test
    void nothingIsMeasuredBeforeTheWindowIsSet() {
        DeliveryLedger ledger = new DeliveryLedger("run", 2, true);
        ledger.addConversation(CONVERSATION, new int[] {0, 1}, 0);
        ledger.online(0, 1);
        ledger.online(1, 1);

        String id = ledger.recordSend(0, 0, 2_000);
        ledger.recordAck(0, id, "m1", 1, 2_001);

        LedgerSummary summary = ledger.summarize();
        assertThat(summary.sent()).isZero();
        assertThat(summary.acked()).isZero();
        assertThat(summary.expectedDeliveries()).isZero();
        assertThat(summary.windowSeconds()).isZero();
    }

    @Test
    void messagesOfOtherRunsAndClientsAreForeign() {
        DeliveryLedger ledger = groupOfThree(true);

        assertThat(ledger.recordDelivery(1, "old.0.0.1500", CONVERSATION, 1, 2_000, false).kind())
                .isEqualTo(DeliveryLedger.Delivery.Kind.FOREIGN);
        assertThat(ledger.recordDelivery(1, "a-browser-uuid", CONVERSATION, 1, 2_000, false).kind())
                .isEqualTo(DeliveryLedger.Delivery.Kind.FOREIGN);
        assertThat(ledger.recordAck(1, "run.0.0.1500", "m", 1, 2_000)).isEqualTo(-1);
        assertThat(ledger.summarize().foreign()).isEqualTo(3);
    }

    @Test
    void secondAckOfTheSameMessageIsCountedAsDuplicateAck() {
        DeliveryLedger ledger = groupOfThree(true);
        String id = ledger.recordSend(0, 0, 2_000);
        ledger.recordAck(0, id, "m1", 1, 2_004);

        assertThat(ledger.recordAck(0, id, "m1", 1, 2_008)).isEqualTo(-1);
        assertThat(ledger.summarize().duplicateAcks()).isOne();
        assertThat(ledger.summarize().conflictingAcks()).isZero();
        assertThat(ledger.summarize().acked()).isOne();
    }

    @Test
    void secondAckWithAnotherSeqIsAConflict() {
        DeliveryLedger ledger = groupOfThree(true);
        String id = ledger.recordSend(0, 0, 2_000);
        ledger.recordAck(0, id, "m1", 1, 2_004);

        ledger.recordAck(0, id, "m9", 9, 2_008);

        assertThat(ledger.summarize().conflictingAcks()).isOne();
    }

    @Test
    void unavailableQueuesAResendWithTheSameClientMessageIdUntilTheLimit() {
        DeliveryLedger ledger = groupOfThree(true);
        allOnline(ledger, 500);
        String id = ledger.recordSend(0, 0, 2_000);

        ledger.recordError(0, "unavailable", id, 1);
        assertThat(ledger.hasResend(0)).isTrue();
        assertThat(ledger.pollResend(0)).isEqualTo(new DeliveryLedger.Resend(0, id));
        assertThat(ledger.hasResend(0)).isFalse();

        ledger.recordError(0, "unavailable", id, 1);
        assertThat(ledger.hasResend(0)).isFalse();
        LedgerSummary summary = ledger.summarize();
        assertThat(summary.failed()).isOne();
        assertThat(summary.resent()).isOne();
        assertThat(summary.errors()).containsEntry("unavailable", 2L);
        assertThat(summary.expectedDeliveries()).isZero();
        assertThat(ledger.settled()).isTrue();
    }

    @Test
    void unackedMessagesAreQueuedForResendAfterAReconnectUpToTheLimit() {
        DeliveryLedger ledger = groupOfThree(true);
        String acked = ledger.recordSend(0, 0, 2_000);
        String unacked = ledger.recordSend(0, 0, 2_100);
        ledger.recordAck(0, acked, "m1", 1, 2_010);

        assertThat(ledger.resendUnacked(0, 1)).isOne();
        assertThat(ledger.resendUnacked(0, 1)).isZero();
        assertThat(ledger.pollResend(0)).isEqualTo(new DeliveryLedger.Resend(0, unacked));
        assertThat(ledger.resendUnacked(0, 1)).isZero();
        assertThat(ledger.resendUnacked(0, 2)).isOne();
    }

    @Test
    void finalErrorFailsTheMessageAtOnce() {
        DeliveryLedger ledger = groupOfThree(true);
        allOnline(ledger, 500);
        String id = ledger.recordSend(0, 0, 2_000);

        ledger.recordError(0, "forbidden", id, 3);

        assertThat(ledger.hasResend(0)).isFalse();
        assertThat(ledger.summarize().failed()).isOne();
        assertThat(ledger.unechoed(0)).isEmpty();
    }

    @Test
    void unechoedListsOwnMeasuredMessagesNotYetBack() {
        DeliveryLedger ledger = groupOfThree(true);
        String first = ledger.recordSend(0, 0, 2_000);
        ledger.recordSend(0, 0, 2_100);
        ledger.recordDelivery(0, first, CONVERSATION, 1, 2_010, false);

        assertThat(ledger.unechoed(0)).isDeepEqualTo(new long[][] {{1, 2_100}});
    }

    @Test
    void historyFillsSeqGapsWithoutLiveExpectations() {
        DeliveryLedger ledger = new DeliveryLedger("run", 2, false);
        ledger.addConversation(CONVERSATION, new int[] {0, 1}, 10);
        ledger.measureWindow(1_000, 11_000);
        String first = ledger.recordSend(0, 0, 2_000);
        String second = ledger.recordSend(0, 0, 2_100);
        ledger.recordAck(0, first, "m11", 11, 2_005);
        ledger.recordAck(0, second, "m12", 12, 2_105);
        ledger.recordDelivery(0, first, CONVERSATION, 11, 2_010, false);
        ledger.recordDelivery(0, second, CONVERSATION, 12, 2_110, false);
        ledger.recordDelivery(1, first, CONVERSATION, 11, 2_010, false);

        assertThat(ledger.lastContiguousSeq(1, 0)).isEqualTo(11);
        assertThat(ledger.seqGaps()).isOne();
        assertThat(ledger.lostFor(1)).hasSize(1);

        ledger.recordDelivery(1, second, CONVERSATION, 12, 5_000, true);

        assertThat(ledger.lastContiguousSeq(1, 0)).isEqualTo(12);
        assertThat(ledger.seqGaps()).isZero();
        assertThat(ledger.lostFor(1)).isEmpty();
        LedgerSummary summary = ledger.summarize();
        assertThat(summary.recoveredFromHistory()).isOne();
        assertThat(summary.lostDeliveries()).isZero();
        assertThat(summary.endToEndLatency().count()).isEqualTo(3);
    }

    @Test
    void lastContiguousSeqStartsAtTheBaseline() {
        DeliveryLedger ledger = new DeliveryLedger("run", 2, false);
        ledger.addConversation(CONVERSATION, new int[] {0, 1}, 42);

        assertThat(ledger.lastContiguousSeq(1, 0)).isEqualTo(42);
        assertThat(ledger.baselineSeq(0)).isEqualTo(42);
    }

    @Test
    void sameConversationIdRegistersOnce() {
        DeliveryLedger ledger = new DeliveryLedger("run", 2, true);

        assertThat(ledger.addConversation("c", new int[] {0, 1}, 0)).isZero();
        assertThat(ledger.addConversation("c", new int[] {0, 1}, 0)).isZero();
        assertThat(ledger.addConversation("d", new int[] {0, 1}, 0)).isOne();
        assertThat(ledger.conversationIndex("d")).isOne();
        assertThat(ledger.conversationIndex("nope")).isEqualTo(-1);
        assertThat(ledger.conversationCount()).isEqualTo(2);
    }

    @Test
    void rejectsUnknownUsersAndConversations() {
        DeliveryLedger ledger = new DeliveryLedger("run", 2, true);

        assertThatThrownBy(() -> ledger.addConversation("c", new int[] {0, 5}, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.recordSend(0, 3, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ledger.measureWindow(10, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesAckedMessagesWithTheirDeliveryOutcome(@TempDir Path dir) throws IOException {
        DeliveryLedger ledger = groupOfThree(true);
        allOnline(ledger, 500);
        String delivered = ledger.recordSend(0, 0, 2_000);
        String undelivered = ledger.recordSend(1, 0, 2_000);
        ledger.recordSend(2, 0, 2_000);
        ledger.recordAck(0, delivered, "m1", 1, 2_001);
        ledger.recordAck(1, undelivered, "m2", 2, 2_001);
        for (int member = 0; member < 3; member++) {
            ledger.recordDelivery(member, delivered, CONVERSATION, 1, 2_010, false);
        }
        ledger.recordDelivery(1, undelivered, CONVERSATION, 2, 2_010, false);

        Path file = dir.resolve("run.acked.raw");
        assertThat(ledger.writeAcked(file)).isEqualTo(2);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).containsExactly(
                CONVERSATION + "\t1\tm1\t" + delivered + "\t1",
                CONVERSATION + "\t2\tm2\t" + undelivered + "\t0");
    }

    @Test
    void concurrentUsersKeepExactCounts() throws InterruptedException {
        int users = 8;
        DeliveryLedger ledger = new DeliveryLedger("run", users, true);
        int[] everyone = java.util.stream.IntStream.range(0, users).toArray();
        ledger.addConversation(CONVERSATION, everyone, 0);
        ledger.measureWindow(0, Long.MAX_VALUE - 1);
        allOnline(ledger, 0);
        int perUser = 500;
        String[][] ids = new String[users][perUser];
        Thread[] senders = new Thread[users];
        for (int u = 0; u < users; u++) {
            int user = u;
            senders[u] = new Thread(() -> {
                for (int n = 0; n < perUser; n++) {
                    ids[user][n] = ledger.recordSend(user, 0, 10 + n);
                    ledger.recordAck(user, ids[user][n], "m", user * perUser + n + 1, 20 + n);
                }
            });
            senders[u].start();
        }
        for (Thread sender : senders) {
            sender.join();
        }
        Thread[] receivers = new Thread[users];
        for (int r = 0; r < users; r++) {
            int receiver = r;
            receivers[r] = new Thread(() -> {
                for (int s = 0; s < users; s++) {
                    for (int n = 0; n < perUser; n++) {
                        ledger.recordDelivery(receiver, ids[s][n], CONVERSATION, s * perUser + n + 1, 30 + n, false);
                    }
                }
            });
            receivers[r].start();
        }
        for (Thread receiver : receivers) {
            receiver.join();
        }

        LedgerSummary summary = ledger.summarize();
        assertThat(summary.sent()).isEqualTo(users * perUser);
        assertThat(summary.delivered()).isEqualTo((long) users * users * perUser);
        assertThat(summary.expectedDeliveries()).isEqualTo(summary.delivered());
        assertThat(summary.lostDeliveries()).isZero();
        assertThat(summary.seqGaps()).isZero();
    }
}
