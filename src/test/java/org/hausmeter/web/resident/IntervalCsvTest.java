package org.hausmeter.web.resident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The lines of the resident's CSV export: local time with offsets on DST days, both locales, the ISO form. */
class IntervalCsvTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final List<String> DE_HEADER =
            List.of("Wohnung", "Zähler", "Beginn", "Versatz", "Bezug", "Einspeisung", "Solar", "Qualität", "Quelle");

    private static IntervalCsv csv(IntervalCsv.Variant v, Locale l) {
        return new IntervalCsv(v, l, BERLIN, DE_HEADER);
    }

    /** Every quarter hour of a local day, as the export writes them (one meter). */
    private static List<String> day(IntervalCsv csv, LocalDate d) {
        List<String> lines = new ArrayList<>();
        Instant t = d.atStartOfDay(BERLIN).toInstant();
        Instant end = d.plusDays(1).atStartOfDay(BERLIN).toInstant();
        for (int i = 0; t.isBefore(end); t = t.plusSeconds(900), i++) {
            lines.add(csv.row("A-0.1", "apt-0.1", t, 1234 + i, 0, (long) i, "gemessen", "Bus"));
        }
        return lines;
    }

    @Test
    void german_theDayTheClocksGoBack_hasTwoHoursTwoWithTheirOffsets_semicolonsAndDecimalCommas() {
        IntervalCsv csv = csv(IntervalCsv.Variant.LOCAL, Locale.GERMAN);
        assertThat(csv.header())
                .isEqualTo("\uFEFFWohnung;Zähler;Beginn;Versatz;Bezug;Einspeisung;Solar;Qualität;Quelle\n");
        List<String> lines = day(csv, LocalDate.of(2026, 10, 25));
        assertThat(lines).hasSize(100);
        assertThat(lines.get(0)).isEqualTo("A-0.1;apt-0.1;25.10.2026 00:00;+02:00;1,234;0,000;0,000;gemessen;Bus\n");
        assertThat(lines)
                .filteredOn(l -> l.contains(" 02:15;"))
                .containsExactly(
                        "A-0.1;apt-0.1;25.10.2026 02:15;+02:00;1,243;0,000;0,009;gemessen;Bus\n",
                        "A-0.1;apt-0.1;25.10.2026 02:15;+01:00;1,247;0,000;0,013;gemessen;Bus\n");
        assertThat(lines.get(99)).startsWith("A-0.1;apt-0.1;25.10.2026 23:45;+01:00;1,333;");
    }

    @Test
    void german_theDayTheClocksGoForward_hasNoHourTwo() {
        List<String> lines = day(csv(IntervalCsv.Variant.LOCAL, Locale.GERMAN), LocalDate.of(2026, 3, 29));
        assertThat(lines).hasSize(92);
        assertThat(lines).noneMatch(l -> l.contains(" 02:"));
        assertThat(lines.get(7)).contains(";29.03.2026 01:45;+01:00;");
        assertThat(lines.get(8)).contains(";29.03.2026 03:00;+02:00;");
    }

    @Test
    void english_usesCommasAndDecimalPoints_andQuotesAFieldWithAComma() {
        IntervalCsv csv = new IntervalCsv(IntervalCsv.Variant.LOCAL, Locale.ENGLISH, BERLIN, DE_HEADER);
        assertThat(csv.header()).startsWith("\uFEFFWohnung,Zähler,");
        assertThat(csv.row(
                        "A-0.1",
                        "apt-0.1",
                        Instant.parse("2026-10-25T00:15:00Z"),
                        12_345_678,
                        5,
                        null,
                        "measured",
                        "import, line 4"))
                .isEqualTo("A-0.1,apt-0.1,25/10/2026 02:15,+02:00,12345.678,0.005,,measured,\"import, line 4\"\n");
    }

    @Test
    void iso_isUtcWithCommasAndPoints_inAnyLanguage() {
        IntervalCsv csv = csv(IntervalCsv.Variant.ISO, Locale.GERMAN);
        assertThat(csv.header())
                .isEqualTo("apartment,meter,interval_start_utc,import_kwh,export_kwh,solar_kwh,quality,source\n");
        List<String> lines = day(csv, LocalDate.of(2026, 10, 25));
        assertThat(lines).hasSize(100);
        assertThat(lines)
                .filteredOn(l -> l.contains("T00:15:00Z") || l.contains("T01:15:00Z"))
                .containsExactly(
                        "A-0.1,apt-0.1,2026-10-25T00:15:00Z,1.243,0.000,0.009,gemessen,Bus\n",
                        "A-0.1,apt-0.1,2026-10-25T01:15:00Z,1.247,0.000,0.013,gemessen,Bus\n");
        assertThat(csv.row("A;1", "m", Instant.parse("2026-06-10T10:00:00Z"), 0, 0, 0L, "MEASURED", "a;b"))
                .as("a semicolon needs no quotes in the comma form")
                .isEqualTo("A;1,m,2026-06-10T10:00:00Z,0.000,0.000,0.000,MEASURED,a;b\n");
    }

    @Test
    void variant_isLocalUnlessIsoIsAsked() {
        assertThat(IntervalCsv.Variant.of(null)).isEqualTo(IntervalCsv.Variant.LOCAL);
        assertThat(IntervalCsv.Variant.of("local")).isEqualTo(IntervalCsv.Variant.LOCAL);
        assertThat(IntervalCsv.Variant.of("ISO")).isEqualTo(IntervalCsv.Variant.ISO);
        assertThatThrownBy(() -> new IntervalCsv(IntervalCsv.Variant.LOCAL, Locale.GERMAN, BERLIN, List.of("a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quarterOfDay_countsFromLocalMidnight_overTheDstChange() {
        Instant midnight = LocalDate.of(2026, 10, 25).atStartOfDay(BERLIN).toInstant();
        assertThat(IntervalCsv.quarterOfDay(midnight, BERLIN)).isZero();
        assertThat(IntervalCsv.quarterOfDay(Instant.parse("2026-10-25T01:15:00Z"), BERLIN))
                .isEqualTo(13);
        assertThat(IntervalCsv.quarterOfDay(Instant.parse("2026-10-25T22:45:00Z"), BERLIN))
                .isEqualTo(99);
    }
}
