package org.hausmeter.billing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import org.hausmeter.ledger.BoundaryCounter;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.VatRate;

/**
 * What a stored bill shows besides its lines, frozen by the run that made it (JSON column
 * {@code bill.content}; with the lines it is hashed into {@code content_sha256}, so the property order is
 * fixed here).
 *
 * @param apartment          apartment code
 * @param resident           resident's display name
 * @param firstDay           first day of the period
 * @param lastDay            last day of the period (inclusive)
 * @param intervals          quarter hours of the period
 * @param estimatedIntervals quarter hours with an estimated apartment value
 * @param consumptionWh      the period's apartment consumption
 * @param pvWh               its PV share
 * @param allocationKey      the allocation key used
 * @param vatTotals          totals per VAT rate
 * @param meters             the apartment meters' counters at the period's ends
 * @param flags              open review flags overlapping the period
 * @param lastYearWh         consumption in the same days a year earlier, or null
 * @param medianApartmentWh  the month's median apartment consumption
 * @param history            the apartment's last 12 months
 * @param coveredIntervals   quarter hours of the period with a value for the apartment (docs/billing.md,
 *                           "Completeness"); null in bills made before it was recorded (absent in JSON)
 * @param importedIntervals  of which imported quarter-hour values (quality IMPORTED), null as above
 * @param gaps               the days without (complete) data, consecutive days grouped; null as above
 * @param cancels            for a cancellation: the cancelled invoice, else null (absent in JSON)
 * @param reason             for a cancellation: its reason, else null (absent in JSON)
 */
