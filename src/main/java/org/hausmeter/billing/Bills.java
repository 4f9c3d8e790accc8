package org.hausmeter.billing;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.billing.persistence.BillFlags;
import org.hausmeter.billing.persistence.BillRepository;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.VatRate;

/**
 * Stored bills: listing, adjustments, issuing (gap-free yearly number, frozen PDF and its SHA-256),
 * cancellation (Stornorechnung, own number, referencing the cancelled bill) and PDFs. The rules of the
 * workflow are {@link BillWorkflow}'s, the SQL {@link BillRepository}'s. See docs/billing.md.
 */
@ApplicationScoped
public class Bills {

    /**
     * What "issue all" of a month did.
     *
     * @param issued    the bills issued, in apartment order
     * @param notIssued the drafts that could not be issued, each with why
     */
    public record MonthIssue(List<StoredBill> issued, List<NotIssued> notIssued) {}

    /**
     * A draft "issue all" left as a draft.
     *
     * @param bill   the draft
     * @param reason why it could not be issued (what to fix)
     */
    public record NotIssued(StoredBill bill, String reason) {}

    private final BuildingSettings settings;
    private final AuditLog audit;
    private final Clock clock;
    private final BillRuns runs;
    private final BillDocuments documents;
    private final BillRepository repository;
    private final AgroalDataSource dataSource;
    private final TariffStore tariffs;
    private final BillFlags flags;

    Bills(
            AgroalDataSource dataSource,
            BuildingSettings settings,
            AuditLog audit,
            Clock clock,
            BillRuns runs,
            BillDocuments documents,
            BillRepository repository,
            TariffStore tariffs,
            BillFlags flags) {
        this.flags = flags;
        this.dataSource = dataSource;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.runs = runs;
        this.documents = documents;
        this.repository = repository;
        this.tariffs = tariffs;
    }

    /** @return every bill of a month: drafts, issued, cancelled and cancellations, by apartment */
    public List<StoredBill> month(YearMonth month) {
        return repository.month(month);
    }

    /** @return the number of drafts waiting to be issued, per month, oldest month first */
    public SortedMap<YearMonth, Integer> draftCounts() {
        return repository.draftCounts();
    }

    /** @return a resident's issued bills and cancellations, newest first (drafts are not shown to residents) */
    public List<StoredBill> ofResident(long residentId) {
        return repository.ofResident(residentId);
    }

    /** @return the blocking flags of a month (open and resolved), by tenancy */
    public Map<Long, List<BillFlags.Flag>> flags(YearMonth month) {
        return flags.month(month);
    }

    /** @return the caretaker's decisions taken when the bill was issued despite blocking flags */
    public List<BillFlags.Decision> decisions(long billId) {
        return flags.decisions(billId);
    }

    /** @return the bill */
    public StoredBill get(long id) {
        return repository.get(id);
    }

    /** @return the stored PDF of an issued bill, or a preview of a draft */
    public byte[] pdf(long id) {
        StoredBill b = get(id);
        if (b.isDraft()) {
            return documents.pdf(b, settings.issuer(), settings.current());
        }
        return repository.pdf(id);
    }

