package org.hausmeter.energy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hausmeter.billing.BillCalculator;
import org.hausmeter.billing.BillDraft;
import org.hausmeter.billing.BillLine;
import org.hausmeter.billing.run.MonthBilling;
import org.hausmeter.billing.run.MonthInput;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.VatRate;

/**
 * One calendar month of every apartment, as the resident pages read it: consumption and allocated PV per
 * local day (always kept), per quarter hour ({@link Detail}, which the cache may let go when memory is
 * short), the tenancies' bill drafts (cost so far, EV costs). Built from a bill run's computation
 * ({@link MonthBilling.Result}: PV exactly as billed) or, without a tariff, from the ledger alone (no PV).
 * Immutable.
 */
public final class MonthEnergy {

    /** Quarter hours of every apartment, index 0 = the month's first local midnight. */
    record Detail(Map<String, int[]> wh, Map<String, int[]> pvWh) {}

    /** A tenancy's part of the month as computed: its draft (the cost so far, for the running month). */
    public record TenancyCost(
            long tenancyId, String apartment, long residentId, Instant from, Instant to, BillDraft draft) {}

    /**
     * An EV session's price as the month's computation has it (not yet on an issued bill).
     *
     * @param sessionId   the charging session
     * @param pvWh        of its energy from PV
     * @param net         net price
     * @param vatRate     VAT rate
     */
    public record EvCost(long sessionId, long pvWh, Money net, VatRate vatRate) {}

    final YearMonth month;
    final Instant from;
    final Instant to;
    /** Quarter-hour index of each day's start; {@code dayOffset[days]} = the month's quarter hours. */
    final int[] dayOffset;
    /** True when the PV allocation was computed (a tariff, hence an allocation key, exists). */
    final boolean pvKnown;

    final Map<String, long[]> dayWh;
    final Map<String, long[]> dayPvWh;
    final List<TenancyCost> tenancies;
    final Map<Long, EvCost> ev;
    /** End of the last quarter hour with any apartment's consumption, null when none. */
    final Instant dataUntil;

    private MonthEnergy(
            YearMonth month,
            Instant from,
            Instant to,
            int[] dayOffset,
            boolean pvKnown,
            Map<String, long[]> dayWh,
            Map<String, long[]> dayPvWh,
            List<TenancyCost> tenancies,
            Map<Long, EvCost> ev,
            Instant dataUntil) {
        this.month = month;
        this.from = from;
        this.to = to;
        this.dayOffset = dayOffset;
        this.pvKnown = pvKnown;
        this.dayWh = dayWh;
        this.dayPvWh = dayPvWh;
        this.tenancies = tenancies;
        this.ev = ev;
        this.dataUntil = dataUntil;
    }

    /** The month and its quarter hours. */
    record Built(MonthEnergy month, Detail detail) {}

    /** A month with no data at all (one that has not begun). */
    static Built empty(YearMonth month, ZoneId zone) {
        int[] offsets = offsets(month, zone);
        return new Built(
                new MonthEnergy(
                        month,
                        Intervals.monthStart(month, zone),
                        Intervals.monthStart(month.plusMonths(1), zone),
                        offsets,
                        false,
                        Map.of(),
                        Map.of(),
                        List.of(),
                        Map.of(),
                        null),
                new Detail(Map.of(), Map.of()));
    }

    /**
     * @param input  the month's input (consumption of every apartment per quarter hour)
     * @param result its computation, or null when there is none (no tariff): then no PV
     */
    static Built of(MonthInput input, MonthBilling.Result result) {
        YearMonth month = input.month();
        ZoneId zone = input.zone();
        int[] offsets = offsets(month, zone);
        int n = input.intervals();
        Map<String, int[]> wh = new HashMap<>();
        int last = -1;
        for (MonthInput.Consumer c : input.consumers()) {
            if (c.kind() != MonthInput.Kind.APARTMENT) {
                continue;
            }
            int[] q = new int[n];
            long[] src = c.importWh();
            for (int i = 0; i < n; i++) {
                q[i] = Math.toIntExact(src[i]);
                if (src[i] > 0 && i > last) {
                    last = i;
                }
            }
            wh.put(c.code(), q);
        }
        Map<String, int[]> pv = new HashMap<>();
        List<TenancyCost> tenancies = new ArrayList<>();
        Map<Long, EvCost> ev = new HashMap<>();
        if (result != null) {
            for (MonthBilling.TenancyBill b : result.bills()) {
                MonthInput.TenancyPeriod p = b.period();
                int off = Intervals.count(input.from(), p.from());
                long[] share = b.request().pvWh();
                int[] target = pv.computeIfAbsent(p.apartmentCode(), k -> new int[n]);
                for (int i = 0; i < share.length; i++) {
                    target[off + i] = Math.toIntExact(share[i]);
                }
                tenancies.add(
                        new TenancyCost(p.tenancyId(), p.apartmentCode(), p.residentId(), p.from(), p.to(), b.draft()));
                for (BillLine l : b.draft().lines()) {
                    if (l.key().equals(BillCalculator.EV_SESSION)) {
                        long id = Long.parseLong(l.details().get("session"));
                        long pvWh = new BigDecimal(l.details().get("pvKwh"))
                                .movePointRight(3)
                                .longValueExact();
                        ev.put(id, new EvCost(id, pvWh, l.net(), l.vatRate()));
                    }
                }
            }
        }
        int days = offsets.length - 1;
        Map<String, long[]> dayWh = new HashMap<>();
        Map<String, long[]> dayPv = new HashMap<>();
        wh.forEach((code, q) -> dayWh.put(code, daySums(q, offsets, days)));
        pv.forEach((code, q) -> dayPv.put(code, daySums(q, offsets, days)));
        Instant until = last < 0 ? null : Intervals.start(input.from(), last + 1);
        return new Built(
                new MonthEnergy(
                        month,
                        input.from(),
                        input.to(),
                        offsets,
                        result != null,
                        Map.copyOf(dayWh),
                        Map.copyOf(dayPv),
                        List.copyOf(tenancies),
                        Map.copyOf(ev),
                        until),
                new Detail(Map.copyOf(wh), Map.copyOf(pv)));
    }

    private static long[] daySums(int[] q, int[] offsets, int days) {
        long[] out = new long[days];
        for (int d = 0; d < days; d++) {
            long s = 0;
            for (int i = offsets[d]; i < offsets[d + 1]; i++) {
                s += q[i];
            }
            out[d] = s;
        }
        return out;
    }

    static int[] offsets(YearMonth month, ZoneId zone) {
        int days = month.lengthOfMonth();
        int[] out = new int[days + 1];
        Instant start = Intervals.monthStart(month, zone);
        for (int d = 0; d <= days; d++) {
            LocalDate day = month.atDay(1).plusDays(d);
            out[d] = Intervals.count(start, Intervals.dayStart(day, zone));
        }
        return out;
    }
}
