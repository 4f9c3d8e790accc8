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
                assertThat((double) parts[i]).as("seed [%s] part [%s]", seed, i).isCloseTo(total * (w[i] / sum),
                        org.assertj.core.data.Offset.offset(1.0001 + total * 1e-12));
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
}
