package org.hausmeter.alerts;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.backup.Backups;
import org.hausmeter.billing.Bills;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.bus.MeterHealth;
import org.hausmeter.bus.PolledMeter;
import org.hausmeter.bus.PollingService;
import org.hausmeter.ledger.persistence.LedgerChecks;
import org.jboss.logging.Logger;

/**
 * What is wrong now, read from the state the server already keeps (nothing here polls a meter or writes a flag):
 * the poller's meter health (public methods of {@link PollingService}), open review flags, the backup's status,
 * free disk space and draft bills. Runs every {@code hausmeter.alerts.every} (5 minutes) when alerts are enabled
 * and hands the result to {@link Alerts}.
 */
@ApplicationScoped
public class AlertChecks {

    private static final Logger LOG = Logger.getLogger(AlertChecks.class);

    private final Alerts alerts;
    private final PollingService polling;
    private final LedgerChecks ledger;
    private final Backups backups;
    private final Bills bills;
    private final BuildingSettings settings;
    private final Clock clock;
    private final int silentQuarterHours;
    private final int diskMinFreePercent;
    private final List<Path> disks;
    private final Instant startedAt;

    AlertChecks(
            Alerts alerts,
            PollingService polling,
            LedgerChecks ledger,
            Backups backups,
            Bills bills,
            BuildingSettings settings,
            Clock clock,
            @ConfigProperty(name = "hausmeter.alerts.meter-silent-quarter-hours", defaultValue = "4")
                    int silentQuarterHours,
            @ConfigProperty(name = "hausmeter.alerts.disk-min-free-percent", defaultValue = "10")
                    int diskMinFreePercent,
            @ConfigProperty(name = "hausmeter.embedded.data-dir") Optional<String> dataDir) {
        this.alerts = alerts;
        this.polling = polling;
        this.ledger = ledger;
        this.backups = backups;
        this.bills = bills;
        this.settings = settings;
        this.clock = clock;
        this.silentQuarterHours = Math.max(1, silentQuarterHours);
        this.diskMinFreePercent = diskMinFreePercent;
        List<Path> d = new ArrayList<>();
        dataDir.filter(s -> !s.isBlank()).map(Path::of).ifPresent(d::add);
        backups.directory().ifPresent(d::add);
        this.disks = List.copyOf(d);
        this.startedAt = clock.instant();
    }

    @Scheduled(
            every = "${hausmeter.alerts.every}",
            delayed = "1m",
            identity = "alerts",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        if (!alerts.enabled()) {
            return;
        }
        try {
            Alerts.Report r = alerts.evaluate(conditions());
            if (r.opened() + r.closed() + r.sent() > 0) {
                LOG.infof(
                        "Alerts: %d opened, %d recovered, %d e-mails sent, %d waiting",
                        r.opened(), r.closed(), r.sent(), r.waiting());
            }
        } catch (SQLException | RuntimeException e) {
            LOG.error("Alert check failed: " + e.getMessage(), e);
        }
    }

