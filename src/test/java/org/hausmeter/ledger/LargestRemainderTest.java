package org.hausmeter.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LargestRemainderTest {

    @Test
    void split_givesLeftoverToLargestRemainders_tiesToLowerIndex() {
        assertThat(LargestRemainder.split(10, new long[] {1, 1, 1})).containsExactly(4, 3, 3);
        assertThat(LargestRemainder.split(10, new long[] {1, 2, 4})).containsExactly(1, 3, 6);
        assertThat(LargestRemainder.split(0, new long[] {5, 0})).containsExactly(0, 0);
        assertThat(LargestRemainder.split(7, new long[] {0, 3})).containsExactly(0, 7);
    }

    @Test
    void split_isExactAndWithinOneWhOfTheShare_forRandomInput() {
        for (int seed = 0; seed < 2000; seed++) {
            Random rnd = new Random(seed);
            long[] w = new long[1 + rnd.nextInt(rnd.nextBoolean() ? 5 : 200)];
            for (int i = 0; i < w.length; i++) {
                w[i] = rnd.nextInt(4) == 0 ? 0 : (long) (rnd.nextDouble() * (rnd.nextBoolean() ? 1000 : 1e12));
            }
            w[rnd.nextInt(w.length)] += 1;
            long total = rnd.nextBoolean() ? rnd.nextInt(1000) : (long) (rnd.nextDouble() * 1e10);

            long[] parts = LargestRemainder.split(total, w);

            double sum = Arrays.stream(w).asDoubleStream().sum();
            assertThat(Arrays.stream(parts).sum()).as("seed [%s]", seed).isEqualTo(total);
            for (int i = 0; i < w.length; i++) {
                assertThat((double) parts[i])
                        .as("seed [%s] part [%s]", seed, i)
                        .isCloseTo(total * (w[i] / sum), org.assertj.core.data.Offset.offset(1.0001 + total * 1e-12));
                if (w[i] == 0) {
                    assertThat(parts[i]).isZero();
                }
            }
        }
    }

    @Test
    void split_rejectsNegativeAndAllZero() {
        assertThatThrownBy(() -> LargestRemainder.split(-1, new long[] {1})).hasMessageContaining("[-1]");
        assertThatThrownBy(() -> LargestRemainder.split(1, new long[] {0, 0})).hasMessageContaining("[2]");
        assertThatThrownBy(() -> LargestRemainder.split(1, new long[] {2, -3})).hasMessageContaining("[-3]");
    }

    @Test
    void splitInto_onAMemberSubset_equalsSplitOfThoseWeights_andTouchesNothingElse() {
        for (int seed = 0; seed < 3000; seed++) {
            Random rnd = new Random(seed);
            int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 6 : 120);
            long[] w = new long[n];
            for (int i = 0; i < n; i++) {
                w[i] = rnd.nextInt(4) == 0 ? 0 : (long) (rnd.nextDouble() * (rnd.nextBoolean() ? 50 : 1e13));
            }
            int[] members = new int[n];
            int count = 0;
            long sum = 0;
            for (int i = 0; i < n; i++) {
                if (rnd.nextInt(3) > 0 && w[i] > 0) {
                    members[count++] = i;
                    sum += w[i];
                }
            }
            if (count == 0) {
                continue;
            }
            long total = rnd.nextBoolean() ? rnd.nextInt(500) : (long) (rnd.nextDouble() * 1e11);
            long[] out = new long[n];
            Arrays.fill(out, -7);

            LargestRemainder.splitInto(total, w, members, count, sum, out, new long[n], new long[n]);

            long[] sub = new long[count];
            for (int k = 0; k < count; k++) {
                sub[k] = w[members[k]];
            }
            long[] expected = referenceSplit(total, sub);
            for (int k = 0, m = 0; k < n; k++) {
                if (m < count && members[m] == k) {
                    assertThat(out[k]).as("seed [%s] part [%s]", seed, k).isEqualTo(expected[m++]);
                } else {
                    assertThat(out[k]).as("seed [%s] untouched [%s]", seed, k).isEqualTo(-7);
                }
            }
            assertThat(LargestRemainder.split(total, sub)).as("seed [%s]", seed).containsExactly(expected);
        }
    }

    /** The rule written the slow, obvious way: exact quotients, then sort by remainder descending, index ascending. */
    private static long[] referenceSplit(long total, long[] w) {
        java.math.BigInteger sum = java.math.BigInteger.ZERO;
        for (long x : w) {
            sum = sum.add(java.math.BigInteger.valueOf(x));
        }
        long[] parts = new long[w.length];
        java.math.BigInteger[] rem = new java.math.BigInteger[w.length];
        long left = total;
        for (int i = 0; i < w.length; i++) {
            java.math.BigInteger[] qr = java.math.BigInteger.valueOf(total)
                    .multiply(java.math.BigInteger.valueOf(w[i]))
                    .divideAndRemainder(sum);
            parts[i] = qr[0].longValueExact();
            rem[i] = qr[1];
            left -= parts[i];
        }
        Integer[] order = new Integer[w.length];
        for (int i = 0; i < w.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> rem[a].equals(rem[b]) ? Integer.compare(a, b) : rem[b].compareTo(rem[a]));
        for (int j = 0; j < left; j++) {
            parts[order[j]]++;
        }
        return parts;
    }

    @Test
    void select_findsTheKthSmallest_likeASort_withManyEqualValues() {
        for (int seed = 0; seed < 3000; seed++) {
            Random rnd = new Random(seed);
            long[] a = new long[1 + rnd.nextInt(300)];
            int distinct = 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 1000);
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextInt(distinct);
            }
            long[] sorted = a.clone();
            Arrays.sort(sorted);
            int k = rnd.nextInt(a.length);

            assertThat(LargestRemainder.select(a.clone(), 0, a.length, k))
                    .as("seed [%s]", seed)
                    .isEqualTo(sorted[k]);
        }
    }

    @Test
    void split_givesTheSamePartsAsTheRuleWrittenOut_sortedRemaindersAndLowerIndexFirst() {
        for (int seed = 0; seed < 2000; seed++) {
            Random rnd = new Random(seed);
            long[] w = new long[1 + rnd.nextInt(250)];
            boolean equal = rnd.nextBoolean();
            for (int i = 0; i < w.length; i++) {
                w[i] = equal ? 7 : rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 100_000);
            }
            w[0] += 1;
            long total = rnd.nextInt(rnd.nextBoolean() ? 500 : 5_000_000);

            assertThat(LargestRemainder.split(total, w)).as("seed [%s]", seed).containsExactly(byTheRule(total, w));
        }
    }

    /** Largest remainder written out plainly: floors, then one Wh each in order of remainder (desc), index (asc). */
    private static long[] byTheRule(long total, long[] w) {
        long sum = Arrays.stream(w).sum();
        long[] parts = new long[w.length];
        long[] rem = new long[w.length];
        long left = total;
        for (int i = 0; i < w.length; i++) {
            parts[i] = total * w[i] / sum;
            rem[i] = total * w[i] % sum;
            left -= parts[i];
        }
        Integer[] order = new Integer[w.length];
        for (int i = 0; i < w.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> rem[x] != rem[y] ? Long.compare(rem[y], rem[x]) : Integer.compare(x, y));
        for (int k = 0; k < left; k++) {
            parts[order[k]]++;
        }
        return parts;
    }
}
