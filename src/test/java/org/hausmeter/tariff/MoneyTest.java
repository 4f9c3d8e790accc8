package org.hausmeter.tariff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoneyTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Currency CHF = Currency.getInstance("CHF");

    @Test
    void of_padsToCurrencyScale() {
        Money m = Money.of(EUR, new BigDecimal("1.5"));
        assertThat(m.amount()).isEqualByComparingTo("1.50").hasScaleOf(2);
        assertThat(m).isEqualTo(Money.of(EUR, "1.500")).isEqualTo(Money.ofMinor(EUR, 150));
        assertThat(m.toString()).isEqualTo("EUR 1.50");
    }

    @Test
    void of_exact_refusesDigitsBeyondScale() {
        assertThatThrownBy(() -> Money.of(EUR, "1.005")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void of_halfUp_roundsHalfCentUp() {
        assertThat(Money.of(EUR, new BigDecimal("0.005"), RoundingMode.HALF_UP)).isEqualTo(Money.of(EUR, "0.01"));
        assertThat(Money.of(EUR, new BigDecimal("0.00499999"), RoundingMode.HALF_UP))
                .isEqualTo(Money.zero(EUR));
        assertThat(Money.of(EUR, new BigDecimal("2.675"), RoundingMode.HALF_UP)).isEqualTo(Money.of(EUR, "2.68"));
    }

    @Test
    void of_halfUp_negativeHalfCentRoundsAwayFromZero() {
        assertThat(Money.of(EUR, new BigDecimal("-0.005"), RoundingMode.HALF_UP))
                .isEqualTo(Money.of(EUR, "-0.01"));
    }

    @Test
    void of_halfEven_differsFromHalfUpOnEvenCent() {
        assertThat(Money.of(EUR, new BigDecimal("0.985"), RoundingMode.HALF_EVEN))
                .isEqualTo(Money.of(EUR, "0.98"));
        assertThat(Money.of(EUR, new BigDecimal("0.985"), RoundingMode.HALF_UP)).isEqualTo(Money.of(EUR, "0.99"));
    }

    @Test
    void ofMinor_andAmountMinor_roundTrip() {
        assertThat(Money.ofMinor(EUR, -1234).amount()).isEqualByComparingTo("-12.34");
        assertThat(Money.of(EUR, "-12.34").amountMinor()).isEqualTo(-1234);
    }

    @Test
    void zero_isZeroAtScale() {
        assertThat(Money.zero(EUR).amount()).hasScaleOf(2);
        assertThat(Money.zero(EUR).isZero()).isTrue();
        assertThat(Money.zero(EUR).isNegative()).isFalse();
        assertThat(Money.zero(EUR).isPositive()).isFalse();
    }

    @Test
    void plusMinusNegated_areExact() {
        Money a = Money.of(EUR, "0.10");
        Money b = Money.of(EUR, "0.20");
        assertThat(a.plus(b)).isEqualTo(Money.of(EUR, "0.30"));
        assertThat(a.minus(b)).isEqualTo(Money.of(EUR, "-0.10"));
        assertThat(a.minus(b).isNegative()).isTrue();
        assertThat(a.negated()).isEqualTo(Money.of(EUR, "-0.10"));
    }

    @Test
    void total_sumsAndIsZeroForNone() {
        assertThat(Money.total(EUR, List.of(Money.of(EUR, "1.01"), Money.of(EUR, "2.02"), Money.of(EUR, "-0.03"))))
                .isEqualTo(Money.of(EUR, "3.00"));
        assertThat(Money.total(EUR, List.of())).isEqualTo(Money.zero(EUR));
    }

    @Test
    void multipliedBy_roundsOnceWithGivenMode() {
        Money fee = Money.of(EUR, "9.95");
        assertThat(fee.multipliedBy(new BigDecimal("0.1"), RoundingMode.HALF_UP))
                .isEqualTo(Money.of(EUR, "1.00"));
        assertThat(fee.multipliedBy(new BigDecimal("0.1"), RoundingMode.DOWN)).isEqualTo(Money.of(EUR, "0.99"));
        assertThatThrownBy(() -> fee.multipliedBy(new BigDecimal("0.1"), RoundingMode.UNNECESSARY))
                .isInstanceOf(ArithmeticException.class);
        assertThat(fee.multipliedBy(3)).isEqualTo(Money.of(EUR, "29.85"));
    }

    @Test
    void mixingCurrencies_throws() {
        Money eur = Money.of(EUR, "1.00");
        Money chf = Money.of(CHF, "1.00");
        assertThatThrownBy(() -> eur.plus(chf))
                .isInstanceOf(CurrencyMismatchException.class)
                .hasMessage("Currencies differ: [EUR] and [CHF]");
        assertThatThrownBy(() -> eur.minus(chf)).isInstanceOf(CurrencyMismatchException.class);
        assertThatThrownBy(() -> eur.compareTo(chf)).isInstanceOf(CurrencyMismatchException.class);
        assertThatThrownBy(() -> Money.total(EUR, List.of(eur, chf))).isInstanceOf(CurrencyMismatchException.class);
        assertThat(eur).isNotEqualTo(chf);
    }

    @Test
    void compareTo_ordersByAmount() {
        assertThat(Money.of(EUR, "1.00")).isLessThan(Money.of(EUR, "1.01"));
    }

    @Test
    void currencyWithoutScale_isRefused() {
        assertThatThrownBy(() -> Money.zero(Currency.getInstance("XXX")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[XXX]");
    }
}
