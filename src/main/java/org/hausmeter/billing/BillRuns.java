package org.hausmeter.billing;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hausmeter.allocation.KeyComparison;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.billing.TariffStore.StoredTariff;
import org.hausmeter.billing.persistence.BillContextQueries;
import org.hausmeter.billing.persistence.BillFlags;
import org.hausmeter.billing.persistence.BillRepository;
import org.hausmeter.billing.persistence.BillRepository.Existing;
import org.hausmeter.billing.persistence.BillRepository.NewDraft;
import org.hausmeter.billing.run.MonthBilling;
import org.hausmeter.billing.run.MonthBilling.TenancyBill;
import org.hausmeter.billing.run.MonthInput;
import org.hausmeter.billing.run.MonthLoader;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.ledger.persistence.Calibrations;
import org.hausmeter.tariff.TariffBook;
import org.jboss.logging.Logger;

/**
 * The caretaker's monthly bill run: drafts for every tenancy overlapping a month (re-runnable: equal
 * inputs keep equal drafts, issued bills are never touched), one-time adjustments, issuing with a
 * gap-free yearly number and a stored PDF with its SHA-256, and cancellation (Stornorechnung) of an
 * issued bill followed by a new draft for the same period. Every action is audited. See docs/billing.md.
 */
@ApplicationScoped
public class BillRuns {

    private static final Logger LOG = Logger.getLogger(BillRuns.class);

    /**
     * What a run did.
     *
     * @param month     the month
     * @param created   new or changed drafts
     * @param unchanged drafts left as they were (same content hash)
     * @param removed   drafts of tenancy periods that no longer exist
     * @param issued    tenancy periods skipped because their invoice is issued
     * @param issuedButChanged numbers of issued bills whose recomputation differs (cancel and re-issue to correct)
     * @param seconds   wall time of the run
     * @param blocked   drafts with a blocking flag (their period lacks energy data, docs/billing.md "Completeness")
     */
    public record RunResult(
            YearMonth month,
            int created,
            int unchanged,
            int removed,
            int issued,
            List<String> issuedButChanged,
            double seconds,
            int blocked) {}

    private final AgroalDataSource dataSource;
    private final BuildingSettings settings;
    private final AuditLog audit;
    private final Clock clock;
    private final BillRepository repository;
    private final BillFlags flags;

