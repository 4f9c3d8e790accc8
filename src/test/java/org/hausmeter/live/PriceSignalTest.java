package org.hausmeter.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.hausmeter.live.BuildingNow.Signal;
import org.hausmeter.live.PriceSignal.Level;
import org.hausmeter.tariff.TariffVersion;
import org.hausmeter.tariff.TestTariffs;
import org.junit.jupiter.api.Test;

/** The wall's price signal from the tariff in force and the building's solar state now. */
class PriceSignalTest {

    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    /** NT 0.2000 [22:00, 06:00), HT 0.3000 [06:00, 22:00), PV 0.1825, VAT 19 %. */
    private static final TariffVersion NT_HT =
            TestTariffs.version(FROM, TestTariffs.ntHtAllYear("0.2000", "0.3000"), "5");

    private static final TariffVersion FLAT = TestTariffs.flat(FROM, "0.3000", "5");

    private static LocalDateTime at(String time) {
        return LocalDateTime.parse("2026-11-20T" + time);
    }

    @Test
    void solarSurplus_isCheap_atThePvPrice() {
        PriceSignal s = PriceSignal.of(NT_HT, at("12:00"), Signal.SOLAR_SURPLUS);
        assertThat(s.level()).isEqualTo(Level.CHEAP);
        assertThat(s.grossPerKwh()).isEqualByComparingTo(new BigDecimal("0.22")); // 0.1825 × 1.19 = 0.2172
        assertThat(flatSignal(Signal.SOLAR_SURPLUS).level()).isEqualTo(Level.CHEAP);
    }

    @Test
    void lowWindow_isCheap_highWindowWithoutSolar_isExpensive_withSomeSolar_normal() {
        PriceSignal low = PriceSignal.of(NT_HT, at("23:00"), Signal.GRID_ONLY);
        assertThat(low.level()).isEqualTo(Level.CHEAP);
        assertThat(low.window()).isEqualTo("NT");
        assertThat(low.grossPerKwh()).isEqualByComparingTo(new BigDecimal("0.24")); // 0.2000 × 1.19 = 0.238
        PriceSignal high = PriceSignal.of(NT_HT, at("18:00"), Signal.GRID_ONLY);
        assertThat(high.level()).isEqualTo(Level.EXPENSIVE);
        assertThat(high.grossPerKwh()).isEqualByComparingTo(new BigDecimal("0.36")); // 0.3000 × 1.19 = 0.357
        assertThat(PriceSignal.of(NT_HT, at("11:00"), Signal.SOME_SOLAR).level())
                .isEqualTo(Level.NORMAL);
        assertThat(PriceSignal.of(NT_HT, at("05:59"), Signal.GRID_ONLY).level()).isEqualTo(Level.CHEAP);
        assertThat(PriceSignal.of(NT_HT, at("06:00"), Signal.GRID_ONLY).level()).isEqualTo(Level.EXPENSIVE);
    }

    @Test
    void flatPrice_hasNoCheapOrExpensiveWindow() {
        assertThat(flatSignal(Signal.GRID_ONLY).level()).isEqualTo(Level.NORMAL);
        assertThat(flatSignal(Signal.SOME_SOLAR).level()).isEqualTo(Level.NORMAL);
        assertThat(flatSignal(Signal.GRID_ONLY).grossPerKwh()).isEqualByComparingTo(new BigDecimal("0.36"));
    }

    private static PriceSignal flatSignal(Signal solar) {
        return PriceSignal.of(FLAT, at("18:00"), solar);
    }

    @Test
    void nextHours_fromTheTariffWindows_andTheBuildingsUsualSolar() {
        long[] pv = new long[24];
        long[] use = new long[24];
        java.util.Arrays.fill(use, 600);
        for (int h = 10; h < 15; h++) {
            pv[h] = 1500; // usually more than the building uses: surplus
        }
        pv[15] = 300; // some solar
        pv[16] = 40; // below the threshold: none
        List<PriceSignal.Hour> hours = PriceSignal.nextHours(NT_HT, at("09:20"), pv, use);
        assertThat(hours).first().isEqualTo(new PriceSignal.Hour(10, Level.CHEAP));
        assertThat(hours).hasSize(14).last().isEqualTo(new PriceSignal.Hour(23, Level.CHEAP));
        assertThat(PriceSignal.spans(hours))
                .containsExactly(
                        new PriceSignal.Span(10, 15, Level.CHEAP),
                        new PriceSignal.Span(15, 16, Level.NORMAL),
                        new PriceSignal.Span(16, 22, Level.EXPENSIVE),
                        new PriceSignal.Span(22, 24, Level.CHEAP));
        assertThat(PriceSignal.nextHours(NT_HT, at("23:10"), pv, use)).isEmpty();
    }
}
