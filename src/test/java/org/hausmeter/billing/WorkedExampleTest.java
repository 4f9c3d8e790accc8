package org.hausmeter.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hausmeter.billing.TestRequest.period;
import static org.hausmeter.tariff.TestTariffs.EUR;
import static org.hausmeter.tariff.TestTariffs.VAT_19;
import static org.hausmeter.tariff.TestTariffs.eur;
import static org.hausmeter.tariff.TestTariffs.ntHt;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hausmeter.tariff.DaySchedule;
import org.hausmeter.tariff.GridPrice;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.Season;
import org.hausmeter.tariff.TariffBook;
import org.hausmeter.tariff.TariffVersion;
import org.hausmeter.tariff.VatRate;
import org.junit.jupiter.api.Test;

/**
 * The hand-checked example of docs/billing-worked-example.md. Every number asserted here is derived
 * step by step in that document; change both together.
 */
class WorkedExampleTest {

    static final VatRate VAT_0 = VatRate.of("0");

    static final TariffVersion TARIFF_2026 = new TariffVersion(
            LocalDate.of(2026, 1, 1),
            GridPrice.timeOfUse(
                    Season.of(
                            "summer",
                            Month.APRIL,
                            Month.SEPTEMBER,
                            ntHt("0.2137", "0.31254"),
                            DaySchedule.allDay("NT", eur("0.2137"))),
                    Season.of(
                            "winter",
                            Month.OCTOBER,
                            Month.MARCH,
                            ntHt("0.2237", "0.3325"),
                            DaySchedule.allDay("NT", eur("0.2237")))),
            eur("0.1825"),
            Money.of(EUR, "9.85"),
            eur("0.2000"),
            eur("0.3400"),
            eur("0.0803"),
            VAT_19);

