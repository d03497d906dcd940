package dev.realtime.chat.loadtest.simulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Who talks to whom, decided before the run: users {@code 0..n-1} in consecutive groups of {@code groupSize} (a
 * remainder of one joins the previous group), and direct pairs (2k, 2k+1) (with an odd count the last user pairs
 * with user 0). Each user thus has one group and one or two direct conversations.
 */
public record BenchPlan(List<Spec> conversations, int[][] conversationsOfUser) {

    public enum Type { DIRECT, GROUP }

    /** A conversation to create: {@code members[0]} creates it. */
    public record Spec(int index, Type type, int[] members) {

        public int creator() {
            return members[0];
        }

        public String name() {
            return type == Type.GROUP ? "bench group " + index : null;
        }

        @Override
        public String toString() {
            return "Spec[" + index + " " + type + " " + Arrays.toString(members) + "]";
        }
    }

    public static BenchPlan of(int users, int groupSize) {
        if (users < 2 || groupSize < 2) {
            throw new IllegalArgumentException("need at least 2 users and a group size of at least 2");
        }
        List<Spec> specs = new ArrayList<>();
        List<List<Integer>> perUser = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            perUser.add(new ArrayList<>());
        }
        int full = users / groupSize;
        int remainder = users % groupSize;
        if (full == 0) {
            add(specs, perUser, Type.GROUP, range(0, users));
        } else {
            for (int g = 0; g < full; g++) {
                boolean absorbsLoneUser = g == full - 1 && remainder == 1;
                add(specs, perUser, Type.GROUP, range(g * groupSize, absorbsLoneUser ? users : (g + 1) * groupSize));
            }
            if (remainder >= 2) {
                add(specs, perUser, Type.GROUP, range(full * groupSize, users));
            }
        }
        for (int a = 0; a + 1 < users; a += 2) {
            add(specs, perUser, Type.DIRECT, new int[] {a, a + 1});
        }
        if (users % 2 == 1) {
            add(specs, perUser, Type.DIRECT, new int[] {users - 1, 0});
        }
        int[][] ofUser = new int[users][];
        for (int i = 0; i < users; i++) {
            ofUser[i] = perUser.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return new BenchPlan(List.copyOf(specs), ofUser);
    }

    private static void add(List<Spec> specs, List<List<Integer>> perUser, Type type, int[] members) {
        Spec spec = new Spec(specs.size(), type, members);
        specs.add(spec);
        for (int member : members) {
            perUser.get(member).add(spec.index());
        }
    }

    private static int[] range(int from, int to) {
        int[] out = new int[to - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    public Spec spec(int index) {
        return conversations.get(index);
    }

    public int users() {
        return conversationsOfUser.length;
    }
}
