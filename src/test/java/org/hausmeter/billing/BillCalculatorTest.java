package org.hausmeter.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.hausmeter.billing.TestRequest.BERLIN;
import static org.hausmeter.billing.TestRequest.midnight;
import static org.hausmeter.billing.TestRequest.period;
import static org.hausmeter.tariff.TestTariffs.EUR;
import static org.hausmeter.tariff.TestTariffs.VAT_19;
import static org.hausmeter.tariff.TestTariffs.flat;
import static org.hausmeter.tariff.TestTariffs.ntHtAllYear;
import static org.hausmeter.tariff.TestTariffs.version;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.List;
import org.hausmeter.tariff.CurrencyMismatchException;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.NoTariffException;
import org.hausmeter.tariff.TariffBook;
import org.hausmeter.tariff.TariffVersion;
import org.hausmeter.tariff.VatRate;
import org.junit.jupiter.api.Test;

class BillCalculatorTest {

    static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    static final TariffBook FLAT = TariffBook.of(flat(JAN_1, "0.30", "9.95"));
    static final TariffBook TOU = TariffBook.of(version(JAN_1, ntHtAllYear("0.2137", "0.31254"), "9.95"));

    static Money eur(String amount) {
        return Money.of(EUR, amount);
    }

    static List<BillLine> lines(BillDraft d, String key) {
        return d.lines().stream().filter(l -> l.key().equals(key)).toList();
    }

    static int intervals(List<BillLine> lines) {
        return lines.stream()
                .mapToInt(l -> Integer.parseInt(l.details().get("intervals")))
                .sum();
    }

