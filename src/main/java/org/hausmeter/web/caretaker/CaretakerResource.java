package org.hausmeter.web.caretaker;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hausmeter.audit.persistence.AuditTrail;
import org.hausmeter.billing.Bills;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.bus.MeterHealth;
import org.hausmeter.bus.PolledMeter;
import org.hausmeter.bus.PollingService;
import org.hausmeter.charging.Chargers;
import org.hausmeter.charging.ChargingService;
import org.hausmeter.ledger.persistence.LedgerChecks;

/** The caretaker's start page: what needs attention now (meters, review flags, drafts, issuer details, chargers). */
@Path("/caretaker")
@RolesAllowed("CARETAKER")
public class CaretakerResource extends CaretakerPages {

    /**
     * One bus: its meters, how many answer, and its last quarter-hour cycle: when it started, whether that was today
     * (the page then shows the time only), and how long it took (all null/false before the first).
     */
    public record BusRow(
            String bus,
            int meters,
            int failing,
            Instant lastCycleAt,
            boolean lastCycleToday,
            java.math.BigDecimal lastCycleSeconds) {}

    /** A meter that needs a look. */
    public record MeterProblem(
            String meter, String bus, int consecutiveFailures, Instant lastGoodRead, String lastError) {}

    /** A charger now. */
    public record ChargerRow(String id, String name, ChargingService.SessionView open) {}

    /**
     * @param lastRun      the newest bill run in the audit log, or null
     * @param lastRunMonth its month ("2026-10"), or null
     */
    public record View(
            List<BusRow> buses,
            int meters,
            List<MeterProblem> problems,
            int openFlags,
            Map<String, Integer> flagKinds,
            Map<YearMonth, Integer> drafts,
            AuditTrail.Entry lastRun,
            YearMonth lastRunMonth,
            List<String> issuerMissing,
            List<ChargerRow> chargers,
            YearMonth lastMonth) {

        public int metersOk() {
            return meters - problems.size();
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(View view);
    }

    private final PollingService polling;
    private final LedgerChecks checks;
    private final Bills bills;
    private final AuditTrail trail;
    private final BuildingSettings settings;
    private final Chargers chargers;
    private final ChargingService charging;

    CaretakerResource(
            PollingService polling,
            LedgerChecks checks,
            Bills bills,
            AuditTrail trail,
            BuildingSettings settings,
            Chargers chargers,
            ChargingService charging) {
        this.polling = polling;
        this.checks = checks;
        this.bills = bills;
        this.trail = trail;
        this.settings = settings;
        this.chargers = chargers;
        this.charging = charging;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance index() throws SQLException {
        List<BusRow> buses = new ArrayList<>();
        List<MeterProblem> problems = new ArrayList<>();
        int meters = 0;
        for (var e : polling.pollers().entrySet()) {
            int failing = 0;
            for (PolledMeter m : e.getValue().meters()) {
                meters++;
                MeterHealth h = m.health();
                if (h.consecutiveFailures() > 0 || h.lastGoodRead().isEmpty()) {
                    failing++;
                    problems.add(new MeterProblem(
                            m.name(),
                            e.getKey(),
                            h.consecutiveFailures(),
                            h.lastGoodRead().orElse(null),
                            h.lastError().orElse(null)));
                }
            }
            var cycle = polling.lastCycles().get(e.getKey());
            buses.add(new BusRow(
                    e.getKey(),
                    e.getValue().meters().size(),
                    failing,
                    cycle == null ? null : cycle.started(),
                    cycle != null
                            && cycle.started().atZone(zone()).toLocalDate().equals(today()),
                    cycle == null
                            ? null
                            : java.math.BigDecimal.valueOf(cycle.took().toMillis(), 3)));
        }
        List<LedgerChecks.Flag> flags = checks.openFlags();
        Map<String, Integer> kinds = new TreeMap<>();
        flags.forEach(f -> kinds.merge(f.kind(), 1, Integer::sum));
        AuditTrail.Entry run = trail.latest("billing.run").orElse(null);
        YearMonth runMonth = run == null ? null : Forms.month(run.subject().replace("month:", ""));
        List<ChargerRow> chargerRows = new ArrayList<>();
        for (Chargers.Charger c : chargers.all()) {
            ChargingService.SessionView open = charging.sessions(null, null, null, c.id(), 20).stream()
                    .filter(s -> "OPEN".equals(s.status()))
                    .findFirst()
                    .orElse(null);
            chargerRows.add(new ChargerRow(c.id(), c.name(), open));
        }
        YearMonth lastMonth = thisMonth().minusMonths(1);
        return Templates.index(new View(
                buses,
                meters,
                problems,
                flags.size(),
                kinds,
                bills.draftCounts(),
                run,
                runMonth,
                settings.issuer().missing(),
                chargerRows,
                lastMonth));
    }
}