    /** @return the issued bills and cancellations of a month as one ZIP */
    public byte[] zip(YearMonth month) {
        List<BillDocuments.NamedPdf> files = new ArrayList<>();
        for (StoredBill b : month(month)) {
            if (!b.isDraft()) {
                files.add(new BillDocuments.NamedPdf(b.fileName(), pdf(b.id())));
            }
        }
        if (files.isEmpty()) {
            throw new BillingException(BillingException.Kind.NOT_FOUND, "No issued bills in " + month);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            documents.zip(files, month.plusMonths(1).atDay(1).atStartOfDay(), out);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write ZIP: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** @return the adjustments entered for a month */
    public List<StoredAdjustment> adjustments(YearMonth month) {
        return repository.adjustments(month);
    }

    /**
     * Adds a one-time charge (positive) or credit (negative) to a tenancy's month and recalculates the month.
     *
     * @param vatPercent the rate, or null for the bill's (else the tariff's) rate
     * @return the stored adjustment
     */
    @Transactional
    public StoredAdjustment addAdjustment(
            long billId, String reason, BigDecimal net, BigDecimal vatPercent, String actor) {
        StoredBill b = get(billId);
        BillWorkflow.adjust(BillWorkflow.State.of(b));
        if (reason == null || reason.isBlank()) {
            throw new BillingException(BillingException.Kind.INVALID, "An adjustment needs a reason")
                    .coded("adjustment_reason");
        }
        if (net == null || net.signum() == 0 || net.scale() > 2) {
            throw new BillingException(
                    BillingException.Kind.INVALID,
                    "An adjustment needs a non-zero amount with at most 2 decimals, got [" + net + "]");
        }
        VatRate rate = new VatRate(vatPercent == null ? defaultVatPercent(b) : vatPercent);
        Money.of(java.util.Currency.getInstance(b.currency()), net);
        long id = repository.insertAdjustment(
                b.tenancyId(), b.month(), reason.strip(), net, rate.percent(), actor, clock.instant());
        StoredAdjustment a = new StoredAdjustment(
                id, b.tenancyId(), b.month(), reason.strip(), net, rate.percent(), actor, clock.instant());
        audit.record(actor, "billing.adjustment.add", "tenancy:" + b.tenancyId() + ":" + b.month(), null, a, reason);
        runs.run(b.month(), actor);
        return a;
    }

    /** Removes an adjustment while the month's invoice of its tenancy is not issued, and recalculates. */
    @Transactional
    public void removeAdjustment(long adjustmentId, String actor, String reason) {
        StoredAdjustment found;
        try (Connection c = dataSource.getConnection()) {
            found = repository.adjustment(c, adjustmentId);
            if (found == null) {
                throw new BillingException(
                        BillingException.Kind.NOT_FOUND, "Adjustment [" + adjustmentId + "] does not exist");
            }
            BillWorkflow.removeAdjustment(repository.issuedInvoiceNumber(c, found.tenancyId(), found.month()));
            repository.deleteAdjustment(c, adjustmentId);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        audit.record(
                actor,
                "billing.adjustment.remove",
                "tenancy:" + found.tenancyId() + ":" + found.month(),
                found,
                null,
                reason);
        runs.run(found.month(), actor);
    }

    /**
     * The VAT rate an adjustment gets unless told otherwise: the bill's first rate, or the rate of the tariff in
     * force on the bill's first day.
     *
     * @return the rate in percent, as entered (e.g. 19 or 19.00)
     */
    public BigDecimal defaultVatPercent(StoredBill b) {
        BigDecimal onBill = b.content().firstVatPercent();
        if (onBill != null) {
            return onBill;
        }
        TariffStore.StoredTariff t = tariffs.at(
                b.content().firstDay() != null
                        ? b.content().firstDay()
                        : b.month().atDay(1));
        if (t == null) {
            throw new BillingException(
                    BillingException.Kind.CONFLICT,
                    "No tariff is valid in " + b.month() + ": give the adjustment's VAT rate");
        }
        return t.version().vatRate().percent();
    }

    /**
     * Issues a draft: assigns the next number of the issue year's gap-free sequence, renders and stores the
     * PDF with its SHA-256, and freezes the bill.
     *
     * @return the issued bill
     */
    @Transactional
    public StoredBill issue(long id, String actor) {
        return issue(id, actor, null);
    }

    /**
     * Issues a draft as {@link #issue(long, String)}; a draft with an open blocking flag (its period lacks energy
     * data) is issued only with the caretaker's reason, which is stored with the flag's text, who and when
     * ({@code bill_flag_decision}) and audited.
     *
     * @param overrideReason why the caretaker issues it despite its blocking flags, or null
     * @return the issued bill
     */
    @Transactional
    public StoredBill issue(long id, String actor, String overrideReason) {
        BuildingSettings.Issuer issuer = settings.issuer();
        BuildingSettings.Settings s = settings.current();
        requireIssuer(issuer);
        try (Connection c = dataSource.getConnection()) {
            return issueLocked(c, id, actor, issuer, s, overrideReason);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot issue bill [" + id + "]: " + e.getMessage(), e);
        }
    }

    private StoredBill issueLocked(
            Connection c,
            long id,
            String actor,
            BuildingSettings.Issuer issuer,
            BuildingSettings.Settings s,
            String overrideReason)
            throws SQLException {
        BillStatus status = repository.lock(c, id);
        StoredBill b = get(id);
        BillWorkflow.State state = new BillWorkflow.State(id, b.kind(), status, b.number(), b.cancelledBy());
        BillStatus next = BillWorkflow.issue(state);
        List<BillFlags.Flag> blocking = flags.open(c, b.tenancyId(), b.month());
        boolean despite = BillWorkflow.issueDespite(
                state, blocking.stream().map(BillFlags.Flag::detail).toList(), overrideReason);
        // What the PDF needs (e.g. meter counters) is checked before a number is taken: a refusal leaves no gap.
        documents.document(b, issuer, s);
        LocalDate today = LocalDate.now(clock.withZone(s.zone()));
        String number = repository.nextNumber(c, today.getYear());
        StoredBill numbered = withIssue(b, next, number, today, today.plusDays(issuer.paymentDays()), actor);
        byte[] pdf = documents.pdf(numbered, issuer, s);
        String sha = BillRuns.sha256(pdf);
        repository.markIssued(
                c,
                id,
                new BillRepository.Issue(number, today, numbered.dueDate(), numbered.issuedAt(), actor, pdf, sha));
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("number", number);
        after.put("gross", b.gross().toPlainString());
        after.put("pdfSha256", sha);
        if (despite) {
            String why = overrideReason.strip();
            for (BillFlags.Flag f : blocking) {
                flags.decide(c, id, f, why, actor, clock.instant());
            }
            after.put(
                    "issuedDespite",
                    blocking.stream().map(BillFlags.Flag::detail).toList());
        }
        audit.record(
                actor,
                despite ? "billing.issue.despite" : "billing.issue",
                "bill:" + id,
                Map.of("status", BillStatus.DRAFT.name()),
                after,
                despite ? overrideReason.strip() : null);
        return get(id);
    }

    /**
     * Re-runs the month (so drafts are current) and issues every draft of it that can be issued, in apartment
     * order; a draft that cannot (e.g. no meter reading near its period's ends) stays a draft and is listed with
     * the reason. Without the co-op's issuer details nothing is issued (refused as for one bill).
     *
     * @return the issued bills and the drafts left, with why
     */
    @Transactional
    public MonthIssue issueMonth(YearMonth month, String actor) {
        BuildingSettings.Issuer issuer = settings.issuer();
        BuildingSettings.Settings s = settings.current();
        requireIssuer(issuer);
        runs.run(month, actor);
        List<StoredBill> issued = new ArrayList<>();
        List<NotIssued> notIssued = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (StoredBill b : month(month)) {
                if (!BillWorkflow.issuedByIssueAll(BillWorkflow.State.of(b))) {
                    continue;
                }
                try {
                    issued.add(issueLocked(c, b.id(), actor, issuer, s, null));
                } catch (BillingException e) {
                    notIssued.add(new NotIssued(b, e.getMessage()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot issue the bills of " + month + ": " + e.getMessage(), e);
        }
        if (!notIssued.isEmpty()) {
            audit.record(
                    actor,
                    "billing.issue.month",
                    "month:" + month,
                    null,
                    Map.of(
                            "issued",
                            issued.size(),
                            "notIssued",
                            notIssued.stream()
                                    .map(n -> n.bill().apartmentCode() + ": " + n.reason())
                                    .toList()),
                    null);
        }
        return new MonthIssue(issued, notIssued);
    }

    /**
     * Cancels an issued invoice: a cancellation (Stornorechnung) with its own number, the negated lines and a
     * reference to the cancelled bill's number and date; the invoice becomes CANCELLED, and the month is run
     * again so the same period gets a new draft. A bill is cancelled at most once.
     *
     * @return the cancellation
     */
    @Transactional
    public StoredBill cancel(long id, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw new BillingException(BillingException.Kind.INVALID, "A cancellation needs a reason")
                    .coded("cancel_reason");
        }
        BuildingSettings.Issuer issuer = settings.issuer();
        BuildingSettings.Settings s = settings.current();
        requireIssuer(issuer);
        try (Connection c = dataSource.getConnection()) {
            BillStatus status = repository.lock(c, id);
            StoredBill b = get(id);
            BillStatus after =
                    BillWorkflow.cancel(new BillWorkflow.State(id, b.kind(), status, b.number(), b.cancelledBy()));
            LocalDate today = LocalDate.now(clock.withZone(s.zone()));
            String number = repository.nextNumber(c, today.getYear());
            String why = reason.strip();
            // The lines and totals are negated here, once; the repository stores them as given.
            StoredBill cancellation = new StoredBill(
                    0,
                    BillKind.CANCELLATION,
                    BillWorkflow.cancellationStatus(),
                    b.month(),
                    b.tenancyId(),
                    b.apartmentCode(),
                    b.residentId(),
                    b.residentName(),
                    b.language(),
                    b.periodFrom(),
                    b.periodTo(),
                    b.currency(),
                    b.net().negate(),
                    b.vat().negate(),
                    b.gross().negate(),
                    b.content().cancellation(b.number(), b.issueDate(), why),
                    b.lines().stream().map(StoredLine::negated).toList(),
                    number,
                    today,
                    today.plusDays(issuer.paymentDays()),
                    clock.instant(),
                    actor,
                    null,
                    b.number(),
                    b.issueDate(),
                    null,
                    null,
                    why);
            byte[] pdf = documents.pdf(cancellation, issuer, s);
            String sha = BillRuns.sha256(pdf);
            String hash = BillRuns.sha256(repository.canonicalJson(cancellation.content(), cancellation.lines()));
            long newId = repository.insertCancellation(
                    c,
                    id,
                    cancellation,
                    hash,
                    new BillRepository.Issue(
                            number, today, cancellation.dueDate(), cancellation.issuedAt(), actor, pdf, sha),
                    clock.instant());
            audit.record(
                    actor,
                    "billing.cancel",
                    "bill:" + id,
                    Map.of("number", b.number(), "status", status.name()),
                    Map.of("status", after.name(), "cancellation", number, "pdfSha256", sha),
                    why);
            runs.run(b.month(), actor);
            return get(newId);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot cancel bill [" + id + "]: " + e.getMessage(), e);
        }
    }

    private static void requireIssuer(BuildingSettings.Issuer issuer) {
        if (!issuer.missing().isEmpty()) {
            throw new BillingException(
                    BillingException.Kind.CONFLICT,
                    "Enter the co-op's " + issuer.missing()
                            + " under Settings before issuing bills (§ 14 UStG, § 40 EnWG)");
        }
    }

    private StoredBill withIssue(
            StoredBill b, BillStatus status, String number, LocalDate issueDate, LocalDate dueDate, String actor) {
        return new StoredBill(
                b.id(),
                b.kind(),
                status,
                b.month(),
                b.tenancyId(),
                b.apartmentCode(),
                b.residentId(),
                b.residentName(),
                b.language(),
                b.periodFrom(),
                b.periodTo(),
                b.currency(),
                b.net(),
                b.vat(),
                b.gross(),
                b.content(),
                b.lines(),
                number,
                issueDate,
                dueDate,
                clock.instant(),
                actor,
                null,
                b.cancels(),
                b.cancelsIssueDate(),
                b.cancelledBy(),
                b.replaces(),
                b.reason());
    }

    /** @return the building's zone, for callers formatting periods */
    public ZoneId zone() {
        return settings.current().zone();
    }
}
