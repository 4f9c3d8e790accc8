package org.hausmeter.web.resident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hausmeter.live.PriceSignal;
import org.hausmeter.live.PriceSignal.Level;
import org.junit.jupiter.api.Test;

/** Cheap now and until when; else the next cheap window of today. */
class PriceHintTest {

    private static PriceSignal.Span span(int from, int to, Level level) {
        return new PriceSignal.Span(from, to, level);
    }

    @Test
    void cheapNow_lastsThroughTheFollowingCheapHours() {
        PriceHint h = PriceHint.of(
                Level.CHEAP,
                11,
                List.of(span(12, 15, Level.CHEAP), span(15, 22, Level.EXPENSIVE), span(22, 24, Level.CHEAP)));
        assertThat(h.cheapTo()).hasValue(15);
        assertThat(h.cheapFrom()).isEmpty();
    }

    @Test
    void cheapNow_butNotNextHour_isCheapUntilTheHoursEnd() {
        PriceHint h = PriceHint.of(Level.CHEAP, 11, List.of(span(12, 24, Level.NORMAL)));
        assertThat(h.cheapTo()).hasValue(12);
        assertThat(PriceHint.of(Level.CHEAP, 23, List.of()).cheapTo()).hasValue(24);
    }

    @Test
    void expensiveNow_pointsToTheNextCheapWindow() {
        PriceHint h =
                PriceHint.of(Level.EXPENSIVE, 17, List.of(span(18, 22, Level.EXPENSIVE), span(22, 24, Level.CHEAP)));
        assertThat(h.level()).isEqualTo(Level.EXPENSIVE);
        assertThat(h.cheapFrom()).hasValue(22);
        assertThat(h.cheapTo()).hasValue(24);
    }

    @Test
    void noCheapWindowLeftToday_saysSo() {
        PriceHint h = PriceHint.of(Level.NORMAL, 20, List.of(span(21, 24, Level.NORMAL)));
        assertThat(h.cheapFrom()).isEmpty();
        assertThat(h.cheapTo()).isEmpty();
    }
}
