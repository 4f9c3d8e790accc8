package org.hausmeter.charging.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hausmeter.charging.ChargingException;
import org.hausmeter.charging.persistence.PowerStore;
import org.hausmeter.charging.power.GridDimming;
import org.hausmeter.charging.power.PowerControl;
import org.hausmeter.web.CurrentAccount;

/**
 * The power control for the caretaker: its state and last plan, the log of limit changes, the § 14a dimming
 * periods (JSON and CSV for the grid operator) and the test switch for dimming.
 */
@Path("/api/power")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("CARETAKER")
public class PowerResource {

    public record DimmingInput(Boolean active, String reason) {}

    private final PowerControl control;
    private final GridDimming dimming;
    private final PowerStore store;
    private final CurrentAccount account;
    private final Clock clock;

    PowerResource(PowerControl control, GridDimming dimming, PowerStore store, CurrentAccount account, Clock clock) {
        this.control = control;
        this.dimming = dimming;
        this.store = store;
        this.account = account;
        this.clock = clock;
    }

    /** Dimming sources, the settings and the last plan (limit and reason per charger). */
    @GET
    public Map<String, Object> state() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dimming", dimming.state());
        m.put("settings", control.settings());
        m.put("building", control.lastBuilding().orElse(null));
        m.put("plan", control.lastPlan().orElse(null));
        return m;
    }

    /** The caretaker's § 14a test switch; the power control runs at once. */
    @PUT
    @Path("dimming")
    public Map<String, Object> dimming(DimmingInput in) {
        if (in == null || in.active() == null) {
            throw new ChargingException(ChargingException.Kind.INVALID, "active (true or false) is required");
        }
        dimming.setCaretakerSwitch(
                in.active(), clock.instant(), account.username().orElse(""), in.reason());
        control.runNow();
        return state();
    }

    /** Limit changes, newest first. */
    @GET
    @Path("changes")
    public List<PowerStore.LimitChange> changes(
            @QueryParam("charger") String charger,
            @QueryParam("from") Instant from,
            @QueryParam("to") Instant to,
            @QueryParam("limit") @DefaultValue("200") int limit) {
        return store.changes(
                charger,
                from == null ? Instant.EPOCH : from,
                to == null ? Instant.parse("9999-01-01T00:00:00Z") : to,
                Math.min(Math.max(limit, 1), 5000));
    }

    /** § 14a periods overlapping [from, to), oldest first. */
    @GET
    @Path("dimming-periods")
    public List<PowerStore.DimmingPeriod> periods(@QueryParam("from") Instant from, @QueryParam("to") Instant to) {
        return store.periods(
                from == null ? Instant.EPOCH : from, to == null ? Instant.parse("9999-01-01T00:00:00Z") : to);
    }

    /** The same periods as CSV for the grid operator: start, end (empty while active), source, limit, most planned. */
    @GET
    @Path("dimming-periods.csv")
    @Produces("text/csv")
    public Response periodsCsv(@QueryParam("from") Instant from, @QueryParam("to") Instant to) {
        StringBuilder csv = new StringBuilder("start,end,source,limit_w,max_planned_w,started_by,ended_by\r\n");
        for (PowerStore.DimmingPeriod p : periods(from, to)) {
            csv.append(DateTimeFormatter.ISO_INSTANT.format(p.startedAt()))
                    .append(',')
                    .append(p.endedAt() == null ? "" : DateTimeFormatter.ISO_INSTANT.format(p.endedAt()))
                    .append(',')
                    .append(p.source())
                    .append(',')
                    .append(p.limitW())
                    .append(',')
                    .append(p.maxPlannedW())
                    .append(',')
                    .append(csvField(p.startedBy()))
                    .append(',')
                    .append(p.endedBy() == null ? "" : csvField(p.endedBy()))
                    .append("\r\n");
        }
        return Response.ok(csv.toString())
                .header("Content-Disposition", "attachment; filename=\"dimming-14a.csv\"")
                .build();
    }

    private static String csvField(String s) {
        return s.matches("[^\",\r\n]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
