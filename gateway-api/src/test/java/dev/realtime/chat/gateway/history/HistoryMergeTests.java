package dev.realtime.chat.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.model.wire.MessagePage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class HistoryMergeTests {

    private static ChatMessage message(long seq) {
        return new ChatMessage("m" + seq, "c1", seq, "u1", "text " + seq, Instant.EPOCH.plusSeconds(seq), "cm" + seq);
    }

    /** Messages from..to inclusive, in the given order (from > to = descending). */
    private static List<ChatMessage> messages(long from, long to) {
        LongStream seqs = from <= to ? LongStream.rangeClosed(from, to)
                : LongStream.rangeClosed(to, from).map(seq -> from + to - seq);
        return seqs.mapToObj(HistoryMergeTests::message).toList();
    }

    private static List<Long> seqs(MessagePage page) {
        return page.messages().stream().map(ChatMessage::seq).toList();
    }

    @Test
    void redisAloneAnswersABeforePageItHoldsEntirely() {
        HistoryQuery query = HistoryQuery.before(HistoryQuery.NEWEST, 50);
        List<ChatMessage> redis = messages(300, 250); // 51 = limit + 1, newest first

        assertThat(HistoryMerge.cassandraRange(query, redis, 300L)).isEmpty();
        MessagePage page = HistoryMerge.merge(query, redis, List.of());
        assertThat(seqs(page)).hasSize(50).startsWith(300L).endsWith(251L);
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void aBeforePageReachingSeqOneNeedsNoCassandra() {
        HistoryQuery query = HistoryQuery.before(11, 50);
        List<ChatMessage> redis = messages(10, 1);

        assertThat(HistoryMerge.cassandraRange(query, redis, 30L)).isEmpty();
        MessagePage page = HistoryMerge.merge(query, redis, List.of());
        assertThat(seqs(page)).containsExactlyElementsOf(LongStream.iterate(10, s -> s - 1).limit(10).boxed().toList());
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void aBeforePageOlderThanRedisHoldsReadsOnlyTheMissingPartFromCassandra() {
        HistoryQuery query = HistoryQuery.before(120, 50);
        List<ChatMessage> redis = messages(119, 101); // Redis holds 101..300

        Optional<SeqRange> range = HistoryMerge.cassandraRange(query, redis, 300L);

        assertThat(range).contains(new SeqRange(HistoryQuery.Direction.BEFORE, 0, 101, 51 - 19));
        MessagePage page = HistoryMerge.merge(query, redis, messages(100, 69));
        assertThat(seqs(page)).hasSize(50).startsWith(119L).endsWith(70L);
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void aBeforePageEntirelyBelowRedisReadsCassandra() {
        HistoryQuery query = HistoryQuery.before(50, 20);

        assertThat(HistoryMerge.cassandraRange(query, List.of(), 300L))
                .contains(new SeqRange(HistoryQuery.Direction.BEFORE, 0, 50, 21));
        MessagePage page = HistoryMerge.merge(query, List.of(), messages(49, 29));
        assertThat(seqs(page)).hasSize(20).startsWith(49L).endsWith(30L);
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void aHoleInRedisMakesCassandraReadTheWholeRange() {
        HistoryQuery query = HistoryQuery.before(HistoryQuery.NEWEST, 5);
        List<ChatMessage> redis = List.of(message(10), message(9), message(7), message(6), message(5), message(4));

        assertThat(HistoryMerge.cassandraRange(query, redis, 10L))
                .contains(new SeqRange(HistoryQuery.Direction.BEFORE, 0, HistoryQuery.NEWEST, 6));
        MessagePage page = HistoryMerge.merge(query, redis, messages(9, 4));
        assertThat(seqs(page)).containsExactly(10L, 9L, 8L, 7L, 6L);
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void aMissingMessageJustBelowBeforeSeqIsAHole() {
        HistoryQuery query = HistoryQuery.before(20, 3);
        List<ChatMessage> redis = messages(18, 15); // 19 exists (counter is 30) but Redis lacks it

        assertThat(HistoryMerge.cassandraRange(query, redis, 30L))
                .contains(new SeqRange(HistoryQuery.Direction.BEFORE, 0, 20, 4));
    }

    @Test
    void redisDownMeansCassandraForEverything() {
        HistoryQuery before = HistoryQuery.before(100, 10);
        HistoryQuery after = HistoryQuery.after(100, 10);

        assertThat(HistoryMerge.cassandraRange(before, null, null))
                .contains(new SeqRange(HistoryQuery.Direction.BEFORE, 0, 100, 11));
        assertThat(HistoryMerge.cassandraRange(after, null, null))
                .contains(new SeqRange(HistoryQuery.Direction.AFTER, 100, HistoryQuery.NEWEST, 11));
        assertThat(seqs(HistoryMerge.merge(after, null, messages(101, 111)))).hasSize(10).startsWith(101L);
    }

    @Test
    void anAfterPageStartingInRedisNeedsNoCassandra() {
        HistoryQuery query = HistoryQuery.after(250, 500);
        List<ChatMessage> redis = messages(251, 300);

        assertThat(HistoryMerge.cassandraRange(query, redis, 300L)).isEmpty();
        MessagePage page = HistoryMerge.merge(query, redis, List.of());
        assertThat(seqs(page)).hasSize(50).startsWith(251L).endsWith(300L);
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void anAfterPageOlderThanRedisReadsTheGapFromCassandraAndJoinsBoth() {
        HistoryQuery query = HistoryQuery.after(80, 50);
        List<ChatMessage> redis = messages(101, 151); // Redis holds 101..300, returned limit + 1

        Optional<SeqRange> range = HistoryMerge.cassandraRange(query, redis, 300L);

        assertThat(range).contains(new SeqRange(HistoryQuery.Direction.AFTER, 80, 101, 51));
        MessagePage page = HistoryMerge.merge(query, redis, messages(81, 100));
        assertThat(seqs(page)).containsExactlyElementsOf(LongStream.rangeClosed(81, 130).boxed().toList());
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void anEmptyAfterPageIsTrustedOnlyWhenTheCounterSaysThereIsNothingNewer() {
        assertThat(HistoryMerge.cassandraRange(HistoryQuery.after(300, 10), List.of(), 300L)).isEmpty();
        assertThat(HistoryMerge.cassandraRange(HistoryQuery.after(300, 10), List.of(), null)).isPresent();
        assertThat(HistoryMerge.cassandraRange(HistoryQuery.after(300, 10), List.of(), 305L)).isPresent();
    }

    @Test
    void mergingKeepsEachSeqOnceWhateverSideHoldsIt() {
        HistoryQuery query = HistoryQuery.after(0, 100);
        // Redis: 5..12 (some not yet in Cassandra); Cassandra: 1..10 (some trimmed from Redis).
        MessagePage page = HistoryMerge.merge(query, messages(5, 12), messages(1, 10));

        assertThat(seqs(page)).containsExactlyElementsOf(LongStream.rangeClosed(1, 12).boxed().toList());
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void mergingDropsMessagesOutsideTheRequestedRange() {
        MessagePage page = HistoryMerge.merge(HistoryQuery.before(5, 10), messages(7, 1), List.of(message(6)));

        assertThat(seqs(page)).containsExactly(4L, 3L, 2L, 1L);
    }

    @Test
    void beforeSeqOneOrZeroIsAnEmptyPage() {
        assertThat(HistoryMerge.cassandraRange(HistoryQuery.before(1, 10), null, null)).isEmpty();
        assertThat(HistoryMerge.merge(HistoryQuery.before(1, 10), null, List.of()).messages()).isEmpty();
    }
}
