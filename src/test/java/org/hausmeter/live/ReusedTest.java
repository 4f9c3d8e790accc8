package org.hausmeter.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReusedTest {

    private static final Instant T0 = Instant.parse("2026-06-10T10:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 6, 10);

    private final AtomicInteger reads = new AtomicInteger();
    private final Reused<LocalDate, String> reused = new Reused<>(Duration.ofSeconds(30));

    private String get(Instant now, LocalDate day) {
        return reused.get(now, day, d -> d + "#" + reads.incrementAndGet());
    }

    @Test
    void reusedWhileYoung_readAgainWhenOld() {
        assertThat(get(T0, DAY)).isEqualTo("2026-06-10#1");
        assertThat(get(T0.plusSeconds(29), DAY)).isEqualTo("2026-06-10#1");
        assertThat(get(T0.plusSeconds(30), DAY)).isEqualTo("2026-06-10#2");
        assertThat(get(T0.plusSeconds(59), DAY)).isEqualTo("2026-06-10#2");
        assertThat(reads).hasValue(2);
    }

    @Test
    void anotherKey_isReadAtOnce() {
        get(T0, DAY);
        assertThat(get(T0.plusSeconds(1), DAY.plusDays(1))).isEqualTo("2026-06-11#2");
        assertThat(get(T0.plusSeconds(2), DAY)).isEqualTo("2026-06-10#3");
    }

    @Test
    void forgotten_isReadAgain() {
        get(T0, DAY);
        reused.forget();
        assertThat(get(T0.plusSeconds(1), DAY)).isEqualTo("2026-06-10#2");
    }

    @Test
    void aClockThatWentBack_readsAgain() {
        get(T0, DAY);
        assertThat(get(T0.minusSeconds(1), DAY)).isEqualTo("2026-06-10#2");
    }

    @Test
    void aFailedRead_keepsNothing_andFailsLikeTheRead() {
        Reused<LocalDate, String> failing = new Reused<>(Duration.ofSeconds(30));
        assertThatThrownBy(() -> failing.get(T0, DAY, d -> {
                    throw new SQLException("down");
                }))
                .isInstanceOf(SQLException.class)
                .hasMessage("down");
        assertThat(failing.get(T0.plusSeconds(1), DAY, d -> "read")).isEqualTo("read");
    }

    @Test
    void reuseTimeMustBePositive() {
        assertThatThrownBy(() -> new Reused<LocalDate, String>(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
