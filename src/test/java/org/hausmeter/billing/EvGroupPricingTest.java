package org.hausmeter.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.hausmeter.billing.TestRequest.period;
import static org.hausmeter.tariff.TestTariffs.EUR;
import static org.hausmeter.tariff.TestTariffs.flat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hausmeter.tariff.EvPrices;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.TariffBook;
import org.hausmeter.tariff.TariffValidationException;
import org.hausmeter.tariff.TariffVersion;
import org.hausmeter.tariff.UnitPrice;
import org.junit.jupiter.api.Test;

/** EV sessions are priced by their card group's prices, with the PV / grid split as for residents. */
class EvGroupPricingTest {

    private static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);

    private static UnitPrice eur(String p) {
        return UnitPrice.of(EUR, new BigDecimal(p));
    }

    private static TariffBook withGuestPrices() {
        TariffVersion base = flat(JAN_1, "0.30", "9.95"); // EV: PV 0.20, grid 0.34
        return TariffBook.of(TariffStore.withGroupPrices(
                base,
                Map.of(
                        "GUEST", new EvPrices("GUEST", eur("0.3125"), eur("0.4975")),
                        "CARSHARING", new EvPrices("CARSHARING", eur("0.25"), eur("0.39")))));
    }

    @Test
    void guestSession_isPricedWithTheGuestPrices_andTheSplitHoldsToTheCent() {
        Instant start = Instant.parse("2026-06-10T16:00:00Z");
        BillDraft d = BillCalculator.calculate(period(
                        LocalDate.of(2026, 6, 1), LocalDate.of(2026, 7, 1), withGuestPrices())
                .ev(new EvSession("r", start, start.plusSeconds(3_600), 6_000, 4_000))
                .ev(new EvSession("g", start.plusSeconds(7_200), start.plusSeconds(9_000), 3_333, 1_667, "GUEST"))
                .ev(new EvSession("u", start.plusSeconds(10_000), start.plusSeconds(11_000), 1_000, 0, "UNPRICED"))
                .build());
        List<BillLine> ev = d.lines().stream()
                .filter(l -> l.key().equals(BillCalculator.EV_SESSION))
                .toList();
        // r (resident): 4 kWh x 0.20 + 6 kWh x 0.34 = 2.84
        // g (guest): 1.667 kWh x 0.3125 = 0.5209375, 3.333 kWh x 0.4975 = 1.6581675; sum 2.179105 -> 2.18
        //   (rounding each part first would give 0.52 + 1.66 = 2.18 too; the line is rounded once)
        // u (a group without prices): the resident prices, 1 kWh x 0.34
        assertThat(ev)
                .extracting(
                        l -> l.details().get("session"),
                        BillLine::net,
                        l -> l.details().get("pvPrice"),
                        l -> l.details().get("gridPrice"))
                .containsExactly(
                        tuple("r", Money.of(EUR, "2.84"), "0.2000", "0.3400"),
                        tuple("g", Money.of(EUR, "2.18"), "0.3125", "0.4975"),
                        tuple("u", Money.of(EUR, "0.34"), "0.2000", "0.3400"));
        assertThat(ev.get(0).details()).doesNotContainKeys("group", "priceGroup");
        assertThat(ev.get(1).details())
                .containsEntry("group", "GUEST")
                .containsEntry("priceGroup", "GUEST")
                .containsEntry("pvKwh", "1.667")
                .containsEntry("gridKwh", "3.333")
                .containsEntry("pvSharePercent", "33.3");
        assertThat(ev.get(2).details()).containsEntry("group", "UNPRICED").containsEntry("priceGroup", "RESIDENT");
        // the guest line's parts: PV and grid money add up to the line (exact parts, one rounding)
        BigDecimal pv = new BigDecimal("1.667").multiply(new BigDecimal("0.3125"));
        BigDecimal grid = new BigDecimal("3.333").multiply(new BigDecimal("0.4975"));
        assertThat(pv.add(grid).setScale(2, java.math.RoundingMode.HALF_UP)).isEqualByComparingTo("2.18");
    }

    @Test
    void groupPricesAreCheckedWhenTheVersionIsBuilt() {
        TariffVersion base = flat(JAN_1, "0.30", "9.95");
        assertThatThrownBy(() -> TariffStore.withGroupPrices(
                        base, Map.of("RESIDENT", new EvPrices("RESIDENT", eur("0.1"), eur("0.2")))))
                .isInstanceOf(TariffValidationException.class)
                .hasMessageContaining("RESIDENT");
        assertThatThrownBy(() -> new EvPrices("guest", eur("0.1"), eur("0.2")))
                .isInstanceOf(TariffValidationException.class)
                .hasMessageContaining("[guest]");
        assertThatThrownBy(() -> TariffStore.withGroupPrices(
                        base, Map.of("GUEST", new EvPrices("CARSHARING", eur("0.1"), eur("0.2")))))
                .isInstanceOf(TariffValidationException.class);
        assertThatThrownBy(() -> new EvSession("x", Instant.EPOCH, Instant.EPOCH, 0, 0, "no group"))
                .isInstanceOf(TariffValidationException.class);
    }
}