@JsonPropertyOrder({
    "apartment",
    "resident",
    "firstDay",
    "lastDay",
    "intervals",
    "estimatedIntervals",
    "consumptionWh",
    "pvWh",
    "allocationKey",
    "vatTotals",
    "meters",
    "flags",
    "lastYearWh",
    "medianApartmentWh",
    "history",
    "coveredIntervals",
    "importedIntervals",
    "gaps",
    "cancels",
    "reason"
})
@JsonIgnoreProperties(ignoreUnknown = true)
public record BillContent(
        String apartment,
        String resident,
        LocalDate firstDay,
        LocalDate lastDay,
        int intervals,
        int estimatedIntervals,
        long consumptionWh,
        long pvWh,
        String allocationKey,
        List<Vat> vatTotals,
        List<MeterCounters> meters,
        List<Flag> flags,
        Long lastYearWh,
        Long medianApartmentWh,
        List<HistoryMonth> history,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer coveredIntervals,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer importedIntervals,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Gap> gaps,
        @JsonInclude(JsonInclude.Include.NON_NULL) Cancels cancels,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

    /** The content without completeness figures (bills made before they were recorded). */
    public BillContent(
            String apartment,
            String resident,
            LocalDate firstDay,
            LocalDate lastDay,
            int intervals,
            int estimatedIntervals,
            long consumptionWh,
            long pvWh,
            String allocationKey,
            List<Vat> vatTotals,
            List<MeterCounters> meters,
            List<Flag> flags,
            Long lastYearWh,
            Long medianApartmentWh,
            List<HistoryMonth> history,
            Cancels cancels,
            String reason) {
        this(
                apartment,
                resident,
                firstDay,
                lastDay,
                intervals,
                estimatedIntervals,
                consumptionWh,
                pvWh,
                allocationKey,
                vatTotals,
                meters,
                flags,
                lastYearWh,
                medianApartmentWh,
                history,
                null,
                null,
                null,
                cancels,
                reason);
    }

    public BillContent {
        vatTotals = vatTotals == null ? List.of() : vatTotals;
        meters = meters == null ? List.of() : meters;
        flags = flags == null ? List.of() : flags;
        history = history == null ? List.of() : history;
    }

    /** @return the content of the cancellation of a bill with this content: VAT totals negated, reference and reason added */
    public BillContent cancellation(String number, LocalDate issueDate, String why) {
        return new BillContent(
                apartment,
                resident,
                firstDay,
                lastDay,
                intervals,
                estimatedIntervals,
                consumptionWh,
                pvWh,
                allocationKey,
                vatTotals.stream().map(Vat::negated).toList(),
                meters,
                flags,
                lastYearWh,
                medianApartmentWh,
                history,
                coveredIntervals,
                importedIntervals,
                gaps,
                new Cancels(number, issueDate),
                why);
    }

    /** @return this content as a bill made before completeness was recorded would store it */
    public BillContent withoutCompleteness() {
        return new BillContent(
                apartment,
                resident,
                firstDay,
                lastDay,
                intervals,
                estimatedIntervals,
                consumptionWh,
                pvWh,
                allocationKey,
                vatTotals,
                meters,
                flags,
                lastYearWh,
                medianApartmentWh,
                history,
                cancels,
                reason);
    }

    /** @return true when completeness was recorded and some quarter hour of the period has no value */
    public boolean incomplete() {
        return coveredIntervals != null && coveredIntervals < intervals;
    }

    /** @return the share of quarter hours with a value (1 when complete), null when not recorded */
    public Double coveredShare() {
        return coveredIntervals == null ? null : intervals == 0 ? 1.0 : (double) coveredIntervals / intervals;
    }

    /**
     * Where the period's energy comes from: {@code READINGS} (quarter hours derived from counter readings),
     * {@code IMPORTED} (every value an imported quarter-hour value), {@code MIXED}, {@code NONE} (no value at all);
     * null when not recorded.
     */
    public String energySource() {
        if (importedIntervals == null || coveredIntervals == null) {
            return null;
        }
        if (coveredIntervals == 0) {
            return "NONE";
        }
        if (importedIntervals == 0) {
            return "READINGS";
        }
        return importedIntervals >= coveredIntervals ? "IMPORTED" : "MIXED";
    }

    /** @return the VAT rate of the first VAT total, the rate an adjustment gets unless told otherwise; null without lines */
    public BigDecimal firstVatPercent() {
        return vatTotals.isEmpty() ? null : vatTotals.get(0).percent();
    }

    /** @return the share of estimated quarter hours, 0 without intervals */
    public double estimatedShare() {
        return intervals == 0 ? 0 : (double) estimatedIntervals / intervals;
    }

    /** Totals of one VAT rate, decimals as plain strings in JSON. */
    @JsonPropertyOrder({"percent", "net", "vat", "gross"})
    public record Vat(
            @JsonSerialize(using = PlainDecimal.class) BigDecimal percent,
            @JsonSerialize(using = PlainDecimal.class) BigDecimal net,
            @JsonSerialize(using = PlainDecimal.class) BigDecimal vat,
            @JsonSerialize(using = PlainDecimal.class) BigDecimal gross) {

        /** @return the stored form of the calculator's total */
        public static Vat of(VatTotal v) {
            return new Vat(
                    v.rate().percent(),
                    v.net().amount(),
                    v.vat().amount(),
                    v.gross().amount());
        }

        Vat negated() {
            return new Vat(percent, net.negate(), vat.negate(), gross.negate());
        }

        /** @return the total for the calculator's types (PDF) */
        public VatTotal toVatTotal(Currency currency) {
            return new VatTotal(
                    new VatRate(percent), Money.of(currency, net), Money.of(currency, vat), Money.of(currency, gross));
        }
    }

    /**
     * A meter's counters at the period's ends; each end null without a reading within 7 days.
     *
     * @param meter meter name
     */
    @JsonPropertyOrder({"meter", "startWh", "startAt", "startSource", "endWh", "endAt", "endSource"})
    public record MeterCounters(
            String meter,
            Long startWh,
            Instant startAt,
            String startSource,
            Long endWh,
            Instant endAt,
            String endSource) {

        /** @return the counters from the two boundary values, either may be null */
        public static MeterCounters of(String meter, BoundaryCounter start, BoundaryCounter end) {
            return new MeterCounters(
                    meter,
                    start == null ? null : start.wh(),
                    start == null ? null : start.at(),
                    start == null ? null : start.source(),
                    end == null ? null : end.wh(),
                    end == null ? null : end.at(),
                    end == null ? null : end.source());
        }
    }

    /** An open review flag overlapping the period. */
    @JsonPropertyOrder({"id", "kind", "meter", "from", "to", "detail", "sizeWh"})
    public record Flag(long id, String kind, String meter, Instant from, Instant to, String detail, Long sizeWh) {}

    /**
     * Consecutive local days of the period with quarter hours without a value.
     *
     * @param firstDay         first day
     * @param lastDay          last day (inclusive)
     * @param missingIntervals quarter hours without a value in these days
     * @param intervals        quarter hours of these days (92, 96 or 100 a day)
     */
    @JsonPropertyOrder({"firstDay", "lastDay", "missingIntervals", "intervals"})
    public record Gap(LocalDate firstDay, LocalDate lastDay, int missingIntervals, int intervals) {

        /** @return true when no quarter hour of these days has a value */
        public boolean whole() {
            return missingIntervals == intervals;
        }
    }

    /** One of the apartment's months from earlier runs. */
    @JsonPropertyOrder({"month", "consumptionWh", "pvWh"})
    public record HistoryMonth(YearMonth month, long consumptionWh, long pvWh) {}

    /** The invoice a cancellation cancels. */
    @JsonPropertyOrder({"number", "issueDate"})
    public record Cancels(String number, LocalDate issueDate) {}
}
