package org.hausmeter.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class UnitPriceTest {

    static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void of_keepsAtLeastFourDecimals() {
        assertThat(UnitPrice.of(EUR, "0.3").perKwh()).hasScaleOf(4).isEqualByComparingTo("0.3000");
        assertThat(UnitPrice.of(EUR, "0.287345").perKwh()).hasScaleOf(6).isEqualByComparingTo("0.287345");
        assertThat(UnitPrice.of(EUR, "0.3"))
                .isEqualTo(UnitPrice.of(EUR, "0.300000"))
                .hasSameHashCodeAs(UnitPrice.of(EUR, "0.300000"));
        assertThat(UnitPrice.of(EUR, "0.2873").toString()).isEqualTo("EUR 0.2873/kWh");
    }

    @Test
    void of_negative_isRefused() {
        assertThatThrownBy(() -> UnitPrice.of(EUR, "-0.01"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Price per kWh [-0.01] is negative");
    }

    @Test
    void exactCostFor_isUnrounded() {
        assertThat(UnitPrice.of(EUR, "0.2873").exactCostFor(1)).isEqualByComparingTo("0.0002873");
        assertThat(UnitPrice.of(EUR, "0.2873").exactCostFor(1234)).isEqualByComparingTo("0.3545282");
    }

    @Test
    void priceFor_roundsOnceToTheCent() {
        UnitPrice p = UnitPrice.of(EUR, "0.2873");
        assertThat(p.priceFor(1, RoundingMode.HALF_UP)).isEqualTo(Money.zero(EUR));
        assertThat(p.priceFor(1234, RoundingMode.HALF_UP)).isEqualTo(Money.of(EUR, "0.35"));
        assertThat(p.priceFor(1_000_000, RoundingMode.HALF_UP)).isEqualTo(Money.of(EUR, "287.30"));
    }

    @Test
    void priceFor_halfCent_dependsOnMode() {
        // 5.000 kWh x 0.1970 = 0.985 exactly
        UnitPrice p = UnitPrice.of(EUR, "0.1970");
        assertThat(p.priceFor(5_000, RoundingMode.HALF_UP)).isEqualTo(Money.of(EUR, "0.99"));
        assertThat(p.priceFor(5_000, RoundingMode.HALF_EVEN)).isEqualTo(Money.of(EUR, "0.98"));
        // 5.400 kWh x 0.1825 = 0.9855: above the half, up in both modes
        assertThat(UnitPrice.of(EUR, "0.1825").priceFor(5_400, RoundingMode.HALF_EVEN))
                .isEqualTo(Money.of(EUR, "0.99"));
    }

    @Test
    void fourthDecimal_changesTheBill() {
        UnitPrice a = UnitPrice.of(EUR, "0.2873");
        UnitPrice b = UnitPrice.of(EUR, "0.2874");
        assertThat(b.priceFor(100_000, RoundingMode.HALF_UP).minus(a.priceFor(100_000, RoundingMode.HALF_UP)))
                .isEqualTo(Money.of(EUR, "0.01"));
    }

    @Test
    void compareTo_otherCurrency_throws() {
        assertThatThrownBy(() -> UnitPrice.of(EUR, "0.1").compareTo(UnitPrice.of(Currency.getInstance("CHF"), "0.1")))
                .isInstanceOf(CurrencyMismatchException.class);
    }

    @Test
    void vatRate_normalisesScaleAndRoundsHalfUp() {
        assertThat(VatRate.of("19")).isEqualTo(new VatRate(new BigDecimal("19.0")));
        assertThat(VatRate.of("19").vatOn(Money.of(EUR, "14.02"), RoundingMode.HALF_UP))
                .isEqualTo(Money.of(EUR, "2.66"));
        assertThat(VatRate.of("19").vatOn(Money.of(EUR, "-1.50"), RoundingMode.HALF_UP))
                .isEqualTo(Money.of(EUR, "-0.29"));
        assertThatThrownBy(() -> VatRate.of("101")).hasMessage("VAT rate [101] % is outside [0, 100]");
        assertThatThrownBy(() -> VatRate.of("7.775")).hasMessage("VAT rate [7.775] % has more than 2 decimals");
    }
}
