package org.hausmeter.charging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UnknownCardLimiterTest {

    private static final Instant T0 = Instant.parse("2026-11-05T17:00:00Z");

    @Test
    void oneEntryPerUidPerMinute_andSuppressedTapsAreCounted() {
        UnknownCardLimiter l = new UnknownCardLimiter(Duration.ofMinutes(1), 20, Duration.ofMinutes(1));
        CardUid uid = CardUid.parse("04000001");
        assertThat(l.tap(uid, T0).log()).isTrue();
        assertThat(l.tap(uid, T0.plusSeconds(10)).log()).isFalse();
        assertThat(l.tap(uid, T0.plusSeconds(20)).log()).isFalse();
        UnknownCardLimiter.Verdict v = l.tap(uid, T0.plusSeconds(60));
        assertThat(v.log()).isTrue();
        assertThat(v.suppressedBefore()).isEqualTo(2);
    }

    @Test
    void manyDifferentUids_areCappedPerWindow() {
        UnknownCardLimiter l = new UnknownCardLimiter(Duration.ofMinutes(1), 20, Duration.ofMinutes(1));
        int logged = 0;
        for (int i = 0; i < 500; i++) {
            if (l.tap(CardUid.parse(String.format("04%06X", i)), T0.plusMillis(i * 10L))
                    .log()) {
                logged++;
            }
        }
        assertThat(logged).isEqualTo(20);
        assertThat(l.tap(CardUid.parse("05000000"), T0.plusSeconds(61)).suppressedBefore())
                .isEqualTo(480);
    }
}
