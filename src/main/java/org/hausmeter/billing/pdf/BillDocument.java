package org.hausmeter.billing.pdf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hausmeter.billing.BillLine;
import org.hausmeter.billing.QuantityUnit;
import org.hausmeter.billing.VatTotal;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.VatRate;

/**
 * Everything printed on one bill: the content of one PDF, no I/O, no formatting.
 *
 * <p>Amounts are exactly those of the bill ({@link org.hausmeter.billing.BillDraft} for an invoice; the
 * same negated for a cancellation, see {@link #cancelledBy}). The constructor checks that they add up
 * (net = Σ line nets = Σ per-rate nets, VAT = Σ per-rate VAT, gross = net + VAT, one currency), so a
 * bill that would show a wrong total (§ 14c UStG) cannot be rendered.
 *
 * <p>Energy values are kWh as {@link BigDecimal}, at most 3 decimals (whole Wh), normalised to scale 3,
 * never negative. Dates are local dates of the building; the billing period is inclusive:
 * {@code periodFirst} 00:00 to the end of {@code periodLast}. Nullable components say so; lists are
 * copied and never null.
 *
 * @param kind               an invoice or a cancellation ("Stornorechnung"; never "Gutschrift")
 * @param number             the bill's own number from the gap-free sequence, e.g. {@code "2026-0007"}
 * @param issueDate          the date of issue; also the PDF's creation date (00:00 UTC)
 * @param dueDate            when the amount is due (invoice) or refunded at the latest (credit,
 *                           cancellation); not before {@code issueDate}
 * @param language           {@code "de"} or {@code "en"}: texts, number and date formats
 * @param issuer             the co-op (supplier), § 14 UStG and § 40 Abs. 2 Nr. 1 EnWG
 * @param recipient          the tenant (recipient), § 14 UStG
 * @param apartmentCode      the apartment's short code, e.g. {@code "A-3.2"}: the supplied consumption
 *                           point (§ 40 Abs. 2 Nr. 2 EnWG)
 * @param apartmentName      the apartment's name, e.g. {@code "3rd floor left"}
 * @param periodFirst        first day of the billing period, included
 * @param periodLast         last day of the billing period, included, not before {@code periodFirst}
 * @param contract           contract, prices, termination, metering (§ 40 Abs. 2 Nr. 2 to 5 EnWG)
 * @param meters             the apartment's meters with start and end readings (§ 40 Abs. 2 Nr. 6 EnWG);
 *                           at least one
 * @param currency           the currency of every amount
 * @param lines              the bill lines in bill order, at least one
 * @param vatTotals          one total per VAT rate, ascending by rate
 * @param net                Σ line nets
 * @param vat                Σ per-rate VAT
 * @param gross              net + VAT: the amount due (negative: in the recipient's favour)
 * @param estimatedIntervals quarter hours of the period whose apartment values are estimated
 * @param totalIntervals     quarter hours of the period, at least {@code estimatedIntervals}
 * @param history            the apartment's consumption of up to 12 months, ascending, no month twice;
 *                           may be empty (new tenancy)
 * @param comparison         consumption compared with last year and the building (§ 40 Abs. 2 Nr. 7, 8)
 * @param cancels            the cancelled bill; non-null exactly when {@code kind} is CANCELLATION
 * @param notes              free notes printed at the end, in the bill's language
 * @param energy             the period's energy and how it was determined (readings, imported quarter-hour
 *                           values), printed below the meter table; null: not printed (bills made before it)
 */
