package org.hausmeter.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hausmeter.tariff.TestTariffs.eur;
import static org.hausmeter.tariff.TestTariffs.ntHt;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.Month;
import java.util.EnumSet;
import org.hausmeter.tariff.DaySchedule;
import org.hausmeter.tariff.GridPrice;
import org.hausmeter.tariff.Season;
import org.hausmeter.tariff.TouWindow;
import org.junit.jupiter.api.Test;

/** The price table's grid rows say when each price applies; the notes name the allocation key in words. */
class PriceWindowsTest {

    /** The demo's tariff: NT 22–6 and HT 6–22 on weekdays, NT all weekend; winter dearer than summer. */
    private static GridPrice demo() {
        return GridPrice.timeOfUse(
                Season.of(
                        "Winter",
                        Month.OCTOBER,
                        Month.MARCH,
                        ntHt("0.2650", "0.3320"),
                        DaySchedule.allDay("NT", eur("0.2650"))),
                Season.of(
                        "Sommer",
                        Month.APRIL,
                        Month.SEPTEMBER,
                        ntHt("0.2550", "0.3150"),
                        DaySchedule.allDay("NT", eur("0.2550"))));
    }

    @Test
    void eachWindow_namesItsHoursAndSeason_inGerman() {
        assertThat(PriceWindows.rows(demo(), true))
                .extracting(PriceWindows.Row::when, r -> r.perKwh().toPlainString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("NT Mo–Fr 22:00–06:00, Sa–So ganztags, Okt–März", "0.2650"),
                        org.assertj.core.groups.Tuple.tuple("HT Mo–Fr 06:00–22:00, Okt–März", "0.3320"),
                        org.assertj.core.groups.Tuple.tuple("NT Mo–Fr 22:00–06:00, Sa–So ganztags, Apr–Sep", "0.2550"),
                        org.assertj.core.groups.Tuple.tuple("HT Mo–Fr 06:00–22:00, Apr–Sep", "0.3150"));
    }

    @Test
    void english_andOneSeasonAllYear_hasNoMonths_andAFlatPriceNoHours() {
        GridPrice allYear = GridPrice.timeOfUse(
                Season.of("Year", Month.JANUARY, Month.DECEMBER, ntHt("0.20", "0.30"), ntHt("0.20", "0.30")));
        assertThat(PriceWindows.rows(allYear, false))
                .extracting(PriceWindows.Row::when)
                .containsExactly("NT Mon–Sun 22:00–06:00", "HT Mon–Sun 06:00–22:00");
        assertThat(PriceWindows.rows(GridPrice.flat(eur("0.31")), false))
                .containsExactly(new PriceWindows.Row("", new BigDecimal("0.3100")));
    }

    @Test
    void windowsOfOneNameAndPrice_inSeveralSeasons_areOneRowWithAllTheirMonths() {
        DaySchedule peak = DaySchedule.of(
                new TouWindow("NT", LocalTime.MIDNIGHT, LocalTime.of(17, 0), eur("0.25")),
                new TouWindow("Spitze", LocalTime.of(17, 0), LocalTime.of(20, 0), eur("0.40")),
                new TouWindow("NT", LocalTime.of(20, 0), LocalTime.MIDNIGHT, eur("0.25")));
        DaySchedule cheap = DaySchedule.allDay("NT", eur("0.25"));
        GridPrice grid = GridPrice.timeOfUse(
                new Season("Winter", EnumSet.of(Month.JANUARY, Month.DECEMBER, Month.FEBRUARY), peak, cheap),
                new Season("Rest", EnumSet.range(Month.MARCH, Month.NOVEMBER), cheap, cheap));
        assertThat(PriceWindows.rows(grid, true))
                .extracting(PriceWindows.Row::when)
                .containsExactly(
                        "NT Mo–Fr 20:00–17:00, Sa–So ganztags, Dez–Feb",
                        "Spitze Mo–Fr 17:00–20:00, Dez–Feb",
                        "NT Mo–So ganztags, März–Nov");
    }

    @Test
    void monthsAreRuns_aRunOverTheNewYearKeptTogether() {
        assertThat(PriceWindows.months(EnumSet.of(Month.JANUARY, Month.JUNE, Month.JULY), true))
                .isEqualTo("Jan, Juni–Juli");
        assertThat(PriceWindows.months(EnumSet.of(Month.NOVEMBER, Month.DECEMBER, Month.JANUARY, Month.MARCH), false))
                .isEqualTo("Nov–Jan, Mar");
    }

    @Test
    void allocationKey_isPrintedInWords_andGridOperatorOnlyWithItsCodeNumber() {
        assertThat(BillDocuments.allocationKeyInWords("DYNAMIC_PROPORTIONAL", true))
                .isEqualTo("Der Solarstrom vom Hausdach wird jede Viertelstunde im Verhältnis zum Verbrauch der"
                        + " Wohnungen aufgeteilt (dynamischer Schlüssel).");
        assertThat(BillDocuments.allocationKeyInWords("EQUAL_SHARES", false))
                .isEqualTo("The rooftop solar energy is split every quarter hour in equal shares; what an apartment"
                        + " does not use is fed into the grid.");
        assertThatThrownBy(() -> BillDocuments.allocationKeyInWords("BY_LUCK", true))
                .hasMessageContaining("[BY_LUCK]");
        assertThat(BillDocuments.gridOperator("Netz Leipzig GmbH, 9900000000003"))
                .isEqualTo("Netz Leipzig GmbH, 9900000000003");
        assertThat(BillDocuments.gridOperator("Anna Groß"))
                .as("a name without a code number")
                .isNull();
        assertThat(BillDocuments.gridOperator("9900000000003"))
                .as("a number without a name")
                .isNull();
        assertThat(BillDocuments.gridOperator("Netz GmbH, 99000000000031"))
                .as("14 digits")
                .isNull();
        assertThat(BillDocuments.gridOperator(" ")).isNull();
        assertThat(BillDocuments.gridOperator(null)).isNull();
    }
}
