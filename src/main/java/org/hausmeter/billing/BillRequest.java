package org.hausmeter.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.tariff.CurrencyMismatchException;
import org.hausmeter.tariff.TariffBook;

/**
 * Everything the bill engine needs for one tenancy-month, already read from the ledger and allocated.
 *
 * <p>Period: the half-open [from, to); both are local midnights in {@code zone} and the period lies in
 * one calendar month (a whole month, or part of one at a tenant change: a tenant handing over at the end
 * of the 15th has [1st 00:00, 16th 00:00)).
 *
 * <p>Interval arrays: element {@code i} is the quarter hour starting at {@code from + 15 min × i}, so
 * every array has exactly {@link #intervalCount()} elements: 2,880 for a 30-day month, 2,972 for March
 * 2026 in Europe/Berlin (one 92-interval day), 2,980 for October 2026 (one 100-interval day). Energies are
 * whole Wh, not negative. The arrays are copied on construction and on access.
 *
 * @param from         first instant of the period, a local midnight
 * @param to           first instant after the period, a local midnight, in the same month as the last day
 * @param zone         the building's zone
 * @param tariffs      the building's tariff versions; one must be valid on the period's first day
 * @param gridWh       the apartment's grid energy per interval, Wh
 * @param pvWh         the apartment's allocated PV energy per interval, Wh
 * @param estimated    set bits mark intervals whose apartment values are estimated; may be empty
 * @param commonGridWh the apartment's share of the common area's grid energy per interval, Wh;
 *                     an empty array for none
 * @param commonPvWh   the apartment's share of the common area's PV energy per interval, Wh;
 *                     an empty array for none
 * @param evSessions   the tenant's EV sessions starting in the period, any order
 * @param adjustments  one-time charges and credits, in bill order
 */
public record BillRequest(
        Instant from,
        Instant to,
        ZoneId zone,
        TariffBook tariffs,
        long[] gridWh,
        long[] pvWh,
        BitSet estimated,
        long[] commonGridWh,
        long[] commonPvWh,
        List<EvSession> evSessions,
        List<Adjustment> adjustments) {

    /** Length of one interval. */
    public static final Duration INTERVAL = Duration.ofMinutes(15);

    public BillRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(tariffs, "tariffs");
        requireMidnight("from", from, zone);
        requireMidnight("to", to, zone);
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("Billing period [" + from + ", " + to + ") is empty");
        }
        LocalDate first = LocalDate.ofInstant(from, zone);
        LocalDate end = LocalDate.ofInstant(to, zone);
        if (end.isAfter(first.withDayOfMonth(1).plusMonths(1))) {
            throw new IllegalArgumentException("Billing period [" + first + ", " + end + ") spans more than one month");
        }
        int n = Intervals.count(from, to);
        gridWh = checked("gridWh", gridWh, n, false);
        pvWh = checked("pvWh", pvWh, n, false);
        commonGridWh = checked("commonGridWh", commonGridWh, n, true);
        commonPvWh = checked("commonPvWh", commonPvWh, n, true);
        estimated = (BitSet) Objects.requireNonNull(estimated, "estimated").clone();
        if (estimated.length() > n) {
            throw new IllegalArgumentException("Estimated interval [" + (estimated.length() - 1)
                    + "] is outside the period's [" + n + "] intervals");
        }
        evSessions = List.copyOf(evSessions);
        for (EvSession s : evSessions) {
            if (s.start().isBefore(from) || !s.start().isBefore(to)) {
                throw new IllegalArgumentException("EV session [" + s.id() + "] starts [" + s.start()
                        + "] outside the billing period [" + from + ", " + to + ")");
            }
        }
        adjustments = List.copyOf(adjustments);
        for (Adjustment a : adjustments) {
            if (!a.net().currency().equals(tariffs.currency())) {
                throw new CurrencyMismatchException(tariffs.currency(), a.net().currency());
            }
        }
    }

    private static void requireMidnight(String name, Instant t, ZoneId zone) {
        ZonedDateTime local = t.atZone(zone);
        if (!local.equals(local.toLocalDate().atStartOfDay(zone))) {
            throw new IllegalArgumentException(
                    "Billing period " + name + " [" + local + "] is not the start of a local day");
        }
    }

    private static long[] checked(String name, long[] values, int n, boolean emptyAllowed) {
        Objects.requireNonNull(values, name);
        if (values.length != n && !(emptyAllowed && values.length == 0)) {
            throw new IllegalArgumentException(
                    "[" + name + "] has [" + values.length + "] intervals, the period has [" + n + "]");
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0) {
                throw new IllegalArgumentException(
                        "[" + name + "] interval [" + i + "] is negative [" + values[i] + "] Wh");
            }
        }
        return values.clone();
    }

    /** @return the number of quarter hours in [from, to) */
    public int intervalCount() {
        return Intervals.count(from, to);
    }

    @Override
    public long[] gridWh() {
        return gridWh.clone();
    }

    @Override
    public long[] pvWh() {
        return pvWh.clone();
    }

    @Override
    public BitSet estimated() {
        return (BitSet) estimated.clone();
    }

    @Override
    public long[] commonGridWh() {
        return commonGridWh.clone();
    }

    @Override
    public long[] commonPvWh() {
        return commonPvWh.clone();
    }
}
