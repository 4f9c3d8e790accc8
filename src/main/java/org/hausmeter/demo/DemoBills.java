package org.hausmeter.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.billing.BillRuns;
import org.hausmeter.billing.Bills;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.ledger.HistoryReady;
import org.jboss.logging.Logger;

/**
 * The demo's billing past: once the simulated history is derived on first start, every complete month
 * before last month is run and issued (so residents find bills and PDFs), and last month is run and left
 * as drafts for the caretaker to review and issue (it has the tenant change).
 */
@ApplicationScoped
public class DemoBills {

    private static final Logger LOG = Logger.getLogger(DemoBills.class);

    private final BillRuns runs;
    private final Bills bills;
    private final BuildingSettings settings;
    private final Clock clock;
    private final boolean enabled;

    DemoBills(
            BillRuns runs,
            Bills bills,
            BuildingSettings settings,
            Clock clock,
            @ConfigProperty(name = "hausmeter.demo.enabled") boolean enabled) {
        this.runs = runs;
        this.bills = bills;
        this.settings = settings;
        this.clock = clock;
        this.enabled = enabled;
    }

    void onHistory(@Observes HistoryReady history) {
        if (!enabled) {
            return;
        }
        ZoneId zone = settings.current().zone();
        YearMonth first = YearMonth.from(history.from().atZone(zone));
        if (!history.from().equals(first.atDay(1).atStartOfDay(zone).toInstant())) {
            first = first.plusMonths(1);
        }
        if (first.isBefore(YearMonth.from(DemoBuilding.SINCE))) {
            first = YearMonth.from(DemoBuilding.SINCE);
        }
        YearMonth last = YearMonth.now(clock.withZone(zone)).minusMonths(1);
        long t0 = System.nanoTime();
        int issued = 0;
        try {
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                if (m.equals(last)) {
                    runs.run(m, "system");
                } else {
                    Bills.MonthIssue done = bills.issueMonth(m, "system");
                    issued += done.issued().size();
                    for (Bills.NotIssued n : done.notIssued()) {
                        LOG.warnf(
                                "Demo bills: %s of %s left as a draft: %s",
                                n.bill().apartmentCode(), m, n.reason());
                    }
                }
            }
            LOG.infof(
                    "Demo bills: %d issued for %s to %s, drafts for %s (%.1f s)",
                    issued, first, last.minusMonths(1), last, (System.nanoTime() - t0) / 1e9);
            LOG.info(readyLine(history, zone));
        } catch (RuntimeException e) {
            LOG.error("Demo bills failed: " + e.getMessage(), e);
        }
    }

    /** The line that tells the operator the demo's pages are complete, not only that the server is up. */
    static String readyLine(HistoryReady history, ZoneId zone) {
        return String.format(
                "Demo ready: simulated history from %s to %s and the demo bills are in; every page shows"
                        + " its data now",
                history.from().atZone(zone).toLocalDate(),
                history.to().atZone(zone).toLocalDate());
    }
}
