package org.hausmeter.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hausmeter.tariff.TestTariffs.at;
import static org.hausmeter.tariff.TestTariffs.eur;
import static org.hausmeter.tariff.TestTariffs.ntHt;

import java.time.LocalDateTime;
import java.time.Month;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class TimeOfUseTest {

    @Test
    void schedule_withGap_isRefused() {
        assertThatThrownBy(() -> DaySchedule.of(
                        new TouWindow("NT", at("00:00"), at("06:00"), eur("0.21")),
                        new TouWindow("HT", at("07:00"), at("00:00"), eur("0.31"))))
                .isInstanceOf(TariffValidationException.class)
                .hasMessage("Time-of-use windows leave a gap [06:00, 07:00)");
    }

    @Test
    void schedule_withOverlap_isRefused() {
        assertThatThrownBy(() -> DaySchedule.of(
                        new TouWindow("NT", at("00:00"), at("06:00"), eur("0.21")),
                        new TouWindow("HT", at("05:45"), at("00:00"), eur("0.31"))))
                .isInstanceOf(TariffValidationException.class)
                .hasMessage("Time-of-use windows [NT] [00:00, 06:00) and [HT] [05:45, 24:00) overlap");
    }

    @Test
    void schedule_withWindowAfterEndOfDay_isRefused() {
        assertThatThrownBy(() -> DaySchedule.of(
                        new TouWindow("NT", at("00:00"), at("00:00"), eur("0.21")),
                        new TouWindow("HT", at("06:00"), at("22:00"), eur("0.31"))))
                .isInstanceOf(TariffValidationException.class)
                .hasMessage("Time-of-use windows [NT] [00:00, 24:00) and [HT] [06:00, 22:00) overlap");
    }

    @Test
    void schedule_notReachingMidnight_isRefused() {
        assertThatThrownBy(() -> DaySchedule.of(
                        new TouWindow("NT", at("00:00"), at("06:00"), eur("0.21")),
                        new TouWindow("HT", at("06:00"), at("22:00"), eur("0.31"))))
                .isInstanceOf(TariffValidationException.class)
                .hasMessage("Time-of-use windows leave a gap [22:00, 24:00)");
    }

    @Test
    void schedule_notStartingAtMidnight_isRefused() {
        assertThatThrownBy(() -> DaySchedule.of(new TouWindow("HT", at("06:00"), at("00:00"), eur("0.31"))))
                .isInstanceOf(TariffValidationException.class)
                .hasMessage("Time-of-use windows leave a gap [00:00, 06:00)");
    }

    @Test
    void window_endingBeforeItStarts_isRefused() {
        assertThatThrownBy(() -> new TouWindow("NT", at("22:00"), at("06:00"), eur("0.21")))
                .isInstanceOf(TariffValidationException.class)
                .hasMessage("Time-of-use window [NT] ends [06:00] before it starts [22:00]");
    }

    @Test
    void schedule_inAnyOrder_isSortedAndValid() {
        DaySchedule s = DaySchedule.of(
                new TouWindow("NT", at("22:00"), at("00:00"), eur("0.21")),
                new TouWindow("NT", at("00:00"), at("06:00"), eur("0.21")),
                new TouWindow("HT", at("06:00"), at("22:00"), eur("0.31")));
        assertThat(s.windows()).extracting(TouWindow::from).containsExactly(at("00:00"), at("06:00"), at("22:00"));
    }

    @Test
    void window_isHalfOpen() {
        DaySchedule s = ntHt("0.21", "0.31");
        assertThat(s.windowAt(at("05:45")).name()).isEqualTo("NT");
        assertThat(s.windowAt(at("06:00")).name()).isEqualTo("HT");
        assertThat(s.windowAt(at("21:45")).name()).isEqualTo("HT");
        assertThat(s.windowAt(at("22:00")).name()).isEqualTo("NT");
        assertThat(s.windowAt(at("00:00")).name()).isEqualTo("NT");
        assertThat(s.windowAt(at("23:45")).name()).isEqualTo("NT");
    }

    @Test
    void seasons_missingMonth_isRefused() {
        assertThatThrownBy(() -> GridPrice.timeOfUse(
                        Season.of("summer", Month.APRIL, Month.SEPTEMBER, ntHt("0.21", "0.31"), ntHt("0.21", "0.31")),
                        Season.of("winter", Month.OCTOBER, Month.FEBRUARY, ntHt("0.23", "0.33"), ntHt("0.23", "0.33"))))
                .isInstanceOf(TariffValidationException.class)
                .hasMessage("Month [MARCH] is in no season");
    }

    @Test
    void seasons_overlappingMonth_isRefused() {
        assertThatThrownBy(() -> GridPrice.timeOfUse(
                        Season.of("summer", Month.APRIL, Month.OCTOBER, ntHt("0.21", "0.31"), ntHt("0.21", "0.31")),
                        Season.of("winter", Month.OCTOBER, Month.MARCH, ntHt("0.23", "0.33"), ntHt("0.23", "0.33"))))
                .isInstanceOf(TariffValidationException.class)
                .hasMessage("Month [OCTOBER] is in seasons [summer] and [winter]");
    }

    @Test
    void gridPrice_mixedCurrencies_isRefused() {
        DaySchedule chf = DaySchedule.allDay("flat", UnitPrice.of(Currency.getInstance("CHF"), "0.2"));
        assertThatThrownBy(() -> GridPrice.timeOfUse(
                        Season.of("summer", Month.APRIL, Month.SEPTEMBER, ntHt("0.21", "0.31"), ntHt("0.21", "0.31")),
                        Season.of("winter", Month.OCTOBER, Month.MARCH, chf, chf)))
                .isInstanceOf(CurrencyMismatchException.class);
    }

    @Test
    void lookup_bySeasonAndDayType() {
        DaySchedule weekend = DaySchedule.allDay("WE", eur("0.19"));
        GridPrice g = GridPrice.timeOfUse(
                Season.of("summer", Month.APRIL, Month.SEPTEMBER, ntHt("0.21", "0.31"), weekend),
                Season.of("winter", Month.OCTOBER, Month.MARCH, ntHt("0.23", "0.33"), weekend));
        // 2026-06-01 is a Monday, 2026-06-06 a Saturday, 2026-01-05 a Monday
        assertThat(g.windowAt(LocalDateTime.parse("2026-06-01T12:00")).price()).isEqualTo(eur("0.31"));
        assertThat(g.windowAt(LocalDateTime.parse("2026-06-06T12:00")).name()).isEqualTo("WE");
        assertThat(g.windowAt(LocalDateTime.parse("2026-01-05T12:00")).price()).isEqualTo(eur("0.33"));
        assertThat(g.seasonAt(LocalDateTime.parse("2026-03-31T23:45")).name()).isEqualTo("winter");
        assertThat(g.seasonAt(LocalDateTime.parse("2026-04-01T00:00")).name()).isEqualTo("summer");
    }

    @Test
    void flat_isOneWindowAllDay() {
        GridPrice g = GridPrice.flat(eur("0.30"));
        assertThat(g.windowAt(LocalDateTime.parse("2026-12-31T23:45")).name()).isEqualTo(GridPrice.FLAT);
        assertThat(g.windowAt(LocalDateTime.parse("2026-07-04T00:00")).price()).isEqualTo(eur("0.30"));
    }
}