    /** Everything wrong now. */
    public List<Alerts.Condition> conditions() {
        List<Alerts.Condition> out = new ArrayList<>();
        Instant now = clock.instant();
        meters(now, out);
        try {
            for (LedgerChecks.Flag f : ledger.openFlags()) {
                if (f.kind().equals("BALANCE_MISMATCH")) {
                    String day = f.from()
                            .atZone(settings.current().zone())
                            .toLocalDate()
                            .toString();
                    out.add(new Alerts.Condition(
                            "balance-mismatch:" + day,
                            "balance-mismatch",
                            "The building's energy"
                                    + " balance of " + day + " is outside the tolerance: " + f.detail()
                                    + ". Review flag " + f.id() + " on the caretaker's flags page."));
                }
            }
        } catch (SQLException e) {
            LOG.warn("Alerts: review flags not readable: " + e.getMessage());
        }
        Backups.Status b = backups.status();
        if ("failed".equals(b.problem())) {
            out.add(new Alerts.Condition(
                    "backup-failed",
                    "backup-failed",
                    "The last backup failed"
                            + (b.last() != null && b.last().error() != null
                                    ? ": " + b.last().error()
                                    : ".")
                            + (b.lastOk() != null
                                    ? " The newest good backup is " + b.lastOk().file() + " of "
                                            + b.lastOk().startedAt() + "."
                                    : " There is no good backup yet.")));
        } else if ("stale".equals(b.problem())) {
            out.add(new Alerts.Condition(
                    "backup-failed",
                    "backup-failed",
                    "No backup for longer than " + backups.maxAge().toHours() + " hours"
                            + (b.lastOk() != null
                                    ? " (the newest is of " + b.lastOk().startedAt() + ")"
                                    : "")
                            + ". Is the nightly backup running (hausmeter.backup.cron)?"));
        }
        for (Path disk : disks) {
            try {
                if (!Files.exists(disk)) {
                    continue;
                }
                FileStore store = Files.getFileStore(disk);
                long total = store.getTotalSpace();
                long free = store.getUsableSpace();
                if (total > 0 && free * 100 < total * diskMinFreePercent) {
                    out.add(new Alerts.Condition(
                            "disk-low:" + disk,
                            "disk-low",
                            String.format(
                                    "Only %d MB of %d MB free on" + " the disk of %s (below %d %%).",
                                    free >> 20, total >> 20, disk, diskMinFreePercent)));
                }
            } catch (IOException e) {
                LOG.warn("Alerts: free space of " + disk + " not readable: " + e.getMessage());
            }
        }
        ZoneId zone = settings.current().zone();
        YearMonth lastMonth = YearMonth.from(now.atZone(zone)).minusMonths(1);
        Integer drafts = bills.draftCounts().get(lastMonth);
        if (drafts != null && drafts > 0) {
            out.add(new Alerts.Condition(
                    "drafts-ready:" + lastMonth,
                    "drafts-ready",
                    drafts + " draft bills of " + lastMonth + " are ready to review and issue (caretaker: Billing, "
                            + lastMonth + ")."));
        }
        return out;
    }

    private void meters(Instant now, List<Alerts.Condition> out) {
        Map<String, Map<String, MeterHealth>> buses = new LinkedHashMap<>();
        for (var e : polling.pollers().entrySet()) {
            Map<String, MeterHealth> meters = new LinkedHashMap<>();
            for (PolledMeter m : e.getValue().meters()) {
                meters.put(m.name(), m.health());
            }
            buses.put(e.getKey(), meters);
        }
        out.addAll(meterConditions(buses, now, startedAt, silentQuarterHours));
    }

    /**
     * A bus whose every meter failed at least 3 times in a row is one incident ("bus down"), not one per meter;
     * otherwise each meter without a good read for more than {@code silentQuarterHours} quarter hours (counted from
     * {@code startedAt} for a meter never read since the start) is one.
     *
     * @param buses bus name to its meters' health by meter name
     */
    static List<Alerts.Condition> meterConditions(
            Map<String, Map<String, MeterHealth>> buses, Instant now, Instant startedAt, int silentQuarterHours) {
        List<Alerts.Condition> out = new ArrayList<>();
        Duration silentAfter = Duration.ofMinutes(15L * silentQuarterHours);
        for (var e : buses.entrySet()) {
            Map<String, MeterHealth> meters = e.getValue();
            if (meters.isEmpty()) {
                continue;
            }
            if (meters.values().stream().allMatch(h -> h.consecutiveFailures() >= 3)) {
                out.add(new Alerts.Condition(
                        "bus-down:" + e.getKey(),
                        "bus-down",
                        "No meter on bus " + e.getKey()
                                + " answers (" + meters.size() + " meters, each failed at least 3 times in a row)"
                                + meters.values()
                                        .iterator()
                                        .next()
                                        .lastError()
                                        .map(err -> "; last error: " + err)
                                        .orElse("")
                                + "."));
                continue;
            }
            for (var m : meters.entrySet()) {
                MeterHealth h = m.getValue();
                Instant last = h.lastGoodRead().orElse(startedAt);
                if (last.plus(silentAfter).isBefore(now)) {
                    out.add(new Alerts.Condition(
                            "meter-silent:" + m.getKey(),
                            "meter-silent",
                            "Meter " + m.getKey() + " on bus "
                                    + e.getKey() + " has not answered for more than " + silentQuarterHours
                                    + " quarter hours ("
                                    + h.lastGoodRead()
                                            .map(t -> "last good read " + t)
                                            .orElse("no good read since the start")
                                    + ")"
                                    + h.lastError()
                                            .map(err -> "; last error: " + err)
                                            .orElse("") + "."));
                }
            }
        }
        return out;
    }
}
