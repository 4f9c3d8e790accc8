package org.hausmeter.billing.run;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hausmeter.billing.Adjustment;
import org.hausmeter.ledger.Intervals;

/**
 * Everything a month's bill run reads from the database, as arrays over the month's quarter hours:
 * element {@code t} is the quarter hour starting at {@code from + 15 min × t}. Pure data, no I/O.
 *
 * @param month       the calendar month
 * @param zone        the building's zone
 * @param pvWh        house PV production per quarter hour (Σ PV meters' export − import, not negative)
 * @param gridImportWh grid connection import per quarter hour
 * @param gridExportWh grid connection export per quarter hour
 * @param consumers   every consumer of the allocation: apartments, then the common area, then chargers
 * @param tenancies   the tenancies overlapping the month, cut to the month and to local midnights
 * @param sessions    billable EV sessions starting in the month
 * @param adjustments one-time charges and credits by tenancy id
 */
public record MonthInput(
        YearMonth month,
        ZoneId zone,
        long[] pvWh,
        long[] gridImportWh,
        long[] gridExportWh,
        List<Consumer> consumers,
        List<TenancyPeriod> tenancies,
        List<Session> sessions,
        Map<Long, List<Adjustment>> adjustments) {

    /** What kind of consumer. */
    public enum Kind {
        APARTMENT,
        COMMON,
        CHARGER
    }

    /**
     * One consumer of the allocation.
     *
     * @param kind      apartment, common area or charger
     * @param code      apartment code, {@code "common"}, or the charger id
     * @param name      display name
     * @param areaM2    floor area for an apartment, may be null
     * @param importWh  consumption per quarter hour (Σ of its meters)
     * @param estimated quarter hours with at least one estimated value
     * @param missing   quarter hours without a value (see {@link MonthLoader}: no meter in force, or a meter in force
     *                  for the whole quarter hour without an {@code interval_energy} row); empty when all are there
     * @param imported  quarter hours with at least one value of quality IMPORTED (quarter-hour energy taken over
     *                  from a file, not derived from counter readings)
     */
    public record Consumer(
            Kind kind,
            String code,
            String name,
            BigDecimal areaM2,
            long[] importWh,
            BitSet estimated,
            BitSet missing,
            BitSet imported) {
        public Consumer {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(code, "code");
            missing = missing == null ? new BitSet() : missing;
            imported = imported == null ? new BitSet() : imported;
        }

        /** A consumer whose every quarter hour has a value, none of them imported (computed inputs, tests). */
        public Consumer(Kind kind, String code, String name, BigDecimal areaM2, long[] importWh, BitSet estimated) {
            this(kind, code, name, areaM2, importWh, estimated, new BitSet(), new BitSet());
        }
    }

    /**
     * A tenancy's part of the month.
     *
     * @param tenancyId     the tenancy
     * @param apartmentCode the apartment
     * @param residentId    the resident's account
     * @param residentName  display name
     * @param from          first instant, a local midnight
     * @param to            first instant after, a local midnight
     */
    public record TenancyPeriod(
            long tenancyId,
            long apartmentId,
            String apartmentCode,
            long residentId,
            String residentName,
            Instant from,
            Instant to) {}

    /**
     * A closed, billable EV session.
     *
     * @param id        session id
     * @param charger   charger id (a consumer code)
     * @param tenancyId the tenancy billed
     * @param start     start
     * @param end       end
     * @param energyWh  end − start counter, Wh
     */
    public record Session(
            long id, String charger, long tenancyId, Instant start, Instant end, long energyWh, String group) {

        /** A session of the default card group. */
        public Session(long id, String charger, long tenancyId, Instant start, Instant end, long energyWh) {
            this(id, charger, tenancyId, start, end, energyWh, org.hausmeter.tariff.EvPrices.DEFAULT_GROUP);
        }
    }

    /** @return the first instant of the month */
    public Instant from() {
        return Intervals.monthStart(month, zone);
    }

    /** @return the first instant after the month */
    public Instant to() {
        return Intervals.monthStart(month.plusMonths(1), zone);
    }

    /** @return quarter hours in the month */
    public int intervals() {
        return Intervals.count(from(), to());
    }
}
