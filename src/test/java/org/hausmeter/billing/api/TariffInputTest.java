package org.hausmeter.billing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import org.hausmeter.billing.BillingException;
import org.hausmeter.billing.TariffStore.StoredTariff;
import org.junit.jupiter.api.Test;

/** The tariff API takes only the prices a building's tariff has: EV prices with a charger, feed-in with PV. */
class TariffInputTest {

    private static final Currency EUR = Currency.getInstance("EUR");

    private static BillingResource.TariffInput input(BigDecimal evPv, BigDecimal evGrid, BigDecimal feedIn) {
        return new BillingResource.TariffInput(
                LocalDate.of(2026, 1, 1),
                new BigDecimal("0.3200"),
                null,
                new BigDecimal("0.2000"),
                new BigDecimal("5.00"),
                evPv,
                evGrid,
                feedIn,
                new BigDecimal("19"),
                null,
                null,
                "test");
    }

    @Test
    void withoutChargerAndPv_evAndFeedInPricesMayBeLeftOut() {
        StoredTariff t = BillingResource.toTariff(input(null, null, null), EUR, false, false);
        assertThat(t.version().evPvPrice().perKwh()).isZero();
        assertThat(t.version().evGridPrice().perKwh()).isZero();
        assertThat(t.version().feedInPerKwh().perKwh()).isZero();
    }

    @Test
    void withACharger_theEvPricesAreRequired_namingTheField() {
        assertThatThrownBy(() -> BillingResource.toTariff(input(null, null, null), EUR, true, false))
                .isInstanceOf(BillingException.class)
                .hasMessage("Tariff field [evPvPrice] is missing (the building has a charger)");
        assertThatThrownBy(() -> BillingResource.toTariff(input(new BigDecimal("0.1"), null, null), EUR, true, false))
                .hasMessage("Tariff field [evGridPrice] is missing (the building has a charger)");
    }

    @Test
    void withPv_theFeedInPriceIsRequired() {
        assertThatThrownBy(() -> BillingResource.toTariff(input(null, null, null), EUR, false, true))
                .hasMessage("Tariff field [feedInPrice] is missing (the building has PV)");
        StoredTariff t = BillingResource.toTariff(input(null, null, new BigDecimal("0.0800")), EUR, false, true);
        assertThat(t.version().feedInPerKwh().perKwh()).isEqualByComparingTo("0.08");
    }

    @Test
    void givenPricesAreKeptEvenWhenNotRequired() {
        StoredTariff t = BillingResource.toTariff(
                input(new BigDecimal("0.25"), new BigDecimal("0.35"), null), EUR, false, false);
        assertThat(t.version().evGridPrice().perKwh()).isEqualByComparingTo("0.35");
    }
}
