package org.hausmeter.charging.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.hausmeter.charging.CardService;
import org.hausmeter.charging.ChargingException;
import org.hausmeter.charging.ChargingService;
import org.hausmeter.web.CurrentAccount;

/** A resident's own charging sessions and cards; never anyone else's. */
@Path("/api/me/charging-sessions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("RESIDENT")
public class MyChargingResource {

    private final ChargingService service;
    private final CardService cards;
    private final CurrentAccount account;

    MyChargingResource(ChargingService service, CardService cards, CurrentAccount account) {
        this.service = service;
        this.cards = cards;
        this.account = account;
    }

    private long me() {
        return cards.accountId(account.resident()
                .orElseThrow(
                        () -> new ChargingException(ChargingException.Kind.NOT_FOUND, "No resident is logged in")));
    }

    /** My sessions started in [from, to) (either optional), newest first. */
    @GET
    public List<ChargingService.SessionView> sessions(
            @QueryParam("from") Instant from,
            @QueryParam("to") Instant to,
            @QueryParam("limit") @DefaultValue("200") int limit) {
        return service.sessions(from, to, me(), null, Math.min(Math.max(limit, 1), 5000));
    }

    public record ModeInput(String mode) {}

    /** Chooses the charge mode of my open session: SOLAR_ONLY, SOLAR_PLUS_MIN or FAST. */
    @jakarta.ws.rs.PUT
    @Path("{id}/mode")
    public java.util.Map<String, Object> mode(@jakarta.ws.rs.PathParam("id") long id, ModeInput in) {
        org.hausmeter.charging.power.ChargeMode m = modes.set(me(), id, in == null ? null : in.mode());
        return java.util.Map.of("session", id, "mode", m.name());
    }

    @jakarta.inject.Inject
    org.hausmeter.charging.power.ChargeModes modes;

    /** My cards (at /api/me/charging-sessions/cards). */
    @GET
    @Path("cards")
    public List<CardService.CardView> cards() {
        return cards.list(java.util.Optional.of(me()));
    }
}