    static BillRequest request() {
        TestRequest r = period(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 4), TariffBook.of(TARIFF_2026));
        int n = r.intervals();
        long[] pv = new long[n];
        long[] commonPv = new long[n];
        for (int i = 0; i < n; i++) {
            int quarterOfDay = i % 96;
            if (quarterOfDay >= 40 && quarterOfDay < 64) { // 10:00 to 16:00 local (no DST change in June)
                pv[i] = 75;
                commonPv[i] = 2;
            }
        }
        return r.gridWh(125)
                .pvWh(pv)
                .commonGridWh(8)
                .commonPvWh(commonPv)
                .estimated(40, 44)
                .ev(new EvSession(
                        "ev-0602",
                        Instant.parse("2026-06-02T16:00:00Z"),
                        Instant.parse("2026-06-02T19:00:00Z"),
                        5_679,
                        4_321))
                .adjustment(new Adjustment("Credit for estimated readings on 1 June", Money.of(EUR, "-1.50"), VAT_19))
                .adjustment(new Adjustment("Reminder fee", Money.of(EUR, "2.50"), VAT_0))
                .build();
    }

    static Money eurAmount(String amount) {
        return Money.of(EUR, amount);
    }

    @Test
    void periodHas288Intervals() {
        assertThat(request().intervalCount()).isEqualTo(3 * 96);
    }

    @Test
    void lines_matchTheDocument() {
        BillDraft d = BillCalculator.calculate(request());
        assertThat(d.lines())
                .extracting(
                        BillLine::key,
                        BillLine::quantity,
                        BillLine::unit,
                        BillLine::unitPrice,
                        BillLine::net,
                        BillLine::vatRate)
                .containsExactly(
                        tuple(
                                "grid.energy",
                                new BigDecimal("12.000"),
                                QuantityUnit.KWH,
                                new BigDecimal("0.2137"),
                                eurAmount("2.56"),
                                VAT_19),
                        tuple(
                                "grid.energy",
                                new BigDecimal("24.000"),
                                QuantityUnit.KWH,
                                new BigDecimal("0.31254"),
                                eurAmount("7.50"),
                                VAT_19),
                        tuple(
                                "pv.energy",
                                new BigDecimal("5.400"),
                                QuantityUnit.KWH,
                                new BigDecimal("0.1825"),
                                eurAmount("0.99"),
                                VAT_19),
                        tuple(
                                "base.fee",
                                new BigDecimal("3"),
                                QuantityUnit.DAY,
                                new BigDecimal("0.328333"),
                                eurAmount("0.99"),
                                VAT_19),
                        tuple(
                                "common.grid",
                                new BigDecimal("0.768"),
                                QuantityUnit.KWH,
                                new BigDecimal("0.2137"),
                                eurAmount("0.16"),
                                VAT_19),
                        tuple(
                                "common.grid",
                                new BigDecimal("1.536"),
                                QuantityUnit.KWH,
                                new BigDecimal("0.31254"),
                                eurAmount("0.48"),
                                VAT_19),
                        tuple(
                                "common.pv",
                                new BigDecimal("0.144"),
                                QuantityUnit.KWH,
                                new BigDecimal("0.1825"),
                                eurAmount("0.03"),
                                VAT_19),
                        tuple(
                                "ev.session",
                                new BigDecimal("10.000"),
                                QuantityUnit.KWH,
                                new BigDecimal("0.279506"),
                                eurAmount("2.80"),
                                VAT_19),
                        tuple(
                                "adjustment",
                                BigDecimal.ONE,
                                QuantityUnit.PIECE,
                                new BigDecimal("-1.50"),
                                eurAmount("-1.50"),
                                VAT_19),
                        tuple(
                                "adjustment",
                                BigDecimal.ONE,
                                QuantityUnit.PIECE,
                                new BigDecimal("2.50"),
                                eurAmount("2.50"),
                                VAT_0));
    }

    @Test
    void details_explainEachLine() {
        BillDraft d = BillCalculator.calculate(request());
        assertThat(d.lines())
                .extracting(BillLine::details)
                .containsExactly(
                        details("tariff", "2026-01-01", "window", "NT", "intervals", "96", "estimatedIntervals", "0"),
                        details("tariff", "2026-01-01", "window", "HT", "intervals", "192", "estimatedIntervals", "4"),
                        details("tariff", "2026-01-01", "intervals", "288", "estimatedIntervals", "4"),
                        details("tariff", "2026-01-01", "monthlyFee", "9.85", "days", "3", "daysInMonth", "30"),
                        details("tariff", "2026-01-01", "window", "NT", "intervals", "96"),
                        details("tariff", "2026-01-01", "window", "HT", "intervals", "192"),
                        details("tariff", "2026-01-01", "intervals", "288"),
                        details(
                                "session",
                                "ev-0602",
                                "start",
                                "2026-06-02T18:00+02:00",
                                "end",
                                "2026-06-02T21:00+02:00",
                                "tariff",
                                "2026-01-01",
                                "pvKwh",
                                "4.321",
                                "pvPrice",
                                "0.2000",
                                "gridKwh",
                                "5.679",
                                "gridPrice",
                                "0.3400",
                                "pvSharePercent",
                                "43.2"),
                        details("reason", "Credit for estimated readings on 1 June", "kind", "credit"),
                        details("reason", "Reminder fee", "kind", "charge"));
    }

    @Test
    void totals_matchTheDocument() {
        BillDraft d = BillCalculator.calculate(request());
        assertThat(d.vatTotals())
                .extracting(VatTotal::rate, VatTotal::net, VatTotal::vat, VatTotal::gross)
                .containsExactly(
                        tuple(VAT_0, eurAmount("2.50"), eurAmount("0.00"), eurAmount("2.50")),
                        tuple(VAT_19, eurAmount("14.01"), eurAmount("2.66"), eurAmount("16.67")));
        assertThat(d.net()).isEqualTo(eurAmount("16.51"));
        assertThat(d.vat()).isEqualTo(eurAmount("2.66"));
        assertThat(d.gross()).isEqualTo(eurAmount("19.17"));
    }

    @Test
    void totalIsTheSumOfRoundedLines() {
        BillDraft d = BillCalculator.calculate(request());
        assertThat(Money.total(EUR, d.lines().stream().map(BillLine::net).toList()))
                .isEqualTo(d.net());
    }

    private static Map<String, String> details(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
