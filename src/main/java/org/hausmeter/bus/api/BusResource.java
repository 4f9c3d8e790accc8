package org.hausmeter.bus.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hausmeter.bus.BusScanner;
import org.hausmeter.bus.MeterHealth;
import org.hausmeter.bus.PollingService;
import org.hausmeter.bus.ReadNow;

/** Caretaker API: health of every bus and meter, the commissioning scan of a bus, and "read all meters now". */
@Path("/api/buses")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("CARETAKER")
public class BusResource {

    /** One meter's health as the API shows it. */
    public record MeterHealthView(
            String meter,
            int unitId,
            String model,
            Instant lastGoodRead,
            int consecutiveFailures,
            boolean defective,
            long reads,
            Map<String, Long> failures,
            Map<Integer, Long> exceptionCodes,
            String lastError,
            String lastFailureKind) {}

    /** One bus with its last quarter-hour cycle. */
    public record BusView(String bus, Double lastCycleSeconds, List<MeterHealthView> meters) {}

    /** Longest wait per bus for "read now" (a quarter-hour read in progress finishes first). */
    static final java.time.Duration READ_NOW_WAIT = java.time.Duration.ofMinutes(2);

    private final PollingService polling;

    BusResource(PollingService polling) {
        this.polling = polling;
    }

    @GET
    public List<BusView> buses() {
        return polling.pollers().entrySet().stream()
                .map(e -> new BusView(
                        e.getKey(),
                        polling.lastCycles().containsKey(e.getKey())
                                ? polling.lastCycles().get(e.getKey()).took().toNanos() / 1e9
                                : null,
                        e.getValue().meters().stream()
                                .map(m -> {
                                    MeterHealth h = m.health();
                                    Map<String, Long> failures = new java.util.TreeMap<>();
                                    for (MeterHealth.Failure f : MeterHealth.Failure.values()) {
                                        failures.put(f.name(), h.failures(f));
                                    }
                                    return new MeterHealthView(
                                            m.name(),
                                            m.unitId(),
                                            m.config().model(),
                                            h.lastGoodRead().orElse(null),
                                            h.consecutiveFailures(),
                                            h.isDefective(),
                                            h.reads(),
                                            failures,
                                            h.exceptionCodes(),
                                            h.lastError().orElse(null),
                                            h.lastFailureKind().orElse(null));
                                })
                                .toList()))
                .toList();
    }

    /**
     * Commissioning: reads every meter's counters now, one attempt each, and answers per meter with its values or
     * the kind of failure, the time it took and its health. Stores nothing (docs/bus.md "Commissioning").
     */
    @POST
    @Path("read-now")
    public List<ReadNow.MeterRead> readNow() {
        return polling.readAllNow(READ_NOW_WAIT);
    }

    /** Scans unit ids on a configured bus, between two quarter-hour reads (it takes the bus for a while). */
    @POST
    @Path("{bus}/scan")
    public List<BusScanner.UnitReport> scan(
            @PathParam("bus") String bus,
            @QueryParam("from") @DefaultValue("1") int from,
            @QueryParam("to") @DefaultValue("247") int to) {
        if (polling.bus(bus).isEmpty()) {
            throw new NotFoundException("No bus [" + bus + "]");
        }
        return polling.scan(bus, from, to);
    }
}
