package org.hausmeter.energy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.ref.SoftReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.hausmeter.billing.BillRuns;
import org.hausmeter.billing.CurrentMonth;
import org.hausmeter.billing.run.MonthBilling;
import org.hausmeter.building.SettingsCache;
import org.hausmeter.ledger.HistoryReady;
import org.hausmeter.ledger.Intervals;
import org.jboss.logging.Logger;

/**
 * The building's apartments month by month, computed once and kept in memory for the resident pages:
 * past months from a bill run's computation ({@link BillRuns#compute}: the PV allocation of the whole
 * building, exactly as billed) or, where only consumption is asked for, from the ledger's quarter hours
 * ({@link BillRuns#input}); the running month from {@link CurrentMonth} (the cost so far). See
 * docs/web.md ("Resident pages") for the why.
 * <ul>
 * <li>A request never computes the same month as another one at the same time (one loader per month).</li>
 * <li>Months are computed again only when their data changed: a fingerprint of the ledger rows (count and
 *     sums), tenancies, tariffs, EV sessions and meters is checked in the background, for the running month's
 *     today every 30 s (readings arrive every quarter hour), for whole months every
 *     {@code hausmeter.resident.revalidate}. Requests are never held up by a check.</li>
 * <li>Daily figures stay; quarter hours are softly referenced (the garbage collector may drop them under
 *     memory pressure: they are loaded again when asked for). At most {@code cache-months} months.</li>
 * </ul>
 */
@ApplicationScoped
public class ApartmentEnergy {

    private static final Logger LOG = Logger.getLogger(ApartmentEnergy.class);
    private static final long RUNNING_CHECK_NANOS = Duration.ofSeconds(30).toNanos();

    private static final String FINGERPRINT = """
            SELECT (SELECT count(*) || ':' || coalesce(sum(e.import_wh), 0) || ':' || coalesce(sum(e.export_wh), 0)
                      FROM meter m JOIN interval_energy e ON e.meter_id = m.id
                       AND e.interval_start >= ? AND e.interval_start < ?)
                || '|' || (SELECT count(*) || ':' || coalesce(md5(string_agg(t.id || ',' || t.apartment_id || ',' || t.move_in
                           || ',' || coalesce(t.move_out::text, '-'), ';' ORDER BY t.id)), '') FROM tenancy t)
                || '|' || (SELECT coalesce(md5(string_agg(v::text, ';' ORDER BY v::text)), '') FROM tariff_version v)
                || '|' || (SELECT coalesce(md5(string_agg(w::text, ';' ORDER BY w::text)), '') FROM tariff_grid_window w)
                || '|' || (SELECT count(*) || ':' || coalesce(max(s.id), 0) || ':' || coalesce(sum(s.end_wh - s.start_wh), 0)
                           FROM charging_session s WHERE s.started_at >= ? AND s.started_at < ?)
                || '|' || (SELECT count(*) || ':' || coalesce(max(id), 0) FROM meter)""";

    /**
     * What the running month was computed from: CurrentMonth's result and the fingerprints of today's and the
     * whole month's ledger rows at that time.
     */
    private record RunningSource(MonthBilling.Result result, String today, String month) {}

    /** A loaded month. */
    private static final class Entry {
        final MonthEnergy month;
        /** Computed with the PV allocation. */
        final boolean full;
        /** A full computation was tried (when it could not be done, there is no tariff: no PV for this month). */
        final boolean pvTried;
        /** Loaded as the running month (from CurrentMonth). */
        final boolean running;
        /** What it was loaded from: a {@link RunningSource} (running month) or the fingerprint (past months). */
        final Object source;

        final MonthEnergy.Detail strong;
        final SoftReference<MonthEnergy.Detail> soft;
        final long loadedNanos;
        volatile long checkedNanos;
        volatile long monthCheckedNanos;
        volatile long usedNanos;
        final AtomicBoolean checking = new AtomicBoolean();

        Entry(MonthEnergy.Built built, boolean full, boolean pvTried, boolean running, Object source) {
            this.month = built.month();
            this.full = full;
            this.pvTried = pvTried;
            this.running = running;
            this.source = source;
            this.strong = running ? built.detail() : null;
            this.soft = running ? null : new SoftReference<>(built.detail());
            this.loadedNanos = System.nanoTime();
            this.checkedNanos = loadedNanos;
            this.monthCheckedNanos = loadedNanos;
            this.usedNanos = loadedNanos;
        }

        MonthEnergy.Detail detail() {
            return strong != null ? strong : soft.get();
        }

        boolean serves(boolean needPv) {
            return !needPv || full || pvTried;
        }
    }

