package org.hausmeter.charging.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.hausmeter.charging.CardService;
import org.hausmeter.charging.Chargers;
import org.hausmeter.charging.ChargingException;
import org.hausmeter.charging.ChargingService;
import org.hausmeter.charging.DecisionLog;
import org.hausmeter.charging.control.ChargerController;
import org.hausmeter.web.CurrentAccount;

/**
 * Caretaker API for the chargers: their state, "simulate tap" (the same decision code as a card at
 * the reader), the simulated car (simulated building only), all sessions, ending a session, and the
 * decision log. See docs/charging.md.
 */
@Path("/api/chargers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("CARETAKER")
public class ChargerResource {

    /** A charger and its running session, if any. */
    public record ChargerView(
            String id,
            String name,
            String reader,
            String controlProfile,
            String meter,
            boolean simulated,
            ChargingService.SessionView openSession) {}

    public record TapInput(String uid) {}

    public record CarInput(Boolean plugged, Long powerW, Long wantsWh) {}

    public record EndInput(String reason) {}

    private final Chargers chargers;
    private final ChargingService service;
    private final DecisionLog decisions;
    private final CardService cards;
    private final CurrentAccount account;

    ChargerResource(
            Chargers chargers,
            ChargingService service,
            DecisionLog decisions,
            CardService cards,
            CurrentAccount account) {
        this.chargers = chargers;
        this.service = service;
        this.decisions = decisions;
        this.cards = cards;
        this.account = account;
    }

    @GET
    public List<ChargerView> list() {
        return chargers.all().stream().map(this::view).toList();
    }

    @GET
    @Path("{id}")
    public ChargerView get(@PathParam("id") String id) {
        return view(chargers.byId(id)
                .orElseThrow(() -> new ChargingException(ChargingException.Kind.NOT_FOUND, "No charger [" + id + "]")));
    }

    private ChargerView view(Chargers.Charger c) {
        ChargingService.SessionView open = service.sessions(null, null, null, c.id(), 50).stream()
                .filter(s -> s.status().equals("OPEN"))
                .findFirst()
                .orElse(null);
        return new ChargerView(
                c.id(),
                c.name(),
                c.reader().orElse(null),
                c.control().map(ChargerController::profile).map(p -> p.id()).orElse(null),
                c.meter().map(Chargers.MeterRef::name).orElse(null),
                chargers.simulated(c.id()).isPresent(),
                open);
    }

    /** A tap of card {@code uid} at this charger's reader, decided exactly as a real one. */
    @POST
    @Path("{id}/simulate-tap")
    public ChargingService.TapResult simulateTap(@PathParam("id") String id, TapInput input) {
        if (input == null || input.uid() == null) {
            throw new ChargingException(ChargingException.Kind.INVALID, "Give the card as {\"uid\": \"04A1B2C3\"}");
        }
        return service.simulateTap(id, input.uid());
    }

    @GET
    @Path("{id}/simulated-car")
    public ChargingService.SimulatedCar car(@PathParam("id") String id) {
        return service.simulatedCar(id);
    }

    /** Plugs the simulated car in ({@code plugged: true}, optional {@code powerW}, {@code wantsWh}) or unplugs it. */
    @PUT
    @Path("{id}/simulated-car")
    public ChargingService.SimulatedCar setCar(@PathParam("id") String id, CarInput input) {
        if (input == null || input.plugged() == null) {
            throw new ChargingException(
                    ChargingException.Kind.INVALID, "Give {\"plugged\": true|false, \"powerW\": …, \"wantsWh\": …}");
        }
        return service.simulateCar(id, input.plugged(), input.powerW(), input.wantsWh());
    }

    /** Sessions started in [from, to), newest first. */
    @GET
    @Path("sessions")
    public List<ChargingService.SessionView> sessions(
            @QueryParam("from") Instant from,
            @QueryParam("to") Instant to,
            @QueryParam("resident") String resident,
            @QueryParam("charger") String charger,
            @QueryParam("limit") @DefaultValue("200") int limit) {
        Long residentId = resident == null ? null : cards.accountId(resident);
        return service.sessions(from, to, residentId, charger, Math.min(Math.max(limit, 1), 5000));
    }

    @GET
    @Path("sessions/{session}")
    public ChargingService.SessionView session(@PathParam("session") long session) {
        return service.session(session)
                .orElseThrow(() -> new ChargingException(
                        ChargingException.Kind.NOT_FOUND, "No charging session [" + session + "]"));
    }

    /** Ends a running session (the charger is switched off, the meter read); needs a reason; audited. */
    @POST
    @Path("sessions/{session}/end")
    public ChargingService.TapResult end(@PathParam("session") long session, EndInput input) {
        return service.endByCaretaker(session, account.username().orElse(""), input == null ? null : input.reason());
    }

    /** The decision log, newest first; page with {@code before} = the last id seen. */
    @GET
    @Path("decisions")
    public List<DecisionLog.Entry> decisions(
            @QueryParam("charger") String charger,
            @QueryParam("before") Long before,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return decisions.list(charger, before, Math.min(Math.max(limit, 1), 1000));
    }
}