    BillRuns(
            AgroalDataSource dataSource,
            BuildingSettings settings,
            AuditLog audit,
            Clock clock,
            BillRepository repository,
            BillFlags flags) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.repository = repository;
        this.flags = flags;
    }

    /** @return the month's computation without storing anything (reports, key comparison, cost so far) */
    public MonthBilling.Result compute(YearMonth month) {
        BuildingSettings.Settings s = settings.current();
        try (Connection c = dataSource.getConnection()) {
            List<StoredTariff> tariffs = TariffStore.all(c, s.currency());
            return compute(c, month, s, tariffs);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read month [" + month + "]: " + e.getMessage(), e);
        }
    }

    /** @return the month's consumers under every allocation key, for the assembly */
    public KeyComparison compareKeys(YearMonth month) {
        BuildingSettings.Settings s = settings.current();
        try (Connection c = dataSource.getConnection()) {
            return MonthBilling.compareKeys(MonthLoader.load(c, month, s.zone(), s.currency()));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read month [" + month + "]: " + e.getMessage(), e);
        }
    }

    /** @return every apartment's whole-month PV share and bill under each allocation key */
    public MonthBilling.KeyBills keyBills(YearMonth month) {
        BuildingSettings.Settings s = settings.current();
        try (Connection c = dataSource.getConnection()) {
            List<StoredTariff> tariffs = TariffStore.all(c, s.currency());
            StoredTariff first = TariffStore.at(tariffs, month.atDay(1));
            if (first == null) {
                throw new BillingException(BillingException.Kind.CONFLICT, "No tariff is valid on " + month.atDay(1));
            }
            TariffBook book =
                    new TariffBook(tariffs.stream().map(StoredTariff::version).toList());
            return MonthBilling.compareKeyBills(
                    MonthLoader.load(c, month, s.zone(), s.currency()), book, first.commonKey());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read month [" + month + "]: " + e.getMessage(), e);
        }
    }

    /** @return the consumers of the month, in the order of {@link #compareKeys(YearMonth)} */
    public MonthInput input(YearMonth month) {
        BuildingSettings.Settings s = settings.current();
        try (Connection c = dataSource.getConnection()) {
            return MonthLoader.load(c, month, s.zone(), s.currency());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read month [" + month + "]: " + e.getMessage(), e);
        }
    }

    private static MonthBilling.Result compute(
            Connection c, YearMonth month, BuildingSettings.Settings s, List<StoredTariff> tariffs)
            throws SQLException {
        if (tariffs.isEmpty()) {
            throw new BillingException(
                            BillingException.Kind.CONFLICT,
                            "No tariff is stored yet: enter one under Tariffs before running bills")
                    .coded("no_tariff");
        }
        StoredTariff first = TariffStore.at(tariffs, month.atDay(1));
        if (first == null) {
            throw new BillingException(
                    BillingException.Kind.CONFLICT,
                    "No tariff is valid on " + month.atDay(1) + ": the first version starts "
                            + tariffs.get(0).version().validFrom());
        }
        TariffBook book =
                new TariffBook(tariffs.stream().map(StoredTariff::version).toList());
        MonthInput input = MonthLoader.load(c, month, s.zone(), s.currency());
        return MonthBilling.compute(input, book, first.allocationKey(), first.commonKey());
    }

    /**
     * Runs a month: computes every tenancy period's draft and stores new or changed drafts. Issued
     * invoices are not touched.
     *
     * @param month the month, not in the future
     * @param actor who
     * @return what happened
     */
    @Transactional
    public RunResult run(YearMonth month, String actor) {
        long t0 = System.nanoTime();
        BuildingSettings.Settings s = settings.current();
        YearMonth now = YearMonth.now(clock.withZone(s.zone()));
        if (month.isAfter(now)) {
            throw new BillingException(BillingException.Kind.INVALID, "Month " + month + " has not started yet")
                    .coded("month_ahead", month);
        }
        try (Connection c = dataSource.getConnection()) {
            repository.lockMonth(c, month);
            List<StoredTariff> tariffs = TariffStore.all(c, s.currency());
            long tLoad = System.nanoTime();
            MonthBilling.Result result = compute(c, month, s, tariffs);
            long tCompute = System.nanoTime();
            BillContextQueries.storeApartmentMonths(
                    c, month, KeyTotals.of(result).byApartment(), clock.instant());
            // A meter used while out of calibration gets a CALIBRATION_EXPIRED review flag (before the open flags
            // are read, so the drafts carry it).
            List<Calibrations.Expired> uncalibrated = Calibrations.flagExpired(
                    c, result.input().from(), result.input().to(), s.zone());
            Context context = new Context(
                    BillContextQueries.meterCounters(
                            c,
                            result.bills(),
                            result.input().from(),
                            result.input().to()),
                    BillContextQueries.openFlags(
                            c, result.input().from(), result.input().to()),
                    BillContextQueries.lastYear(c, month, result.bills(), s.zone()),
                    BillContextQueries.history(c, month));
            long tContext = System.nanoTime();

            Map<Long, Existing> existing = repository.existing(c, month);
            int created = 0;
            int unchanged = 0;
            int issued = 0;
            List<String> changedIssued = new ArrayList<>();
            Set<Long> live = new HashSet<>();
            List<Long> delete = new ArrayList<>();
            List<NewDraft> inserts = new ArrayList<>();
            Map<Long, Long> replaced = repository.replaced(c, month);
            List<BillFlags.Found> blocking = new ArrayList<>();
            List<BillFlags.Found> calibrationBlocking = new ArrayList<>();
            List<Long> issuedTenancies = new ArrayList<>();
            for (TenancyBill b : result.bills()) {
                long tenancy = b.period().tenancyId();
                BillContent content = content(b, result, context, s.zone());
                List<StoredLine> lines =
                        b.draft().lines().stream().map(StoredLine::of).toList();
                String hash = sha256(repository.canonicalJson(content, lines));
                Existing e = existing.get(tenancy);
                live.add(tenancy);
                if (e != null && BillWorkflow.rerun(e.status()) == BillWorkflow.Rerun.KEEP_ISSUED) {
                    issued++;
                    issuedTenancies.add(tenancy);
                    if (!e.hash().equals(hash) && !sameAsStored(e.id(), content, lines)) {
                        changedIssued.add(e.number());
                    }
                    continue;
                }
                if (content.incomplete()) {
                    blocking.add(new BillFlags.Found(
                            tenancy,
                            Completeness.MISSING_ENERGY,
                            Completeness.describe(content.gaps()),
                            content.gaps(),
                            content.intervals(),
                            content.coveredIntervals()));
                }
                uncalibrated(uncalibrated, b.period(), s.zone())
                        .ifPresent(detail -> calibrationBlocking.add(new BillFlags.Found(
                                tenancy,
                                Calibrations.FLAG_KIND,
                                detail,
                                List.of(),
                                content.intervals(),
                                content.coveredIntervals())));
                if (e != null && e.hash().equals(hash)) {
                    unchanged++;
                    continue;
                }
                if (e != null) {
                    delete.add(e.id());
                }
                BillDraft d = b.draft();
                inserts.add(new NewDraft(
                        tenancy,
                        b.period().apartmentId(),
                        b.period().residentId(),
                        b.period().from(),
                        b.period().to(),
                        d.currency().getCurrencyCode(),
                        d.net().amount(),
                        d.vat().amount(),
                        d.gross().amount(),
                        content,
                        lines,
                        hash,
                        replaced.get(tenancy)));
                created++;
            }
            int removed = 0;
            for (Existing e : existing.values()) {
                if (!live.contains(e.tenancy())
                        && BillWorkflow.rerun(e.status()) == BillWorkflow.Rerun.REPLACE_DRAFT_IF_CHANGED) {
                    delete.add(e.id());
                    removed++;
                }
            }
            repository.deleteDrafts(c, delete);
            repository.insertDrafts(c, month, inserts, clock.instant());
            flags.sync(c, month, Completeness.MISSING_ENERGY, blocking, issuedTenancies, clock.instant());
            flags.sync(c, month, Calibrations.FLAG_KIND, calibrationBlocking, issuedTenancies, clock.instant());
            double seconds = (System.nanoTime() - t0) / 1e9;
            LOG.debugf(
                    "Bill run %s stages: load+compute %.3f s, context %.3f s, drafts %.3f s",
                    month, (tCompute - tLoad) / 1e9, (tContext - tCompute) / 1e9, (System.nanoTime() - tContext) / 1e9);
            RunResult r = new RunResult(
                    month,
                    created,
                    unchanged,
                    removed,
                    issued,
                    changedIssued,
                    seconds,
                    blockedTenancies(blocking, calibrationBlocking));
            audit.record(actor, "billing.run", "month:" + month, null, r, null);
            LOG.infof(
                    "Bill run %s by %s: %d new/changed drafts, %d unchanged, %d removed, %d issued (%.2f s)",
                    month, actor, created, unchanged, removed, issued, seconds);
            return r;
        } catch (SQLException e) {
            throw new IllegalStateException("Bill run [" + month + "] failed: " + e.getMessage(), e);
        }
    }

    /**
     * Whether an issued bill whose stored hash differs still shows the same values: its hash may have been
     * written in an older JSON form (before the property order was fixed, it followed the JVM's Map.of order).
     */
    private boolean sameAsStored(long id, BillContent content, List<StoredLine> lines) {
        StoredBill stored = repository.get(id);
        // Bills issued before completeness was recorded lack its figures; the rest must be equal.
        BillContent comparable = stored.content().coveredIntervals() == null ? content.withoutCompleteness() : content;
        if (!stored.content().equals(comparable) || stored.lines().size() != lines.size()) {
            return false;
        }
        for (int i = 0; i < lines.size(); i++) {
            if (!stored.lines().get(i).sameValues(lines.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** What a run reads besides the month's inputs, for the bills' content. */
    private record Context(
            Map<Long, List<BillContent.MeterCounters>> meters,
            List<BillContent.Flag> flags,
            Map<Long, Long> lastYear,
            Map<Long, List<BillContent.HistoryMonth>> history) {}

    private static BillContent content(TenancyBill b, MonthBilling.Result result, Context context, ZoneId zone) {
        BillDraft d = b.draft();
        List<BillContent.MeterCounters> meters =
                context.meters().getOrDefault(b.period().tenancyId(), List.of());
        List<String> apartmentMeters =
                meters.stream().map(BillContent.MeterCounters::meter).toList();
        List<BillContent.Flag> mine = new ArrayList<>();
        for (BillContent.Flag f : context.flags()) {
            boolean overlaps = f.from().isBefore(b.period().to())
                    && f.to().isAfter(b.period().from());
            if (overlaps && (f.meter() == null || apartmentMeters.contains(f.meter()))) {
                mine.add(f);
            }
        }
        return new BillContent(
                b.period().apartmentCode(),
                b.period().residentName(),
                LocalDate.ofInstant(b.period().from(), zone),
                LocalDate.ofInstant(b.period().to(), zone).minusDays(1),
                b.request().intervalCount(),
                b.estimatedIntervals(),
                b.consumptionWh(),
                b.pvWh(),
                result.rule().key().name(),
                d.vatTotals().stream().map(BillContent.Vat::of).toList(),
                meters,
                mine,
                context.lastYear().get(b.period().tenancyId()),
                result.medianApartmentWh(),
                context.history().getOrDefault(b.period().apartmentId(), List.of()),
                b.request().intervalCount() - b.missing().cardinality(),
                b.imported().cardinality(),
                Completeness.gaps(b.period().from(), b.period().to(), zone, b.missing()),
                null,
                null);
    }

    /** Per apartment code: [consumption, pv] of the month. */
    record KeyTotals(Map<String, long[]> byApartment) {
        static KeyTotals of(MonthBilling.Result r) {
            Map<String, long[]> m = new LinkedHashMap<>();
            List<MonthInput.Consumer> cs = r.input().consumers();
            for (int i = 0; i < cs.size(); i++) {
                if (cs.get(i).kind() == MonthInput.Kind.APARTMENT) {
                    m.put(cs.get(i).code(), new long[] {
                        r.consumerTotals().get(i).consumptionWh(),
                        r.consumerTotals().get(i).pvWh()
                    });
                }
            }
            return new KeyTotals(m);
        }
    }

    static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The blocking text for a tenancy period whose bill uses a meter out of calibration (MessEG/MessEV: values of such a
     * meter must not be billed): its apartment's own meters and the house meters its bill uses (PV, grid connection,
     * common area), where the expired part overlaps the period. Empty when none.
     */
    static java.util.Optional<String> uncalibrated(
            List<Calibrations.Expired> expired, MonthInput.TenancyPeriod period, java.time.ZoneId zone) {
        List<String> named = new ArrayList<>();
        for (Calibrations.Expired x : expired) {
            boolean used = x.apartmentId() == null
                    ? x.role() != org.hausmeter.ledger.MeterRole.CHARGER
                    : x.apartmentId() == period.apartmentId();
            java.time.Instant start = org.hausmeter.ledger.Intervals.dayStart(x.firstExpiredDay(), zone);
            if (used && start.isBefore(period.to()) && x.until().isAfter(period.from())) {
                named.add("meter [" + x.meter() + "] is out of calibration from [" + x.firstExpiredDay()
                        + "] (valid until [" + x.lastValidDay() + "])");
            }
        }
        return named.isEmpty()
                ? java.util.Optional.empty()
                : java.util.Optional.of("Calibration expired: " + String.join("; ", named)
                        + ". Its values must not be billed until it is re-verified or exchanged.");
    }

    private static int blockedTenancies(List<BillFlags.Found> a, List<BillFlags.Found> b) {
        Set<Long> t = new HashSet<>();
        a.forEach(f -> t.add(f.tenancyId()));
        b.forEach(f -> t.add(f.tenancyId()));
        return t.size();
    }
}