    private final BillRuns runs;
    private final CurrentMonth currentMonth;
    private final SettingsCache site;
    private final Clock clock;
    private final AgroalDataSource dataSource;
    private final EnergyCacheConfig config;
    private final ConcurrentHashMap<YearMonth, CompletableFuture<Entry>> months = new ConcurrentHashMap<>();
    /** Counts every month loaded: figures derived from the cache are valid while it stays the same. */
    private final AtomicLong version = new AtomicLong();

    private final ConcurrentHashMap<String, Object> memo = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "resident-energy");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });

    ApartmentEnergy(
            BillRuns runs,
            CurrentMonth currentMonth,
            SettingsCache site,
            Clock clock,
            AgroalDataSource dataSource,
            EnergyCacheConfig config) {
        this.runs = runs;
        this.currentMonth = currentMonth;
        this.site = site;
        this.clock = clock;
        this.dataSource = dataSource;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        int n = config.warmMonths();
        if (n > 0) {
            background.submit(() -> warm(n));
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        background.shutdownNow();
    }

    /** The demo's simulated history arrived: forget the months it covers, then compute them again. */
    void onHistory(@Observes HistoryReady history) {
        ZoneId zone = site.zone();
        YearMonth first = YearMonth.from(history.from().atZone(zone));
        YearMonth last = YearMonth.from(history.to().atZone(zone));
        months.keySet().removeIf(m -> !m.isBefore(first) && !m.isAfter(last));
        // CurrentMonth may still keep a running month computed before the history was written.
        currentMonth.forget();
        version.incrementAndGet();
        int n = config.warmMonths();
        if (n > 0) {
            background.submit(() -> warm(n));
        }
    }

    private void warm(int n) {
        long t0 = System.nanoTime();
        YearMonth current = YearMonth.now(clock.withZone(site.zone()));
        try {
            for (int i = 0; i < n; i++) {
                entry(current.minusMonths(i), true);
            }
            LOG.infof("Resident pages: %d months ready in %.1f s", n, (System.nanoTime() - t0) / 1e9);
        } catch (RuntimeException e) {
            LOG.warn("Resident pages: computing the recent months in advance failed: " + e.getMessage(), e);
        }
    }

    /**
     * A reader for one request: months it has looked at are remembered for the request's lifetime.
     *
     * @param pv true when the PV allocation is needed (charts, totals), false for consumption only
     */
    public EnergyData view(boolean pv) {
        return new View(pv);
    }

    /** @return the running month's cost so far of a tenancy, as {@link CurrentMonth} computes it */
    public Optional<MonthEnergy.TenancyCost> costSoFar(String apartment, long residentId) {
        MonthEnergy m = entry(YearMonth.now(clock.withZone(site.zone())), true).month;
        return m.tenancies.stream()
                .filter(t -> t.apartment().equals(apartment) && t.residentId() == residentId)
                .reduce((a, b) -> b);
    }

    /** @return true when the running month is priced (a tariff is valid in it) */
    public boolean runningMonthPriced() {
        return entry(YearMonth.now(clock.withZone(site.zone())), true).full;
    }

    /** @return the end of the last quarter hour with readings in the running month, if any */
    public Optional<Instant> runningDataUntil() {
        return Optional.ofNullable(entry(YearMonth.now(clock.withZone(site.zone())), true).month.dataUntil);
    }

    /** @return the end of the last quarter hour with readings in the running month, else in the month before */
    public Optional<Instant> dataUntil() {
        YearMonth current = YearMonth.now(clock.withZone(site.zone()));
        Instant until = entry(current, true).month.dataUntil;
        if (until == null) {
            until = entry(current.minusMonths(1), false).month.dataUntil;
        }
        return Optional.ofNullable(until);
    }

    /** @return the computed (not yet invoiced) price of an EV session started in {@code month}, if known */
    public Optional<MonthEnergy.EvCost> evCost(YearMonth month, long sessionId) {
        return Optional.ofNullable(entry(month, true).month.ev.get(sessionId));
    }

    /**
     * Something derived from the months (a resident's dashboard view, a heat map), kept until any month is
     * loaded again; at most a few thousand, then all are dropped.
     *
     * @param key     what it is, with everything else it depends on (apartment, tenancy, language, day …)
     * @param compute makes it
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(String key, Supplier<T> compute) {
        String k = version.get() + "|" + key;
        Object v = memo.get(k);
        if (v == null) {
            if (memo.size() > 500) {
                memo.clear();
            }
            memo.keySet().removeIf(x -> !x.startsWith(version.get() + "|"));
            v = compute.get();
            memo.put(k, v);
        }
        return (T) v;
    }

    // ---- the month cache ----

    private Entry entry(YearMonth m, boolean needPv) {
        ZoneId zone = site.zone();
        YearMonth current = YearMonth.now(clock.withZone(zone));
        if (m.isAfter(current)) {
            return new Entry(MonthEnergy.empty(m, zone), true, true, false, "future");
        }
        boolean running = m.equals(current);
        while (true) {
            CompletableFuture<Entry> f = months.get(m);
            if (f != null) {
                Entry e = join(f);
                if (e != null && e.running == running && e.serves(needPv)) {
                    long now = System.nanoTime();
                    e.usedNanos = now;
                    if (now - e.checkedNanos
                            > (running
                                    ? RUNNING_CHECK_NANOS
                                    : config.revalidate().toNanos())) {
                        revalidate(m, f, e);
                    }
                    return e;
                }
            }
            CompletableFuture<Entry> mine = new CompletableFuture<>();
            boolean won = f == null ? months.putIfAbsent(m, mine) == null : months.replace(m, f, mine);
            if (!won) {
                continue;
            }
            try {
                Entry e = load(m, needPv || running, running);
                mine.complete(e);
                evict();
                return e;
            } catch (RuntimeException ex) {
                months.remove(m, mine);
                mine.completeExceptionally(ex);
                throw ex;
            }
        }
    }

    private static Entry join(CompletableFuture<Entry> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            return null;
        }
    }

    private Entry load(YearMonth m, boolean full, boolean running) {
        version.incrementAndGet();
        long t0 = System.nanoTime();
        Entry e;
        if (running) {
            String today = fingerprintToday();
            String month = fingerprint(m);
            MonthBilling.Result r = currentMonth.result();
            RunningSource source = new RunningSource(r, today, month);
            e = r == null
                    ? new Entry(MonthEnergy.of(runs.input(m), null), false, true, true, source)
                    : new Entry(MonthEnergy.of(r.input(), r), true, true, true, source);
        } else {
            String fingerprint = fingerprint(m);
            MonthBilling.Result r = null;
            if (full) {
                try {
                    r = runs.compute(m);
                } catch (RuntimeException ex) {
                    LOG.debugf("No PV allocation for %s: %s", m, ex.getMessage());
                }
            }
            e = r == null
                    ? new Entry(MonthEnergy.of(runs.input(m), null), false, full, false, fingerprint)
                    : new Entry(MonthEnergy.of(r.input(), r), true, true, false, fingerprint);
        }
        LOG.debugf(
                "Resident pages: %s loaded (%s) in %d ms",
                m, e.full ? "with PV" : "consumption", (System.nanoTime() - t0) / 1_000_000);
        return e;
    }

    /** Checks a month in the background; a changed month is loaded again and replaces the old one. */
    private void revalidate(YearMonth m, CompletableFuture<Entry> f, Entry e) {
        if (!e.checking.compareAndSet(false, true)) {
            return;
        }
        background.submit(() -> {
            try {
                if (e.running) {
                    // The running month changes when readings arrive (every quarter hour): today's rows are
                    // checked every 30 s, the whole month's every revalidate period; only then is it computed again.
                    RunningSource src = (RunningSource) e.source;
                    boolean wholeMonth = System.nanoTime() - e.monthCheckedNanos
                            > config.revalidate().toNanos();
                    boolean changed = !fingerprintToday().equals(src.today())
                            || wholeMonth && !fingerprint(m).equals(src.month());
                    if (wholeMonth) {
                        e.monthCheckedNanos = System.nanoTime();
                    }
                    if (changed) {
                        Entry next = load(m, true, true);
                        // CurrentMonth keeps its result for a minute: when it still has the old one, the next check
                        // (the fingerprints of this entry are unchanged) tries again.
                        if (((RunningSource) next.source).result() != src.result() || src.result() == null) {
                            months.replace(m, f, CompletableFuture.completedFuture(next));
                        }
                    }
                } else if (!fingerprint(m).equals(e.source)) {
                    LOG.debugf("Resident pages: %s changed in the ledger, computing it again", m);
                    months.replace(m, f, CompletableFuture.completedFuture(load(m, e.full, false)));
                }
            } catch (RuntimeException ex) {
                LOG.warn("Resident pages: checking " + m + " failed: " + ex.getMessage(), ex);
            } finally {
                e.checkedNanos = System.nanoTime();
                e.checking.set(false);
            }
        });
    }

    private void evict() {
        int max = Math.max(3, config.cacheMonths());
        if (months.size() <= max) {
            return;
        }
        List<Map.Entry<YearMonth, CompletableFuture<Entry>>> done = months.entrySet().stream()
                .filter(x -> x.getValue().isDone() && !x.getValue().isCompletedExceptionally())
                .sorted(Comparator.comparingLong(x -> x.getValue().join().usedNanos))
                .toList();
        for (int i = 0; i < done.size() && months.size() > max; i++) {
            if (!done.get(i).getValue().join().running) {
                months.remove(done.get(i).getKey(), done.get(i).getValue());
            }
        }
    }

    private MonthEnergy.Detail detail(YearMonth m, boolean needPv) {
        Entry e = entry(m, needPv);
        MonthEnergy.Detail d = e.detail();
        if (d != null) {
            return d;
        }
        CompletableFuture<Entry> f = months.get(m);
        Entry again = load(m, e.full, e.running);
        if (f != null) {
            months.replace(m, f, CompletableFuture.completedFuture(again));
        }
        return again.detail();
    }

    private String fingerprint(YearMonth m) {
        ZoneId zone = site.zone();
        return fingerprint(Intervals.monthStart(m, zone), Intervals.monthStart(m.plusMonths(1), zone));
    }

    private String fingerprintToday() {
        ZoneId zone = site.zone();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return today + "|" + fingerprint(Intervals.dayStart(today, zone), Intervals.dayStart(today.plusDays(1), zone));
    }

    /** Rows, sums and change markers of the ledger in [from, to) and of the tables the months are computed from. */
    private String fingerprint(Instant fromInstant, Instant toInstant) {
        Timestamp from = Timestamp.from(fromInstant);
        Timestamp to = Timestamp.from(toInstant);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(FINGERPRINT)) {
            ps.setTimestamp(1, from);
            ps.setTimestamp(2, to);
            ps.setTimestamp(3, from);
            ps.setTimestamp(4, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Cannot check [" + fromInstant + ", " + toInstant + "): " + e.getMessage(), e);
        }
    }

    /** Forgets every month (tests that changed the ledger behind the cache's back). */
    public void clear() {
        months.clear();
        version.incrementAndGet();
    }

    /** For tests and the benchmark's warm-up: waits until the background work submitted so far is done. */
    void awaitBackground(Duration max) throws InterruptedException {
        CompletableFuture<Void> marker = CompletableFuture.runAsync(() -> {}, background);
        try {
            marker.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Background work did not finish within " + max, e);
        }
    }

    /** Reads months through the cache, remembering them for one request. */
    private final class View implements EnergyData {
        private final boolean pv;
        private final Map<YearMonth, Entry> seen = new HashMap<>();
        private final Map<YearMonth, MonthEnergy.Detail> details = new HashMap<>();
        private final Map<String, QuarterHours> days = new HashMap<>();

        View(boolean pv) {
            this.pv = pv;
        }

        private MonthEnergy month(YearMonth m) {
            return seen.computeIfAbsent(m, k -> entry(k, pv)).month;
        }

        @Override
        public Energy day(String apartment, LocalDate day) {
            MonthEnergy m = month(YearMonth.from(day));
            long[] wh = m.dayWh.get(apartment);
            if (wh == null) {
                return new Energy(0, 0, m.pvKnown);
            }
            long[] p = m.dayPvWh.get(apartment);
            int d = day.getDayOfMonth() - 1;
            return new Energy(wh[d], p == null ? 0 : p[d], m.pvKnown && p != null);
        }

        @Override
        public QuarterHours quarterHours(String apartment, LocalDate day) {
            return days.computeIfAbsent(apartment + '/' + day, k -> {
                YearMonth ym = YearMonth.from(day);
                MonthEnergy m = month(ym);
                int d = day.getDayOfMonth() - 1;
                int from = m.dayOffset[d];
                int n = m.dayOffset[d + 1] - from;
                MonthEnergy.Detail detail = details.computeIfAbsent(ym, x -> {
                    MonthEnergy.Detail kept = seen.get(x).detail();
                    return kept != null ? kept : detail(x, pv);
                });
                int[] wh = detail.wh().get(apartment);
                int[] p = detail.pvWh().get(apartment);
                return new QuarterHours(
                        wh == null ? new int[n] : Arrays.copyOfRange(wh, from, from + n),
                        p == null ? new int[n] : Arrays.copyOfRange(p, from, from + n),
                        m.pvKnown && p != null);
            });
        }

        @Override
        public Map<String, Long> apartmentConsumption(LocalDate first, LocalDate end) {
            Map<String, long[]> sums = new HashMap<>();
            LocalDate d = first;
            while (d.isBefore(end)) {
                YearMonth ym = YearMonth.from(d);
                MonthEnergy m = month(ym);
                int i0 = d.getDayOfMonth() - 1;
                LocalDate next = ym.plusMonths(1).atDay(1);
                int to = end.isBefore(next) ? end.getDayOfMonth() - 1 : m.dayOffset.length - 1;
                m.dayWh.forEach((code, wh) -> {
                    long s = 0;
                    for (int i = i0; i < to; i++) {
                        s += wh[i];
                    }
                    sums.computeIfAbsent(code, c -> new long[1])[0] += s;
                });
                d = next;
            }
            Map<String, Long> out = new HashMap<>();
            sums.forEach((code, s) -> out.put(code, s[0]));
            return out;
        }
    }
}
