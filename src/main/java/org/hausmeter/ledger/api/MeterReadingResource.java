package org.hausmeter.ledger.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.hausmeter.ledger.LedgerException;
import org.hausmeter.ledger.persistence.Calibrations;
import org.hausmeter.ledger.persistence.IntervalQueries;
import org.hausmeter.ledger.persistence.Meter;
import org.hausmeter.ledger.persistence.MeterReadings;
import org.hausmeter.ledger.persistence.ReadingChanges;
import org.hausmeter.web.CurrentAccount;

/** Caretaker API for counter readings: list, enter or correct (with a reason), meter exchange. */
@Path("/api/meters/{meter}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("CARETAKER")
public class MeterReadingResource {

    /** A manual reading or correction; counters in Wh. */
    public record ReadingInput(Instant at, Long importWh, Long exportWh, String reason) {}

    /** A meter exchange: the old meter's final and the new meter's first reading, Wh. */
    public record ExchangeInput(
            Instant at,
            Long oldFinalImportWh,
            Long oldFinalExportWh,
            String newModel,
            Long newFirstImportWh,
            Long newFirstExportWh,
            String reason) {}

    /** A meter's metering point id (MaLo or MeLo; null or blank clears it), with the reason for changing it. */
    public record MeteringPointInput(String meteringPoint, String reason) {}

    /** A meter's installation instant, with the reason for changing it. */
    public record InstalledInput(Instant installedAt, String reason) {}

    /**
     * A meter's calibration register entry: the verification (or MID conformity) year and an explicit last valid day
     * (null: 31 December of the year + 8), with the reason for changing it.
     */
    public record CalibrationInput(Integer verifiedYear, java.time.LocalDate validUntil, String reason) {}

    /** The calibration as stored, with the last valid day the rule computes (null when unknown). */
    public record CalibrationView(
            Integer verifiedYear, java.time.LocalDate validUntil, java.time.LocalDate lastValidDay) {}

    /** The new meter after an exchange. */
    public record ExchangedMeter(long meterId, String name, String model, Instant installedAt, long replacesMeterId) {}

    private final MeterReadings readings;
    private final ReadingChanges changes;
    private final IntervalQueries queries;
    private final CurrentAccount account;
    private final Calibrations calibrations;

    MeterReadingResource(
            MeterReadings readings,
            ReadingChanges changes,
            IntervalQueries queries,
            CurrentAccount account,
            Calibrations calibrations) {
        this.calibrations = calibrations;
        this.readings = readings;
        this.changes = changes;
        this.queries = queries;
        this.account = account;
    }

    private String actor() {
        return account.username().orElse("");
    }

    @GET
    @Path("intervals")
    public List<IntervalQueries.Interval> intervals(
            @PathParam("meter") String meter, @QueryParam("from") Instant from, @QueryParam("to") Instant to) {
        if (from == null || to == null) {
            throw new LedgerException(LedgerException.Kind.INVALID, "Give the period as ?from=…&to=… (ISO instants)");
        }
        return queries.intervals(meter, from, to);
    }

    @GET
    @Path("readings")
    public List<MeterReadings.Reading> list(
            @PathParam("meter") String meter, @QueryParam("from") Instant from, @QueryParam("to") Instant to) {
        if (from == null || to == null) {
            throw new LedgerException(LedgerException.Kind.INVALID, "Give the period as ?from=…&to=… (ISO instants)");
        }
        return readings.readings(meter, from, to);
    }

    @POST
    @Path("readings")
    public Response enter(@PathParam("meter") String meter, ReadingInput in) {
        if (in == null || in.at() == null || in.importWh() == null) {
            throw new LedgerException(LedgerException.Kind.INVALID, "A reading needs [at], [importWh] and a [reason]");
        }
        boolean corrected = changes.enter(actor(), meter, in.at(), in.importWh(), in.exportWh(), in.reason())
                .isPresent();
        return Response.status(corrected ? Response.Status.OK : Response.Status.CREATED)
                .entity(new MeterReadings.Reading(in.at(), in.importWh(), in.exportWh(), "MANUAL"))
                .build();
    }

    @POST
    @Path("exchange")
    public ExchangedMeter exchange(@PathParam("meter") String meter, ExchangeInput in) {
        if (in == null || in.at() == null || in.oldFinalImportWh() == null || in.newFirstImportWh() == null) {
            throw new LedgerException(
                    LedgerException.Kind.INVALID,
                    "An exchange needs [at], [oldFinalImportWh], [newFirstImportWh] and a [reason]");
        }
        Meter m = changes.exchange(
                actor(),
                meter,
                in.at(),
                in.oldFinalImportWh(),
                in.oldFinalExportWh(),
                in.newModel(),
                in.newFirstImportWh(),
                in.newFirstExportWh(),
                in.reason());
        return new ExchangedMeter(m.id, m.name, m.model, m.installedAt, m.replacesMeterId);
    }

    /** Dates the meter's installation (values before it are refused): 200 with the new date, 400 when refused. */
    @PUT
    @Path("installed")
    public InstalledInput installed(@PathParam("meter") String meter, InstalledInput in) {
        if (in == null || in.installedAt() == null) {
            throw new LedgerException(
                    LedgerException.Kind.INVALID, "An installation needs [installedAt] and a [reason]");
        }
        readings.setInstalled(actor(), meter, in.installedAt(), in.reason());
        return in;
    }

    /**
     * Sets the metering point operator's id (MaLo/MeLo) by which MSCONS imports find the meter: 200 with the stored
     * form, 400 when malformed, 409 when another installed meter has it.
     */
    @PUT
    @Path("metering-point")
    public MeteringPointInput meteringPoint(@PathParam("meter") String meter, MeteringPointInput in) {
        if (in == null) {
            throw new LedgerException(
                    LedgerException.Kind.INVALID, "A metering point needs [meteringPoint] and a [reason]");
        }
        readings.setMeteringPoint(actor(), meter, in.meteringPoint(), in.reason());
        return new MeteringPointInput(
                org.hausmeter.ledger.mscons.MeteringPoint.normalize(in.meteringPoint())
                        .orElse(null),
                in.reason());
    }

    /**
     * Sets the meter's calibration register entry (both fields may be null: unknown / computed); 200 with the stored
     * entry and its last valid day, 400 when refused (a reason is required), 404 for an unknown meter.
     */
    @PUT
    @Path("calibration")
    public CalibrationView calibration(@PathParam("meter") String meter, CalibrationInput in) {
        if (in == null) {
            throw new LedgerException(
                    LedgerException.Kind.INVALID,
                    "A calibration needs [verifiedYear] and/or [validUntil] and a [reason]");
        }
        org.hausmeter.ledger.Calibration c =
                calibrations.set(actor(), meter, in.verifiedYear(), in.validUntil(), in.reason());
        return new CalibrationView(
                c.verifiedYear(), c.validUntil(), c.lastValidDay().orElse(null));
    }
}
