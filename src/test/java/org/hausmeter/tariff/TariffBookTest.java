package org.hausmeter.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hausmeter.tariff.TestTariffs.flat;

import java.time.LocalDate;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class TariffBookTest {

    static final TariffVersion JAN = flat(LocalDate.of(2026, 1, 1), "0.30", "9.95");
    static final TariffVersion MAY15 = flat(LocalDate.of(2026, 5, 15), "0.32", "10.95");
    static final TariffBook BOOK = TariffBook.of(MAY15, JAN);

    @Test
    void versions_areSortedByValidFrom() {
        assertThat(BOOK.versions()).containsExactly(JAN, MAY15);
    }

    @Test
    void versionAt_isLatestNotAfterTheDate() {
        assertThat(BOOK.versionAt(LocalDate.of(2026, 1, 1))).isEqualTo(JAN);
        assertThat(BOOK.versionAt(LocalDate.of(2026, 5, 14))).isEqualTo(JAN);
        assertThat(BOOK.versionAt(LocalDate.of(2026, 5, 15))).isEqualTo(MAY15);
        assertThat(BOOK.versionAt(LocalDate.of(2030, 1, 1))).isEqualTo(MAY15);
    }

    @Test
    void versionAt_beforeFirst_throws() {
        assertThatThrownBy(() -> BOOK.versionAt(LocalDate.of(2025, 12, 31)))
                .isInstanceOf(NoTariffException.class)
                .hasMessage("No tariff valid at [2025-12-31]; the first version is valid from [2026-01-01]");
    }

    @Test
    void segments_splitAtValidFrom() {
        assertThat(BOOK.segments(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 1)))
                .containsExactly(
                        new TariffSegment(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 15), JAN),
                        new TariffSegment(LocalDate.of(2026, 5, 15), LocalDate.of(2026, 6, 1), MAY15));
        assertThat(BOOK.segments(LocalDate.of(2026, 5, 15), LocalDate.of(2026, 6, 1)))
                .containsExactly(new TariffSegment(LocalDate.of(2026, 5, 15), LocalDate.of(2026, 6, 1), MAY15));
        assertThat(BOOK.segments(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 1)))
                .containsExactly(new TariffSegment(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 1), JAN));
    }

    @Test
    void twoVersionsSameDay_areRefused() {
        assertThatThrownBy(() -> TariffBook.of(JAN, flat(LocalDate.of(2026, 1, 1), "0.31", "9.95")))
                .isInstanceOf(TariffValidationException.class)
                .hasMessage("Two tariff versions valid from [2026-01-01]");
    }

    @Test
    void versionWithMixedCurrencies_isRefused() {
        Currency chf = Currency.getInstance("CHF");
        assertThatThrownBy(() -> new TariffVersion(
                        LocalDate.of(2026, 1, 1),
                        GridPrice.flat(TestTariffs.eur("0.3")),
                        UnitPrice.of(chf, "0.2"),
                        Money.of(TestTariffs.EUR, "9.95"),
                        TestTariffs.eur("0.2"),
                        TestTariffs.eur("0.3"),
                        TestTariffs.eur("0.08"),
                        TestTariffs.VAT_19))
                .isInstanceOf(CurrencyMismatchException.class)
                .hasMessage("Currencies differ: [EUR] and [CHF]");
    }
}
