package dev.realtime.chat.loadtest.ledger;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every virtual user sent, got acknowledged and received, so that the run can say how many messages were
 * lost or duplicated, not only how fast they went.
 *
 * <p>Sends are numbered per sender (dense from 0; the number travels in the {@link ClientMessageIds
 * clientMessageId}), so each receiver keeps one bit set per sender. A message counts ("measured") when it was
 * sent inside the measurement window (after the warm-up). A measured, acknowledged message is <b>lost</b> for a
 * member who was online (subscribed) when it was sent and never received it. With {@code liveExpectations} off
 * (the mixed scenario, where users go offline on purpose) loss is judged by {@link #seqGaps} instead: acked seqs a
 * member never saw, live or from history.
 *
 * <p>Thread-safety: one virtual user runs on one thread at a time, but receivers read senders' state, so each
 * user's log is guarded by its own monitor and the totals are adders.
 */
public final class DeliveryLedger {

    private static final byte SENT = 1;
    private static final byte ACKED = 2;
    private static final byte ECHOED = 4;
    private static final byte FAILED = 8;

    private final String run;
    private final boolean liveExpectations;
    private final UserLog[] users;
    private final Map<String, Conversation> conversationsById = new ConcurrentHashMap<>();
    private final Map<Integer, Conversation> conversationsByIndex = new ConcurrentHashMap<>();
    /** Nothing is measured until {@link #measureWindow} is called. */
    private volatile long measureStart = Long.MAX_VALUE;
    private volatile long measureEnd = Long.MAX_VALUE;

    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder duplicateAcks = new LongAdder();
    private final LongAdder conflictingAcks = new LongAdder();
    private final LongAdder expected = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder recovered = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder foreign = new LongAdder();
    private final LongAdder resent = new LongAdder();
    private final LongAdder failedMeasured = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final Map<String, LongAdder> errorsByCode = new ConcurrentHashMap<>();
    private final LatencyHistogram endToEnd = new LatencyHistogram();
    private final LatencyHistogram echo = new LatencyHistogram();
    private final LatencyHistogram ack = new LatencyHistogram();

    public DeliveryLedger(String run, int users, boolean liveExpectations) {
        if (users < 1) {
            throw new IllegalArgumentException("users must be >= 1");
        }
        this.run = run;
        this.liveExpectations = liveExpectations;
        this.users = new UserLog[users];
        for (int i = 0; i < users; i++) {
            this.users[i] = new UserLog();
        }
    }

    public String run() {
        return run;
    }

    public int userCount() {
        return users.length;
    }

    /** Registers a conversation; {@code baselineSeq} is its last seq before the run (0 when new). */
    public int addConversation(String conversationId, int[] members, long baselineSeq) {
        for (int member : members) {
            checkUser(member);
        }
        Conversation existing = conversationsById.get(conversationId);
        if (existing != null) {
            return existing.index;
        }
        synchronized (conversationsByIndex) {
            existing = conversationsById.get(conversationId);
            if (existing != null) {
                return existing.index;
            }
            Conversation conversation = new Conversation(conversationsByIndex.size(), conversationId,
                    members.clone(), baselineSeq);
            conversationsByIndex.put(conversation.index, conversation);
            conversationsById.put(conversationId, conversation);
            return conversation.index;
        }
    }

    public int conversationCount() {
        return conversationsByIndex.size();
    }

    public String conversationId(int index) {
        return conversation(index).id;
    }

    public int[] members(int conversationIndex) {
        return conversation(conversationIndex).members.clone();
    }

    /** Index of a registered conversation, or -1. */
    public int conversationIndex(String conversationId) {
        Conversation conversation = conversationsById.get(conversationId);
        return conversation == null ? -1 : conversation.index;
    }

    /** Only messages sent in {@code [start, end)} count (warm-up and drain excluded); none before this call. */
    public void measureWindow(long startMillis, long endMillis) {
        if (endMillis <= startMillis) {
            throw new IllegalArgumentException("measurement window must not be empty");
        }
        measureStart = startMillis;
        measureEnd = endMillis;
    }

    public boolean isMeasured(long sentAtMillis) {
        return sentAtMillis >= measureStart && sentAtMillis < measureEnd;
    }

    public long measureStart() {
        return measureStart;
    }

    public long measureEnd() {
        return measureEnd;
    }

    /** The user is connected and subscribed from {@code millis} on (messages sent after it must reach it). */
    public void online(int user, long millis) {
        UserLog log = users[checkUser(user)];
        synchronized (log) {
            if (log.onlineSince == NEVER || log.offline) {
                log.onlineSince = millis;
            }
            log.offline = false;
        }
    }

    public void offline(int user) {
        UserLog log = users[checkUser(user)];
        synchronized (log) {
            log.offline = true;
        }
    }

    private boolean wasOnlineAt(int user, long millis) {
        UserLog log = users[user];
        synchronized (log) {
            return log.onlineSince != NEVER && log.onlineSince <= millis;
        }
    }

    /** Sends of the user still waiting for their ack (or final error). */
    public int inFlight(int user) {
        UserLog log = users[checkUser(user)];
        synchronized (log) {
            return log.pending;
        }
    }

    /**
     * A send the user skipped because too many of its messages await their ack: the offered load the system did
     * not take (counted when inside the measurement window).
     */
    public void recordThrottled(long atMillis) {
        if (isMeasured(atMillis)) {
            throttled.increment();
        }
    }

    /** How many messages the user sent so far (warm-up included). */
    public int sendCount(int user) {
        UserLog log = users[checkUser(user)];
        synchronized (log) {
            return log.count;
        }
    }

    /** Records a send and returns its clientMessageId. */
    public String recordSend(int user, int conversationIndex, long sentAtMillis) {
        Conversation conversation = conversation(conversationIndex);
        UserLog log = users[checkUser(user)];
        int number;
        synchronized (log) {
            number = log.add(conversationIndex, sentAtMillis);
        }
        if (isMeasured(sentAtMillis)) {
            sent.increment();
            int expectedHere = 0;
            for (int member : conversation.members) {
                if (!liveExpectations || wasOnlineAt(member, sentAtMillis)) {
                    expectedHere++;
                }
            }
            synchronized (log) {
                log.expected[number] = expectedHere;
            }
            expected.add(expectedHere);
        }
        return ClientMessageIds.format(run, user, number, sentAtMillis);
    }

    /**
     * An acknowledgement ({@code /user/queue/acks}, or a RECEIPT for RabbitMQ) reached the sender.
     *
     * @param seq the message's seq, or -1 where the target has none (RabbitMQ)
     * @return the ack latency in ms when the message is measured and this is its first ack, else -1
     */
    public long recordAck(int user, String clientMessageId, String messageId, long seq, long arrivalMillis) {
        ClientMessageIds.Parsed id = ClientMessageIds.parse(clientMessageId);
        if (id == null || !id.run().equals(run) || id.sender() != user) {
            foreign.increment();
            return -1;
        }
        UserLog log = users[checkUser(user)];
        int conversationIndex;
        synchronized (log) {
            if (id.number() >= log.count) {
                foreign.increment();
                return -1;
            }
            if ((log.flags[id.number()] & ACKED) != 0) {
                duplicateAcks.increment();
                if (seq != log.seq[id.number()] || (messageId != null
                        && !messageId.equals(log.messageId[id.number()]))) {
                    conflictingAcks.increment();
                }
                return -1;
            }
            if ((log.flags[id.number()] & FAILED) == 0) {
                log.pending--;
            }
            log.flags[id.number()] |= ACKED;
            log.seq[id.number()] = seq;
            log.messageId[id.number()] = messageId;
            conversationIndex = log.conversation[id.number()];
        }
        if (!isMeasured(id.sentAtMillis())) {
            return -1;
        }
        acked.increment();
        if (seq > 0) {
            conversation(conversationIndex).ackedSeq(seq);
        }
        long latency = Math.max(0, arrivalMillis - id.sentAtMillis());
        ack.record(latency);
        return latency;
    }

    /** Outcome of {@link #recordDelivery}. */
    public record Delivery(Kind kind, boolean measured, boolean ownEcho, long latencyMillis) {

        public enum Kind { FIRST, DUPLICATE, FOREIGN }
    }

    private static final Delivery FOREIGN = new Delivery(Delivery.Kind.FOREIGN, false, false, -1);

    /**
     * A MESSAGE reached {@code receiver}, live ({@code fromHistory} false) or from a history load.
     *
     * @param seq the message's seq, or -1 where the target has none
     */
    public Delivery recordDelivery(int receiver, String clientMessageId, String conversationId, long seq,
            long arrivalMillis, boolean fromHistory) {
        ClientMessageIds.Parsed id = ClientMessageIds.parse(clientMessageId);
        UserLog log = users[checkUser(receiver)];
        Conversation conversation = conversationId == null ? null : conversationsById.get(conversationId);
        if (conversation != null && seq > 0) {
            synchronized (log) {
                log.seen(conversation, seq);
            }
        }
        if (id == null || !id.run().equals(run) || id.sender() >= users.length) {
            foreign.increment();
            return FOREIGN;
        }
        boolean duplicate;
        synchronized (log) {
            BitSet fromSender = log.received.computeIfAbsent(id.sender(), s -> new BitSet());
            duplicate = fromSender.get(id.number());
            fromSender.set(id.number());
        }
        boolean measured = isMeasured(id.sentAtMillis());
        boolean ownEcho = id.sender() == receiver;
        if (duplicate) {
            if (measured && !fromHistory) {
                duplicates.increment();
            }
            return new Delivery(Delivery.Kind.DUPLICATE, measured, ownEcho, -1);
        }
        if (ownEcho) {
            synchronized (log) {
                if (id.number() < log.count) {
                    log.flags[id.number()] |= ECHOED;
                }
            }
        }
        if (!measured) {
            return new Delivery(Delivery.Kind.FIRST, false, ownEcho, -1);
        }
        if (fromHistory) {
            recovered.increment();
            return new Delivery(Delivery.Kind.FIRST, true, ownEcho, -1);
        }
        delivered.increment();
        long latency = Math.max(0, arrivalMillis - id.sentAtMillis());
        endToEnd.record(latency);
        if (ownEcho) {
            echo.record(latency);
        }
        return new Delivery(Delivery.Kind.FIRST, true, ownEcho, latency);
    }

    /**
     * A frame on {@code /user/queue/errors} (or an ERROR). Retryable codes ({@code unavailable},
     * {@code rate_limited}) queue the message for a resend with the same clientMessageId, up to
     * {@code maxResends} times; other codes fail it.
     */
    public void recordError(int user, String code, String clientMessageId, int maxResends) {
        String safeCode = code == null || code.isBlank() ? "unknown" : code;
        errorsByCode.computeIfAbsent(safeCode, c -> new LongAdder()).increment();
        ClientMessageIds.Parsed id = ClientMessageIds.parse(clientMessageId);
        if (id == null || !id.run().equals(run) || id.sender() != user) {
            return;
        }
        UserLog log = users[checkUser(user)];
        boolean retryable = safeCode.equals("unavailable") || safeCode.equals("rate_limited");
        int failedExpectation = 0;
        synchronized (log) {
            int n = id.number();
            if (n >= log.count || (log.flags[n] & (ACKED | FAILED)) != 0) {
                return;
            }
            if (retryable && log.resends[n] < maxResends) {
                log.resends[n]++;
                log.resendQueue.add(n);
                return;
            }
            log.flags[n] |= FAILED;
            log.pending--;
            failedExpectation = log.expected[n];
        }
        if (isMeasured(id.sentAtMillis())) {
            expected.add(-failedExpectation);
            failedMeasured.increment();
        }
    }

    /**
     * After a reconnect a client resends what was never acknowledged, with the same clientMessageId (the server
     * answers with the first messageId and seq). Queues those sends, each at most {@code maxResends} times.
     *
     * @return how many were queued
     */
    public int resendUnacked(int user, int maxResends) {
        UserLog log = users[checkUser(user)];
        synchronized (log) {
            int queued = 0;
            for (int n = 0; n < log.count; n++) {
                if ((log.flags[n] & (ACKED | FAILED)) == 0 && log.resends[n] < maxResends
                        && !log.resendQueue.contains(n)) {
                    log.resends[n]++;
                    log.resendQueue.add(n);
                    queued++;
                }
            }
            return queued;
        }
    }

    /** A message queued for a resend, as (conversation index, clientMessageId), or null. */
    public Resend pollResend(int user) {
        UserLog log = users[checkUser(user)];
        synchronized (log) {
            Integer n = log.resendQueue.poll();
            if (n == null) {
                return null;
            }
            resent.increment();
            return new Resend(log.conversation[n], ClientMessageIds.format(run, user, n, log.sentAt[n]));
        }
    }

    public record Resend(int conversationIndex, String clientMessageId) {
    }

    public boolean hasResend(int user) {
        UserLog log = users[checkUser(user)];
        synchronized (log) {
            return !log.resendQueue.isEmpty();
        }
    }

    /** The user's measured sends that neither echoed back nor failed yet, as (number, sentAtMillis) pairs. */
    public long[][] unechoed(int user) {
        UserLog log = users[checkUser(user)];
        synchronized (log) {
            long[][] out = new long[log.count][];
            int size = 0;
            for (int n = 0; n < log.count; n++) {
                if ((log.flags[n] & (ECHOED | FAILED)) == 0 && isMeasured(log.sentAt[n])) {
                    out[size++] = new long[] {n, log.sentAt[n]};
                }
            }
            return Arrays.copyOf(out, size);
        }
    }

    /** True once every expected delivery of a measured message arrived (the drain phase may stop). */
    public boolean drained() {
        return delivered.sum() + recovered.sum() >= expected.sum();
    }

    /** {@link #drained()} and every measured send acked or failed: nothing is in flight any more. */
    public boolean settled() {
        return drained() && acked.sum() + failedMeasured.sum() >= sent.sum();
    }

    /** A delivery due to a receiver that never arrived: message {@code number} of {@code sender}. */
    public record Missing(int sender, int number, long sentAtMillis, int conversationIndex) {
    }

    /**
     * Measured, acknowledged messages of the receiver's conversations that it was online for (with live
     * expectations) or that it should have seen in any case (without), and never received.
     */
    public java.util.List<Missing> lostFor(int receiver) {
        checkUser(receiver);
        java.util.List<Missing> missing = new java.util.ArrayList<>();
        java.util.Set<Integer> senders = new java.util.TreeSet<>();
        for (Conversation conversation : conversationsByIndex.values()) {
            for (int member : conversation.members) {
                if (member == receiver) {
                    for (int other : conversation.members) {
                        senders.add(other);
                    }
                    break;
                }
            }
        }
        for (int sender : senders) {
            java.util.List<Missing> candidates = new java.util.ArrayList<>();
            UserLog senderLog = users[sender];
            synchronized (senderLog) {
                for (int n = 0; n < senderLog.count; n++) {
                    if ((senderLog.flags[n] & ACKED) != 0 && isMeasured(senderLog.sentAt[n])
                            && contains(conversation(senderLog.conversation[n]).members, receiver)) {
                        candidates.add(new Missing(sender, n, senderLog.sentAt[n], senderLog.conversation[n]));
                    }
                }
            }
            if (candidates.isEmpty()) {
                continue;
            }
            UserLog receiverLog = users[receiver];
            long onlineSince;
            BitSet fromSender;
            synchronized (receiverLog) {
                onlineSince = receiverLog.onlineSince;
                BitSet received = receiverLog.received.get(sender);
                fromSender = received == null ? new BitSet() : (BitSet) received.clone();
            }
            for (Missing candidate : candidates) {
                boolean due = !liveExpectations || (onlineSince != NEVER && onlineSince <= candidate.sentAtMillis());
                if (due && !fromSender.get(candidate.number())) {
                    missing.add(candidate);
                }
            }
        }
        return missing;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    /** The highest seq up to which the user has seen every message of the conversation (for afterSeq). */
    public long lastContiguousSeq(int user, int conversationIndex) {
        Conversation conversation = conversation(conversationIndex);
        UserLog log = users[checkUser(user)];
        synchronized (log) {
            BitSet seen = log.seenSeqs.get(conversationIndex);
            return conversation.baselineSeq + (seen == null ? 0 : seen.nextClearBit(0));
        }
    }

    public long baselineSeq(int conversationIndex) {
        return conversation(conversationIndex).baselineSeq;
    }

    /** Acked seqs (of measured messages) that a member of their conversation never saw, summed over members. */
    public long seqGaps() {
        long gaps = 0;
        for (Conversation conversation : conversationsByIndex.values()) {
            BitSet ackedSeqs;
            synchronized (conversation) {
                ackedSeqs = (BitSet) conversation.ackedSeqs.clone();
            }
            for (int member : conversation.members) {
                BitSet missing = (BitSet) ackedSeqs.clone();
                UserLog log = users[member];
                synchronized (log) {
                    BitSet seen = log.seenSeqs.get(conversation.index);
                    if (seen != null) {
                        missing.andNot(seen);
                    }
                }
                gaps += missing.cardinality();
            }
        }
        return gaps;
    }

    /** Computes the totals. {@code windowSeconds} is the measurement window used for rates. */
    public LedgerSummary summarize() {
        long lostDeliveries = 0;
        long lostMessages = 0;
        long unacked = 0;
        long failed = 0;
        for (int sender = 0; sender < users.length; sender++) {
            UserLog log = users[sender];
            synchronized (log) {
                for (int n = 0; n < log.count; n++) {
                    if (!isMeasured(log.sentAt[n])) {
                        continue;
                    }
                    if ((log.flags[n] & FAILED) != 0) {
                        failed++;
                        continue;
                    }
                    if ((log.flags[n] & ACKED) == 0) {
                        unacked++;
                        continue;
                    }
                    int lost = lostDeliveriesOf(sender, n);
                    lostDeliveries += lost;
                    if (lost > 0) {
                        lostMessages++;
                    }
                }
            }
        }
        double windowSeconds = measureEnd == Long.MAX_VALUE ? 0 : (measureEnd - measureStart) / 1000.0;
        Map<String, Long> errors = new TreeMap<>();
        errorsByCode.forEach((code, count) -> errors.put(code, count.sum()));
        return new LedgerSummary(run, users.length, conversationsByIndex.size(), windowSeconds, sent.sum(),
                throttled.sum(), acked.sum(),
                unacked, failed, resent.sum(), duplicateAcks.sum(), conflictingAcks.sum(), errors, expected.sum(), delivered.sum(),
                recovered.sum(), lostDeliveries, lostMessages, duplicates.sum(), seqGaps(), foreign.sum(),
                rate(acked.sum(), windowSeconds), rate(sent.sum() + throttled.sum(), windowSeconds),
                rate(delivered.sum(), windowSeconds),
                endToEnd.snapshot(), echo.snapshot(), ack.snapshot());
    }

    private static double rate(long count, double seconds) {
        return seconds <= 0 ? 0 : Math.round(count / seconds * 10) / 10.0;
    }

    /** Members online at send time that did not receive message {@code n} of {@code sender} (live or history). */
    private int lostDeliveriesOf(int sender, int n) {
        UserLog senderLog = users[sender];
        long sentAt;
        int conversationIndex;
        synchronized (senderLog) {
            sentAt = senderLog.sentAt[n];
            conversationIndex = senderLog.conversation[n];
        }
        int lost = 0;
        for (int member : conversation(conversationIndex).members) {
            if (liveExpectations && !wasOnlineAt(member, sentAt)) {
                continue;
            }
            UserLog memberLog = users[member];
            synchronized (memberLog) {
                BitSet fromSender = memberLog.received.get(sender);
                if (fromSender == null || !fromSender.get(n)) {
                    lost++;
                }
            }
        }
        return lost;
    }

    /**
     * Writes the measured, acknowledged messages for the Cassandra verifier, one per line:
     * {@code conversationId TAB seq TAB messageId TAB clientMessageId TAB deliveredToAll(1|0)}.
     *
     * @return how many lines were written
     */
    public long writeAcked(Path file) throws IOException {
        long lines = 0;
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int sender = 0; sender < users.length; sender++) {
                UserLog log = users[sender];
                synchronized (log) {
                    for (int n = 0; n < log.count; n++) {
                        if (!isMeasured(log.sentAt[n]) || (log.flags[n] & ACKED) == 0) {
                            continue;
                        }
                        out.write(conversation(log.conversation[n]).id);
                        out.write('\t');
                        out.write(Long.toString(log.seq[n]));
                        out.write('\t');
                        out.write(String.valueOf(log.messageId[n]));
                        out.write('\t');
                        out.write(ClientMessageIds.format(run, sender, n, log.sentAt[n]));
                        out.write('\t');
                        out.write(lostDeliveriesOf(sender, n) == 0 ? '1' : '0');
                        out.write('\n');
                        lines++;
                    }
                }
            }
        }
        return lines;
    }

    private Conversation conversation(int index) {
        Conversation conversation = conversationsByIndex.get(index);
        if (conversation == null) {
            throw new IllegalArgumentException("unknown conversation index " + index);
        }
        return conversation;
    }

    private int checkUser(int user) {
        if (user < 0 || user >= users.length) {
            throw new IllegalArgumentException("unknown user index " + user);
        }
        return user;
    }

    private static final class Conversation {
        final int index;
        final String id;
        final int[] members;
        final long baselineSeq;
        /** bit (seq - baseline - 1) set once that seq was acked (measured messages only) */
        final BitSet ackedSeqs = new BitSet();

        Conversation(int index, String id, int[] members, long baselineSeq) {
            this.index = index;
            this.id = id;
            this.members = members;
            this.baselineSeq = Math.max(0, baselineSeq);
        }

        synchronized void ackedSeq(long seq) {
            long bit = seq - baselineSeq - 1;
            if (bit >= 0 && bit < Integer.MAX_VALUE) {
                ackedSeqs.set((int) bit);
            }
        }
    }

    private static final long NEVER = Long.MIN_VALUE;

    private static final class UserLog {
        long onlineSince = NEVER;
        /** sends neither acked nor failed */
        int pending;
        boolean offline;
        int count;
        long[] sentAt = new long[16];
        int[] conversation = new int[16];
        byte[] flags = new byte[16];
        long[] seq = new long[16];
        String[] messageId = new String[16];
        int[] expected = new int[16];
        byte[] resends = new byte[16];
        final ArrayDeque<Integer> resendQueue = new ArrayDeque<>();
        final Map<Integer, BitSet> received = new HashMap<>();
        final Map<Integer, BitSet> seenSeqs = new HashMap<>();

        int add(int conversationIndex, long sentAtMillis) {
            if (count == sentAt.length) {
                int size = count * 2;
                sentAt = Arrays.copyOf(sentAt, size);
                conversation = Arrays.copyOf(conversation, size);
                flags = Arrays.copyOf(flags, size);
                seq = Arrays.copyOf(seq, size);
                messageId = Arrays.copyOf(messageId, size);
                expected = Arrays.copyOf(expected, size);
                resends = Arrays.copyOf(resends, size);
            }
            int n = count++;
            pending++;
            sentAt[n] = sentAtMillis;
            conversation[n] = conversationIndex;
            flags[n] = SENT;
            seq[n] = -1;
            return n;
        }

        void seen(Conversation conversation, long seqValue) {
            long bit = seqValue - conversation.baselineSeq - 1;
            if (bit >= 0 && bit < Integer.MAX_VALUE) {
                seenSeqs.computeIfAbsent(conversation.index, c -> new BitSet()).set((int) bit);
            }
        }
    }
}