public record BillDocument(
        Kind kind,
        String number,
        LocalDate issueDate,
        LocalDate dueDate,
        String language,
        Issuer issuer,
        Recipient recipient,
        String apartmentCode,
        String apartmentName,
        LocalDate periodFirst,
        LocalDate periodLast,
        Contract contract,
        List<MeterReading> meters,
        Currency currency,
        List<BillLine> lines,
        List<VatTotal> vatTotals,
        Money net,
        Money vat,
        Money gross,
        int estimatedIntervals,
        int totalIntervals,
        List<MonthlyConsumption> history,
        Comparison comparison,
        CancelledBill cancels,
        List<String> notes,
        Energy energy) {

    /** The languages a bill can be rendered in. */
    public static final Set<String> LANGUAGES = Set.of("de", "en");

    /** Energy scale: kWh with 3 decimals, whole Wh. */
    public static final int KWH_SCALE = 3;

    public BillDocument {
        Objects.requireNonNull(kind, "kind");
        requireText("number", number);
        Objects.requireNonNull(issueDate, "issueDate");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(recipient, "recipient");
        requireText("apartmentCode", apartmentCode);
        requireText("apartmentName", apartmentName);
        Objects.requireNonNull(periodFirst, "periodFirst");
        Objects.requireNonNull(periodLast, "periodLast");
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(vat, "vat");
        Objects.requireNonNull(gross, "gross");
        Objects.requireNonNull(comparison, "comparison");
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException(
                    "Bill [" + number + "] language [" + language + "] is not one of " + LANGUAGES);
        }
        if (dueDate.isBefore(issueDate)) {
            throw new IllegalArgumentException(
                    "Bill [" + number + "] is due [" + dueDate + "] before its issue date [" + issueDate + "]");
        }
        if (periodLast.isBefore(periodFirst)) {
            throw new IllegalArgumentException(
                    "Bill [" + number + "] period [" + periodFirst + ", " + periodLast + "] ends before it starts");
        }
        if ((kind == Kind.CANCELLATION) != (cancels != null)) {
            throw new IllegalArgumentException("Bill [" + number + "] of kind [" + kind + "] "
                    + (cancels == null ? "names no cancelled bill" : "must not name a cancelled bill"));
        }
        meters = List.copyOf(meters);
        if (energy != null && energy.valueIntervals() > totalIntervals) {
            throw new IllegalArgumentException("Bill [" + number + "] has values for [" + energy.valueIntervals()
                    + "] of [" + totalIntervals + "] quarter hours");
        }
        if (meters.isEmpty()) {
            throw new IllegalArgumentException("Bill [" + number + "] has no meter readings");
        }
        lines = List.copyOf(lines);
        vatTotals = List.copyOf(vatTotals);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("Bill [" + number + "] has no lines");
        }
        checkAmounts(number, currency, lines, vatTotals, net, vat, gross);
        if (estimatedIntervals < 0 || estimatedIntervals > totalIntervals) {
            throw new IllegalArgumentException("Bill [" + number + "] has [" + estimatedIntervals + "] estimated of ["
                    + totalIntervals + "] quarter hours");
        }
        history = List.copyOf(history);
        if (history.size() > 12) {
            throw new IllegalArgumentException(
                    "Bill [" + number + "] history has [" + history.size() + "] months, at most 12");
        }
        for (int i = 1; i < history.size(); i++) {
            if (!history.get(i).month().isAfter(history.get(i - 1).month())) {
                throw new IllegalArgumentException(
                        "Bill [" + number + "] history month [" + history.get(i).month() + "] does not follow ["
                                + history.get(i - 1).month() + "]");
            }
        }
        notes = List.copyOf(notes);
    }

    private static void checkAmounts(
            String number,
            Currency currency,
            List<BillLine> lines,
            List<VatTotal> vatTotals,
            Money net,
            Money vat,
            Money gross) {
        Money lineSum = Money.zero(currency);
        for (BillLine l : lines) {
            lineSum = lineSum.plus(l.net());
        }
        Money rateNet = Money.zero(currency);
        Money rateVat = Money.zero(currency);
        VatRate previous = null;
        for (VatTotal t : vatTotals) {
            if (previous != null && t.rate().compareTo(previous) <= 0) {
                throw new IllegalArgumentException(
                        "Bill [" + number + "] VAT totals are not ascending by rate at [" + t.rate() + "]");
            }
            previous = t.rate();
            if (!t.net().plus(t.vat()).equals(t.gross())) {
                throw new IllegalArgumentException("Bill [" + number + "] VAT total [" + t.rate() + "]: net [" + t.net()
                        + "] + VAT [" + t.vat() + "] is not gross [" + t.gross() + "]");
            }
            rateNet = rateNet.plus(t.net());
            rateVat = rateVat.plus(t.vat());
        }
        if (!lineSum.equals(net) || !rateNet.equals(net)) {
            throw new IllegalArgumentException("Bill [" + number + "] net [" + net + "] differs from the lines' sum ["
                    + lineSum + "] or the VAT totals' net [" + rateNet + "]");
        }
        if (!rateVat.equals(vat)) {
            throw new IllegalArgumentException(
                    "Bill [" + number + "] VAT [" + vat + "] differs from the per-rate VAT [" + rateVat + "]");
        }
        if (!net.plus(vat).equals(gross)) {
            throw new IllegalArgumentException(
                    "Bill [" + number + "] gross [" + gross + "] is not net [" + net + "] + VAT [" + vat + "]");
        }
    }

    /**
     * The cancellation ("Stornorechnung") of this invoice: the same bill with every quantity and amount
     * negated (unit prices and rates unchanged), referring to this bill's number and issue date. Notes are
     * not carried over.
     *
     * @param cancellationNumber the cancellation's own number from the same sequence, not blank
     * @param cancellationDate   its issue date, not before this bill's issue date
     * @param refundDate         when a paid amount is refunded at the latest, not before {@code cancellationDate}
     * @param reason             why the bill is cancelled, printed, not blank
     * @return the cancellation document
     * @throws IllegalStateException when this document is itself a cancellation
     */
    public BillDocument cancelledBy(
            String cancellationNumber, LocalDate cancellationDate, LocalDate refundDate, String reason) {
        if (kind != Kind.INVOICE) {
            throw new IllegalStateException("Bill [" + number + "] is a cancellation and cannot be cancelled itself");
        }
        Objects.requireNonNull(cancellationDate, "cancellationDate");
        if (cancellationDate.isBefore(issueDate)) {
            throw new IllegalArgumentException("Cancellation [" + cancellationNumber + "] dated [" + cancellationDate
                    + "] before the cancelled bill [" + number + "] of [" + issueDate + "]");
        }
        List<BillLine> negatedLines = new ArrayList<>();
        for (BillLine l : lines) {
            negatedLines.add(new BillLine(
                    l.key(),
                    l.quantity().negate(),
                    l.unit(),
                    l.unitPrice(),
                    l.net().negated(),
                    l.vatRate(),
                    l.details()));
        }
        List<VatTotal> negatedTotals = new ArrayList<>();
        for (VatTotal t : vatTotals) {
            negatedTotals.add(new VatTotal(
                    t.rate(), t.net().negated(), t.vat().negated(), t.gross().negated()));
        }
        return new BillDocument(
                Kind.CANCELLATION,
                cancellationNumber,
                cancellationDate,
                refundDate,
                language,
                issuer,
                recipient,
                apartmentCode,
                apartmentName,
                periodFirst,
                periodLast,
                contract,
                meters,
                currency,
                negatedLines,
                negatedTotals,
                net.negated(),
                vat.negated(),
                gross.negated(),
                estimatedIntervals,
                totalIntervals,
                history,
                comparison,
                new CancelledBill(number, issueDate, reason),
                List.of(),
                energy);
    }

    /** A document without the energy paragraph (as bills made before it). */
    public BillDocument(
            Kind kind,
            String number,
            LocalDate issueDate,
            LocalDate dueDate,
            String language,
            Issuer issuer,
            Recipient recipient,
            String apartmentCode,
            String apartmentName,
            LocalDate periodFirst,
            LocalDate periodLast,
            Contract contract,
            List<MeterReading> meters,
            Currency currency,
            List<BillLine> lines,
            List<VatTotal> vatTotals,
            Money net,
            Money vat,
            Money gross,
            int estimatedIntervals,
            int totalIntervals,
            List<MonthlyConsumption> history,
            Comparison comparison,
            CancelledBill cancels,
            List<String> notes) {
        this(
                kind,
                number,
                issueDate,
                dueDate,
                language,
                issuer,
                recipient,
                apartmentCode,
                apartmentName,
                periodFirst,
                periodLast,
                contract,
                meters,
                currency,
                lines,
                vatTotals,
                net,
                vat,
                gross,
                estimatedIntervals,
                totalIntervals,
                history,
                comparison,
                cancels,
                notes,
                null);
    }

    /** Where the period's energy comes from (§ 40 Abs. 2 Nr. 6 EnWG: how the consumption was determined). */
    public enum EnergySource {
        /** Quarter hours derived from counter readings (read remotely, by hand or imported as counters). */
        READINGS,
        /** Every value an imported quarter-hour value (a load profile from a file), no counter readings needed. */
        IMPORTED,
        /** Both. */
        MIXED,
        /** No value at all in the period (issued only on the caretaker's decision). */
        NONE
    }

    /**
     * The period's energy and how it was determined.
     *
     * @param kwh               the apartment's consumption in the period, kWh, 3 decimals
     * @param source            where it comes from
     * @param valueIntervals    quarter hours of the period with a value, at most {@code totalIntervals}
     * @param importedIntervals of which imported quarter-hour values
     */
    public record Energy(BigDecimal kwh, EnergySource source, int valueIntervals, int importedIntervals) {
        public Energy {
            Objects.requireNonNull(source, "source");
            kwh = BillDocument.kwh("period energy", kwh);
            if (importedIntervals < 0 || valueIntervals < 0) {
                throw new IllegalArgumentException("Quarter hour counts are negative");
            }
        }
    }

    /** What the document is. */
    public enum Kind {
        /** A bill ("Rechnung"). */
        INVOICE,
        /** The cancellation of an issued bill ("Stornorechnung"), with the bill's amounts negated. */
        CANCELLATION
    }

    /** How a meter reading was obtained (§ 40 Abs. 2 Nr. 6, § 40a EnWG). */
    public enum ReadingSource {
        /** Read over the Modbus meter bus by the co-op's own metering system. */
        REMOTE,
        /** Estimated, because no reading was available at that instant. */
        ESTIMATED,
        /** Read on site by the caretaker and entered by hand. */
        MANUAL,
        /** Taken over from an imported file (e.g. readings of a metering operator). */
        IMPORTED
    }

    /**
     * The supplier: the co-op.
     *
     * @param name           full legal name, e.g. {@code "Wohnungsgenossenschaft Lindenhof eG"}
     * @param addressLines   address for service, at least one line
     * @param taxNumber      the tax number (Steuernummer), null when {@code vatId} is given
     * @param vatId          the VAT identification number, null when {@code taxNumber} is given
     * @param registerCourt  the register court, e.g. {@code "Amtsgericht Leipzig"}
     * @param registerNumber the register number, e.g. {@code "GnR 123"}
     * @param board          members of the management board (Vorstand), printed in the footer; may be empty
     * @param phone          the customer phone number (hotline)
     * @param email          the customer e-mail address
     * @param iban           the account for payments
     * @param bankName       the bank's name, null to leave out
     */
    public record Issuer(
            String name,
            List<String> addressLines,
            String taxNumber,
            String vatId,
            String registerCourt,
            String registerNumber,
            List<String> board,
            String phone,
            String email,
            String iban,
            String bankName) {

        public Issuer {
            requireText("issuer name", name);
            addressLines = requireLines("issuer address", addressLines);
            if (blank(taxNumber) && blank(vatId)) {
                throw new IllegalArgumentException("Issuer [" + name + "] has neither a tax number nor a VAT ID");
            }
            requireText("registerCourt", registerCourt);
            requireText("registerNumber", registerNumber);
            board = List.copyOf(board);
            requireText("phone", phone);
            requireText("email", email);
            requireText("iban", iban);
        }
    }

    /**
     * The recipient: the tenant.
     *
     * @param name           full name
     * @param addressLines   postal address, at least one line
     * @param customerNumber the tenant's customer or member number, null to leave out
     */
    public record Recipient(String name, List<String> addressLines, String customerNumber) {

        public Recipient {
            requireText("recipient name", name);
            addressLines = requireLines("recipient address", addressLines);
        }
    }

    /**
     * The supply contract and the applicable prices.
     *
     * @param name                the contract's name, e.g. {@code "Stromliefervertrag Gebäudestrom"}
     * @param since               contract start
     * @param term                the contract term as agreed, in the bill's language, e.g. {@code "unbefristet"}
     * @param noticePeriod        the notice period as agreed, in the bill's language, e.g. {@code "1 Monat zum Monatsende"}
     * @param nextTerminationDate the next possible termination date, null when the contract ends anyway
     *                            (e.g. with the tenancy)
     * @param meteringOperator    who operates the meters (§ 40 Abs. 2 Nr. 5 EnWG)
     * @param marketLocationId    the market location ID (MaLo-ID) of the supply, null when the apartment has
     *                            none (sub-meter behind the building's connection)
     * @param gridOperator        the grid operator and its code number of the building's connection, null
     *                            to leave out
     * @param prices              the applicable prices, at least one
     */
    public record Contract(
            String name,
            LocalDate since,
            String term,
            String noticePeriod,
            LocalDate nextTerminationDate,
            String meteringOperator,
            String marketLocationId,
            String gridOperator,
            List<Price> prices) {

        public Contract {
            requireText("contract name", name);
            Objects.requireNonNull(since, "since");
            requireText("term", term);
            requireText("noticePeriod", noticePeriod);
            requireText("meteringOperator", meteringOperator);
            prices = List.copyOf(prices);
            if (prices.isEmpty()) {
                throw new IllegalArgumentException("Contract [" + name + "] lists no prices");
            }
        }
    }

    /**
     * One applicable price, net; the renderer shows it gross as well.
     *
     * @param label   what the price is for, in the bill's language, e.g. {@code "Netzstrom HT (Mo–Fr 6–22 Uhr)"}
     * @param unit    per what: KWH for energy, MONTH for a base fee
     * @param net     the net price per unit, not negative
     * @param vatRate the VAT rate that applies
     */
    public record Price(String label, QuantityUnit unit, BigDecimal net, VatRate vatRate) {

        public Price {
            requireText("price label", label);
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(net, "net");
            Objects.requireNonNull(vatRate, "vatRate");
            if (net.signum() < 0) {
                throw new IllegalArgumentException("Price [" + label + "] is negative [" + net.toPlainString() + "]");
            }
        }
    }

    /**
     * A meter of the apartment with its readings at the start and the end of the period. A meter exchanged
     * during the period is two readings: the old meter up to its final reading, the new one from its first.
     *
     * @param meterNumber the meter's number (serial), e.g. {@code "1ESY1161234567"}
     * @param name        what it measures, e.g. {@code "Wohnung A-3.2"}
     * @param startKwh    reading at the start, kWh, not negative, at most 3 decimals
     * @param startSource how the start reading was obtained
     * @param endKwh      reading at the end, kWh, not below {@code startKwh}
     * @param endSource   how the end reading was obtained
     *                    (all four null: a meter without counter readings, see {@link #withoutReadings})
     */
    public record MeterReading(
            String meterNumber,
            String name,
            BigDecimal startKwh,
            ReadingSource startSource,
            BigDecimal endKwh,
            ReadingSource endSource) {

        public MeterReading {
            requireText("meterNumber", meterNumber);
            requireText("meter name", name);
            // Nothing at all: a meter whose values in the period are imported quarter-hour values only.
            if (startKwh != null || endKwh != null || startSource != null || endSource != null) {
                Objects.requireNonNull(startSource, "startSource");
                Objects.requireNonNull(endSource, "endSource");
                startKwh = kwh("meter [" + meterNumber + "] start", startKwh);
                endKwh = kwh("meter [" + meterNumber + "] end", endKwh);
                if (endKwh.compareTo(startKwh) < 0) {
                    throw new IllegalArgumentException("Meter [" + meterNumber + "] end reading ["
                            + endKwh.toPlainString() + "] is below its start reading [" + startKwh.toPlainString()
                            + "]");
                }
            }
        }

        /** @return end − start, kWh, scale 3; null for a meter without counter readings */
        public BigDecimal consumptionKwh() {
            return hasReadings() ? endKwh.subtract(startKwh) : null;
        }

        /** @return false for a meter whose period has imported quarter-hour values only, no counter readings */
        public boolean hasReadings() {
            return startKwh != null;
        }

        /** A meter without counter readings in the period (its energy is imported quarter-hour values). */
        public static MeterReading withoutReadings(String meterNumber, String name) {
            return new MeterReading(meterNumber, name, null, null, null, null);
        }
    }

    /**
     * The apartment's consumption in one calendar month, for the 12-month chart.
     *
     * @param month   the month
     * @param gridKwh energy from the grid, kWh, not negative
     * @param pvKwh   energy from the building's PV, kWh, not negative
     */
    public record MonthlyConsumption(YearMonth month, BigDecimal gridKwh, BigDecimal pvKwh) {

        public MonthlyConsumption {
            Objects.requireNonNull(month, "month");
            gridKwh = kwh("history " + month + " grid", gridKwh);
            pvKwh = kwh("history " + month + " PV", pvKwh);
        }

        /** @return grid + PV, kWh */
        public BigDecimal totalKwh() {
            return gridKwh.add(pvKwh);
        }
    }

    /**
     * Consumption comparisons (§ 40 Abs. 2 Nr. 7 and 8 EnWG), each shown as text and as a bar.
     *
     * @param periodKwh          the apartment's consumption (grid + PV) in this period, kWh
     * @param previousYearKwh    the apartment's consumption in the same period one year earlier, kWh; null
     *                           when unknown (no data, other tenant)
     * @param buildingMedianKwh  the median consumption of the building's apartments in this period, kWh
     *                           (anonymous customer group); null when not shown (too few apartments)
     */
    public record Comparison(BigDecimal periodKwh, BigDecimal previousYearKwh, BigDecimal buildingMedianKwh) {

        public Comparison {
            periodKwh = kwh("period consumption", periodKwh);
            previousYearKwh = previousYearKwh == null ? null : kwh("previous year consumption", previousYearKwh);
            buildingMedianKwh =
                    buildingMedianKwh == null ? null : kwh("building median consumption", buildingMedianKwh);
        }
    }

    /**
     * The bill a cancellation cancels (§ 31 Abs. 5 UStDV: specific and unambiguous reference).
     *
     * @param number    the cancelled bill's number
     * @param issueDate the cancelled bill's issue date
     * @param reason    why it is cancelled, printed
     */
    public record CancelledBill(String number, LocalDate issueDate, String reason) {

        public CancelledBill {
            requireText("cancelled bill number", number);
            Objects.requireNonNull(issueDate, "cancelled bill issueDate");
            requireText("cancellation reason", reason);
        }
    }

    private static BigDecimal kwh(String what, BigDecimal value) {
        Objects.requireNonNull(value, what);
        if (value.signum() < 0) {
            throw new IllegalArgumentException("Energy [" + what + "] is negative [" + value.toPlainString() + "] kWh");
        }
        try {
            return value.setScale(KWH_SCALE, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "Energy [" + what + "] [" + value.toPlainString()
                            + "] kWh has more than 3 decimals (finer than a Wh)",
                    e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void requireText(String what, String value) {
        if (blank(value)) {
            throw new IllegalArgumentException("[" + what + "] is missing or blank");
        }
    }

    private static List<String> requireLines(String what, List<String> lines) {
        List<String> copy = List.copyOf(lines);
        if (copy.isEmpty() || copy.stream().anyMatch(BillDocument::blank)) {
            throw new IllegalArgumentException("[" + what + "] needs at least one line and no blank line: " + copy);
        }
        return copy;
    }
}
