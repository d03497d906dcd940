package dev.realtime.chat.loadtest.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BenchPlanTests {

    @Test
    void groupsAreConsecutiveAndDirectsPairNeighbours() {
        BenchPlan plan = BenchPlan.of(10, 5);

        assertThat(plan.conversations()).hasSize(2 + 5);
        assertThat(plan.spec(0).type()).isEqualTo(BenchPlan.Type.GROUP);
        assertThat(plan.spec(0).members()).containsExactly(0, 1, 2, 3, 4);
        assertThat(plan.spec(1).members()).containsExactly(5, 6, 7, 8, 9);
        assertThat(plan.spec(2).type()).isEqualTo(BenchPlan.Type.DIRECT);
        assertThat(plan.spec(2).members()).containsExactly(0, 1);
        assertThat(plan.spec(6).members()).containsExactly(8, 9);
        assertThat(plan.spec(0).name()).isEqualTo("bench group 0");
        assertThat(plan.spec(2).name()).isNull();
    }

    @Test
    void everyUserHasOneGroupAndAtLeastOneDirect() {
        for (int users : new int[] {2, 3, 7, 11, 100}) {
            BenchPlan plan = BenchPlan.of(users, 4);
            for (int user = 0; user < users; user++) {
                long groups = Arrays.stream(plan.conversationsOfUser()[user])
                        .filter(s -> plan.spec(s).type() == BenchPlan.Type.GROUP).count();
                long directs = Arrays.stream(plan.conversationsOfUser()[user])
                        .filter(s -> plan.spec(s).type() == BenchPlan.Type.DIRECT).count();
                assertThat(groups).as("groups of user %d of %d", user, users).isOne();
                assertThat(directs).as("directs of user %d of %d", user, users).isBetween(1L, 2L);
            }
        }
    }

    @Test
    void aLoneRemainderJoinsThePreviousGroupAndALargerOneFormsItsOwn() {
        assertThat(BenchPlan.of(11, 5).spec(1).members()).containsExactly(5, 6, 7, 8, 9, 10);
        BenchPlan twelve = BenchPlan.of(12, 5);
        assertThat(twelve.spec(2).type()).isEqualTo(BenchPlan.Type.GROUP);
        assertThat(twelve.spec(2).members()).containsExactly(10, 11);
    }

    @Test
    void fewerUsersThanAGroupMakeOneGroup() {
        assertThat(BenchPlan.of(3, 5).spec(0).members()).containsExactly(0, 1, 2);
    }

    @Test
    void oddUserCountPairsTheLastUserWithTheFirst() {
        BenchPlan plan = BenchPlan.of(5, 5);

        assertThat(plan.conversations().get(plan.conversations().size() - 1).members()).containsExactly(4, 0);
    }

    @Test
    void creatorIsTheFirstMember() {
        assertThat(BenchPlan.of(4, 2).spec(1).creator()).isEqualTo(2);
    }

    @Test
    void rejectsTooFewUsers() {
        assertThatThrownBy(() -> BenchPlan.of(1, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
