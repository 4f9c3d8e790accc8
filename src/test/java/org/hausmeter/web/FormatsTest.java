package org.hausmeter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import org.hausmeter.web.i18n.Locales;
import org.junit.jupiter.api.Test;

/** Numbers, money and times per language; times in the building's zone. (Java puts a no-break space before units.) */
class FormatsTest {

    private static final Locale DE = Locale.GERMAN;
    private static final Locale EN = Locale.ENGLISH;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static String plain(String s) {
        return s.replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    @Test
    void energyAndPower() {
        assertThat(Formats.kwh(1_234_549, 1, DE)).isEqualTo("1.234,5 kWh");
        assertThat(Formats.kwh(1_234_550, 1, EN)).isEqualTo("1,234.6 kWh");
        assertThat(Formats.kwh(5, 3, DE)).isEqualTo("0,005 kWh");
        assertThat(Formats.kw(-3_250, EN)).isEqualTo("-3.3 kW");
        assertThat(Formats.kw(0, DE)).isEqualTo("0,0 kW");
    }

    @Test
    void moneyAndPercent() {
        assertThat(plain(Formats.money(new BigDecimal("1234.5"), Currency.getInstance("EUR"), DE)))
                .isEqualTo("1.234,50 €");
        assertThat(Formats.money(new BigDecimal("1234.5"), Currency.getInstance("EUR"), EN))
                .isEqualTo("€1,234.50");
        assertThat(plain(Formats.money(new BigDecimal("0.005"), Currency.getInstance("CHF"), DE)))
                .isEqualTo("0,01 CHF");
        assertThat(plain(Formats.percent(new BigDecimal("0.125"), DE))).isEqualTo("12,5 %");
        assertThat(Formats.percent(new BigDecimal("0.125"), EN)).isEqualTo("12.5%");
    }

    @Test
    void timesAreShownInTheBuildingsZone_acrossTheDstChange() {
        Instant beforeDst = Instant.parse("2025-03-30T00:30:00Z");
        Instant afterDst = Instant.parse("2025-03-30T01:30:00Z");
        assertThat(Formats.time(beforeDst, DE, BERLIN)).isEqualTo("01:30");
        assertThat(Formats.time(afterDst, DE, BERLIN)).isEqualTo("03:30");
        assertThat(plain(Formats.dateTime(afterDst, DE, BERLIN))).isEqualTo("30.03.2025, 03:30");
        assertThat(plain(Formats.dateTime(afterDst, EN, BERLIN))).isEqualTo("30 Mar 2025, 03:30");
        assertThat(Formats.date(LocalDate.of(2025, 12, 31), DE)).isEqualTo("31.12.2025");
    }

    @Test
    void languageChoice() {
        assertThat(Locales.fromAcceptLanguage("fr-CH, en;q=0.8, de;q=0.9")).contains(Locale.GERMAN);
        assertThat(Locales.fromAcceptLanguage("en-US,en;q=0.9")).contains(Locale.ENGLISH);
        assertThat(Locales.fromAcceptLanguage("fr, it")).isEmpty();
        assertThat(Locales.fromAcceptLanguage("*")).contains(Locale.GERMAN);
        assertThat(Locales.fromAcceptLanguage("not a header;;;")).isEmpty();
        assertThat(Locales.supported("en_GB")).contains(Locale.ENGLISH);
        assertThat(Locales.of(null)).isEqualTo(Locale.GERMAN);
    }

    @Test
    void languageSwitch_returnsOnlyToPathsOnThisServer() {
        assertThat(LanguageResource.localPath("/kiosk?x=1")).isEqualTo("/kiosk?x=1");
        assertThat(LanguageResource.localPath("//evil.example/")).isEqualTo("/");
        assertThat(LanguageResource.localPath("https://evil.example/")).isEqualTo("/");
        assertThat(LanguageResource.localPath("/\\evil.example")).isEqualTo("/");
        assertThat(LanguageResource.localPath(null)).isEqualTo("/");
    }
}