    @Test
    void fullMonth_march2026_billsExactly2972Intervals() {
        TestRequest r =
                period(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1), FLAT).gridWh(100);
        assertThat(r.intervals()).isEqualTo(31 * 96 - 4);
        BillDraft d = BillCalculator.calculate(r.build());
        assertThat(lines(d, BillCalculator.GRID_ENERGY))
                .extracting(
                        BillLine::quantity,
                        BillLine::unitPrice,
                        BillLine::net,
                        l -> l.details().get("intervals"))
                .containsExactly(tuple(new BigDecimal("297.200"), new BigDecimal("0.3000"), eur("89.16"), "2972"));
    }

    @Test
    void fullMonth_october2026_timeOfUse_billsExactly2980Intervals() {
        TestRequest r = period(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1), TOU)
                .gridWh(100);
        assertThat(r.intervals()).isEqualTo(31 * 96 + 4);
        BillDraft d = BillCalculator.calculate(r.build());
        // NT: 31 days x 32 + the repeated hour's 4 = 996; HT: 31 x 64 = 1984
        assertThat(lines(d, BillCalculator.GRID_ENERGY))
                .extracting(
                        l -> l.details().get("window"),
                        BillLine::quantity,
                        l -> l.details().get("intervals"),
                        BillLine::net)
                .containsExactly(
                        tuple("NT", new BigDecimal("99.600"), "996", eur("21.28")),
                        tuple("HT", new BigDecimal("198.400"), "1984", eur("62.01")));
        assertThat(intervals(lines(d, BillCalculator.GRID_ENERGY))).isEqualTo(2980);
    }

    @Test
    void fullMonth_march2026_timeOfUse_missingHourIsNotBilled() {
        BillDraft d = BillCalculator.calculate(period(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1), TOU)
                .gridWh(100)
                .build());
        assertThat(lines(d, BillCalculator.GRID_ENERGY))
                .extracting(l -> l.details().get("window"), l -> l.details().get("intervals"))
                .containsExactly(tuple("NT", "988"), tuple("HT", "1984"));
    }

    @Test
    void tariffChangeMidMonth_splitsEnergyAndBaseFeeAtValidFrom() {
        TariffVersion jan = flat(JAN_1, "0.30", "9.95");
        TariffVersion may15 = flat(LocalDate.of(2026, 5, 15), "0.32", "10.95");
        BillDraft d = BillCalculator.calculate(
                period(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 6, 1), TariffBook.of(jan, may15))
                        .gridWh(100)
                        .pvWh(20)
                        .build());
        assertThat(d.lines())
                .extracting(
                        BillLine::key,
                        l -> l.details().get("tariff"),
                        BillLine::quantity,
                        BillLine::unit,
                        BillLine::net)
                .containsExactly(
                        // 14 days x 96 = 1344 intervals; 134.4 x 0.30 = 40.32
                        tuple("grid.energy", "2026-01-01", new BigDecimal("134.400"), QuantityUnit.KWH, eur("40.32")),
                        // 17 days x 96 = 1632 intervals; 163.2 x 0.32 = 52.224
                        tuple("grid.energy", "2026-05-15", new BigDecimal("163.200"), QuantityUnit.KWH, eur("52.22")),
                        // 26.88 x 0.1825 = 4.9056; 32.64 x 0.1825 = 5.9568
                        tuple("pv.energy", "2026-01-01", new BigDecimal("26.880"), QuantityUnit.KWH, eur("4.91")),
                        tuple("pv.energy", "2026-05-15", new BigDecimal("32.640"), QuantityUnit.KWH, eur("5.96")),
                        // 9.95 x 14 / 31 = 4.4935...; 10.95 x 17 / 31 = 6.0048...
                        tuple("base.fee", "2026-01-01", new BigDecimal("14"), QuantityUnit.DAY, eur("4.49")),
                        tuple("base.fee", "2026-05-15", new BigDecimal("17"), QuantityUnit.DAY, eur("6.00")));
        assertThat(d.net()).isEqualTo(eur("113.90"));
    }

    @Test
    void proratedBaseFee_tenantMovingOutOnThe15th() {
        // hands over at the end of 15 July: period [1 Jul, 16 Jul) = 15 of 31 days
        BillDraft d = BillCalculator.calculate(
                period(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 7, 16), TariffBook.of(flat(JAN_1, "0.30", "9.90")))
                        .build());
        assertThat(d.lines()).singleElement().satisfies(l -> {
            assertThat(l.key()).isEqualTo(BillCalculator.BASE_FEE);
            assertThat(l.quantity()).isEqualTo(new BigDecimal("15"));
            assertThat(l.unit()).isEqualTo(QuantityUnit.DAY);
            assertThat(l.unitPrice()).isEqualTo(new BigDecimal("0.319355"));
            // 9.90 x 15 / 31 = 148.50 / 31 = 4.790322...
            assertThat(l.net()).isEqualTo(eur("4.79"));
            assertThat(l.details())
                    .containsEntry("days", "15")
                    .containsEntry("daysInMonth", "31")
                    .containsEntry("monthlyFee", "9.90");
        });
    }

    @Test
    void fullMonthBaseFee_isOneMonth() {
        BillDraft d = BillCalculator.calculate(
                period(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 1), FLAT).build());
        assertThat(d.lines())
                .extracting(BillLine::quantity, BillLine::unit, BillLine::unitPrice, BillLine::net)
                .containsExactly(tuple(BigDecimal.ONE, QuantityUnit.MONTH, new BigDecimal("9.95"), eur("9.95")));
    }

    @Test
    void vatPerRate_isComputedOnTheNetSumOfEachRate() {
        VatRate seven = VatRate.of("7");
        BillDraft d = BillCalculator.calculate(period(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 7, 1), FLAT)
                .gridWh(100)
                .adjustment(new Adjustment("service A", eur("0.05"), seven))
                .adjustment(new Adjustment("service B", eur("0.05"), seven))
                .adjustment(new Adjustment("service C", eur("0.05"), seven))
                .build());
        // 19 %: 288 kWh x 0.30 = 86.40 + base fee 9.95 = 96.35; VAT 18.3065 -> 18.31
        // 7 %: 3 x 0.05 = 0.15; VAT 0.0105 -> 0.01 (per line it would be 3 x 0.0035 -> 0.00)
        assertThat(d.vatTotals())
                .extracting(VatTotal::rate, VatTotal::net, VatTotal::vat, VatTotal::gross)
                .containsExactly(
                        tuple(seven, eur("0.15"), eur("0.01"), eur("0.16")),
                        tuple(VAT_19, eur("96.35"), eur("18.31"), eur("114.66")));
        assertThat(d.net()).isEqualTo(eur("96.50"));
        assertThat(d.vat()).isEqualTo(eur("18.32"));
        assertThat(d.gross()).isEqualTo(eur("114.82"));
    }

    @Test
    void creditAdjustment_lowersTheNetOfItsRate() {
        BillDraft d = BillCalculator.calculate(period(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 1), FLAT)
                .adjustment(new Adjustment("goodwill", eur("-1.50"), VAT_19))
                .build());
        assertThat(lines(d, BillCalculator.ADJUSTMENT)).singleElement().satisfies(l -> {
            assertThat(l.net()).isEqualTo(eur("-1.50"));
            assertThat(l.details()).containsEntry("kind", "credit").containsEntry("reason", "goodwill");
        });
        // 9.95 - 1.50 = 8.45; VAT 1.6055 -> 1.61
        assertThat(d.vatTotals())
                .extracting(VatTotal::net, VatTotal::vat)
                .containsExactly(tuple(eur("8.45"), eur("1.61")));
    }

    @Test
    void estimatedIntervals_areCountedPerWindow() {
        TestRequest r = period(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 2), TOU)
                .gridWh(100)
                .pvWh(10);
        r.estimated(20, 28); // 05:00-07:00: 4 NT + 4 HT
        BillDraft d = BillCalculator.calculate(r.build());
        assertThat(d.lines())
                .extracting(
                        BillLine::key,
                        l -> l.details().get("window"),
                        l -> l.details().get("estimatedIntervals"))
                .startsWith(
                        tuple("grid.energy", "NT", "4"),
                        tuple("grid.energy", "HT", "4"),
                        tuple("pv.energy", null, "8"));
    }

    @Test
    void evSession_isPricedByItsPvAndGridShares() {
        Instant start = Instant.parse("2026-06-10T16:00:00Z");
        BillDraft d = BillCalculator.calculate(period(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 7, 1), FLAT)
                .ev(new EvSession("s-2", start.plusSeconds(86_400), start.plusSeconds(90_000), 1_000, 0))
                .ev(new EvSession("s-1", start, start.plusSeconds(7_200), 6_000, 4_000))
                .build());
        // s-1: 4 kWh x 0.20 + 6 kWh x 0.34 = 0.80 + 2.04 = 2.84; s-2: 1 kWh x 0.34
        assertThat(lines(d, BillCalculator.EV_SESSION))
                .extracting(
                        l -> l.details().get("session"),
                        BillLine::quantity,
                        BillLine::unitPrice,
                        BillLine::net,
                        l -> l.details().get("pvSharePercent"))
                .containsExactly(
                        tuple("s-1", new BigDecimal("10.000"), new BigDecimal("0.284000"), eur("2.84"), "40.0"),
                        tuple("s-2", new BigDecimal("1.000"), new BigDecimal("0.340000"), eur("0.34"), "0.0"));
        assertThat(lines(d, BillCalculator.EV_SESSION).get(0).details())
                .containsEntry("start", "2026-06-10T18:00+02:00")
                .containsEntry("pvKwh", "4.000");
    }

    @Test
    void zeroEnergyLines_areLeftOut() {
        BillDraft d = BillCalculator.calculate(
                period(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 7, 1), TOU).build());
        assertThat(d.lines()).extracting(BillLine::key).containsExactly(BillCalculator.BASE_FEE);
    }

    @Test
    void sameInputs_giveEqualDrafts() {
        TestRequest a = period(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1), TOU)
                .gridWh(87)
                .pvWh(13)
                .commonGridWh(3)
                .estimated(5, 9)
                .ev(new EvSession(
                        "s",
                        Instant.parse("2026-10-25T01:15:00Z"),
                        Instant.parse("2026-10-25T03:00:00Z"),
                        7_777,
                        3_333))
                .adjustment(new Adjustment("x", eur("2.50"), VatRate.of("0")));
        TestRequest b = period(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1), TOU)
                .gridWh(87)
                .pvWh(13)
                .commonGridWh(3)
                .estimated(5, 9)
                .ev(new EvSession(
                        "s",
                        Instant.parse("2026-10-25T01:15:00Z"),
                        Instant.parse("2026-10-25T03:00:00Z"),
                        7_777,
                        3_333))
                .adjustment(new Adjustment("x", eur("2.50"), VatRate.of("0.0")));
        assertThat(BillCalculator.calculate(a.build()))
                .isEqualTo(BillCalculator.calculate(b.build()))
                .isEqualTo(BillCalculator.calculate(a.build()));
    }

    @Test
    void arrayOfWrongLength_isRefused() {
        assertThatThrownBy(() -> period(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1), FLAT)
                        .gridWh(new long[31 * 96])
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("[gridWh] has [2976] intervals, the period has [2972]");
    }

    @Test
    void negativeEnergy_isRefused() {
        long[] pv = new long[96];
        pv[7] = -1;
        assertThatThrownBy(() -> period(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 2), FLAT)
                        .pvWh(pv)
                        .build())
                .hasMessage("[pvWh] interval [7] is negative [-1] Wh");
    }

    @Test
    void periodNotOnLocalMidnight_isRefused() {
        Instant from = Instant.parse("2026-06-01T00:00:00Z");
        assertThatThrownBy(() -> new BillRequest(
                        from,
                        midnight(LocalDate.of(2026, 7, 1)),
                        BERLIN,
                        FLAT,
                        new long[0],
                        new long[0],
                        new BitSet(),
                        new long[0],
                        new long[0],
                        List.of(),
                        List.of()))
                .hasMessage(
                        "Billing period from [2026-06-01T02:00+02:00[Europe/Berlin]] is not the start of a local day");
    }

    @Test
    void periodOverTwoMonths_isRefused() {
        assertThatThrownBy(() -> period(LocalDate.of(2026, 6, 15), LocalDate.of(2026, 7, 2), FLAT)
                        .build())
                .hasMessage("Billing period [2026-06-15, 2026-07-02) spans more than one month");
    }

    @Test
    void evSessionOutsidePeriod_isRefused() {
        assertThatThrownBy(() -> period(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 7, 1), FLAT)
                        .ev(new EvSession(
                                "s-9", midnight(LocalDate.of(2026, 7, 1)), midnight(LocalDate.of(2026, 7, 1)), 1, 1))
                        .build())
                .hasMessage("EV session [s-9] starts [2026-06-30T22:00:00Z] outside the billing period "
                        + "[2026-05-31T22:00:00Z, 2026-06-30T22:00:00Z)");
    }

    @Test
    void adjustmentInOtherCurrency_isRefused() {
        assertThatThrownBy(() -> period(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 7, 1), FLAT)
                        .adjustment(
                                new Adjustment("x", Money.of(java.util.Currency.getInstance("CHF"), "1.00"), VAT_19))
                        .build())
                .isInstanceOf(CurrencyMismatchException.class);
    }

    @Test
    void periodBeforeFirstTariff_isRefused() {
        assertThatThrownBy(
                        () -> BillCalculator.calculate(period(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 1, 1), FLAT)
                                .build()))
                .isInstanceOf(NoTariffException.class);
    }
}
