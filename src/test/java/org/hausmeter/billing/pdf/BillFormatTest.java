package org.hausmeter.billing.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.VatRate;
import org.junit.jupiter.api.Test;

class BillFormatTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Currency CHF = Currency.getInstance("CHF");
    static final BillFormat DE = new BillFormat(
            "de", List.of("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"));
    static final BillFormat EN = new BillFormat(
            "en", List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"));

    @Test
    void boardNames_dropALabelTheSettingBringsAlong_soTheFooterSaysVorstandOnce() {
        assertThat(BillPdfFooter.boardNames(List.of("Vorstand: A. Beispiel, B. Muster")))
                .isEqualTo("A. Beispiel, B. Muster");
        assertThat(BillPdfFooter.boardNames(List.of("board:A. Example", " ", "C. Dritte")))
                .isEqualTo("A. Example, C. Dritte");
        assertThat(BillPdfFooter.boardNames(List.of("Anna Groß", "Jörg Weiß"))).isEqualTo("Anna Groß, Jörg Weiß");
        assertThat(BillPdfFooter.boardNames(List.of())).isEmpty();
    }

    @Test
    void kwh_groupsThousands_perLanguage() {
        assertThat(DE.kwh(new BigDecimal("1234.567"))).isEqualTo("1.234,567 kWh");
        assertThat(EN.kwh(new BigDecimal("1234.567"))).isEqualTo("1,234.567 kWh");
        assertThat(DE.kwh(new BigDecimal("1234567.891"))).isEqualTo("1.234.567,891 kWh");
        assertThat(DE.kwh(new BigDecimal("0.5"))).isEqualTo("0,500 kWh");
        assertThat(EN.kwh(new BigDecimal("-12"))).isEqualTo("-12.000 kWh");
    }

    @Test
    void money_putsTheSymbolWhereEachLanguageDoes() {
        assertThat(DE.money(Money.of(EUR, "12.34"))).isEqualTo("12,34 €");
        assertThat(EN.money(Money.of(EUR, "12.34"))).isEqualTo("€12.34");
        assertThat(DE.money(Money.of(EUR, "-1234.5"))).isEqualTo("-1.234,50 €");
        assertThat(EN.money(Money.of(EUR, "-1234.5"))).isEqualTo("-€1,234.50");
        assertThat(DE.money(Money.of(CHF, "7.70"))).isEqualTo("7,70 CHF");
        assertThat(EN.money(Money.of(CHF, "7.70"))).isEqualTo("CHF 7.70");
    }

    @Test
    void price_keepsAllItsDecimals() {
        assertThat(DE.price(new BigDecimal("0.31254"), EUR)).isEqualTo("0,31254 €");
        assertThat(EN.price(new BigDecimal("0.328333"), EUR)).isEqualTo("€0.328333");
        assertThat(DE.price(new BigDecimal("9.8"), EUR)).isEqualTo("9,80 €");
    }

    @Test
    void percent_dropsTrailingZeros() {
        assertThat(DE.percent(VatRate.of("19"))).isEqualTo("19 %");
        assertThat(DE.percent(VatRate.of("7.7"))).isEqualTo("7,7 %");
        assertThat(EN.percent(VatRate.of("0"))).isEqualTo("0%");
        assertThat(DE.percent(new BigDecimal("100"))).isEqualTo("100 %");
    }

    @Test
    void dates_andMonths() {
        assertThat(DE.date(LocalDate.of(2026, 7, 5))).isEqualTo("05.07.2026");
        assertThat(EN.date(LocalDate.of(2026, 7, 5))).isEqualTo("5 Jul 2026");
        assertThat(DE.month(YearMonth.of(2026, 3))).isEqualTo("Mär 26");
        assertThat(EN.month(YearMonth.of(2009, 12))).isEqualTo("Dec 09");
    }

    @Test
    void pdfText_keepsWinAnsi_andReplacesTheRest() {
        assertThat(BillFormat.pdfText("Grüße, Straße, 12,34 € – „OK“")).isEqualTo("Grüße, Straße, 12,34 € – „OK“");
        assertThat(BillFormat.pdfText("Łukasz Śliwa, Şahin Yıldız, Dvořák"))
                .isEqualTo("Lukasz Sliwa, Sahin Yildiz, Dvorák");
        assertThat(BillFormat.pdfText("a\nb\tc")).isEqualTo("a b c");
        assertThat(BillFormat.pdfText("漢 😀")).isEqualTo("? ?");
    }
}
