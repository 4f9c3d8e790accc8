package org.hausmeter.charging.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.hausmeter.charging.CardService;
import org.hausmeter.charging.ChargingException;
import org.hausmeter.web.CurrentAccount;

/** Caretaker API for residents' cards: register, block, unblock, expiry, enrollment. Every change is audited. */
@Path("/api/cards")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("CARETAKER")
public class CardResource {

    /** A typed-in card: UID hex (4, 7 or 10 bytes), the resident's username, optional label and last valid day. */
    public record CardInput(String uid, String resident, String label, LocalDate expiresOn) {}

    public record ReasonInput(String reason) {}

    public record ExpiryInput(LocalDate expiresOn) {}

    public record GroupInput(String group) {}

    public record EnrollmentInput(String resident, String label, LocalDate expiresOn) {}

    private final CardService cards;
    private final CurrentAccount account;

    CardResource(CardService cards, CurrentAccount account) {
        this.cards = cards;
        this.account = account;
    }

    private String actor() {
        return account.username().orElse("");
    }

    @GET
    public List<CardService.CardView> list(@QueryParam("resident") String resident) {
        if (resident == null) {
            return cards.list(Optional.empty());
        }
        return cards.list(Optional.of(cards.accountId(resident)));
    }

    @POST
    public Response register(CardInput input) {
        if (input == null) {
            throw new ChargingException(
                    ChargingException.Kind.INVALID, "Give {\"uid\", \"resident\", \"label\"?, \"expiresOn\"?}");
        }
        return Response.status(Response.Status.CREATED)
                .entity(cards.register(input.uid(), input.resident(), input.label(), input.expiresOn(), actor()))
                .build();
    }

    @GET
    @Path("{uid}")
    public CardService.CardView get(@PathParam("uid") String uid) {
        return cards.find(uid)
                .orElseThrow(() ->
                        new ChargingException(ChargingException.Kind.NOT_FOUND, "Card " + uid + " is not registered"));
    }

    @POST
    @Path("{uid}/block")
    public CardService.CardView block(@PathParam("uid") String uid, ReasonInput input) {
        return cards.block(uid, input == null ? null : input.reason(), actor());
    }

    @POST
    @Path("{uid}/unblock")
    public CardService.CardView unblock(@PathParam("uid") String uid, ReasonInput input) {
        return cards.unblock(uid, input == null ? null : input.reason(), actor());
    }

    /** Sets the last day the card is accepted ({@code null} clears it). */
    @PUT
    @Path("{uid}/expiry")
    public CardService.CardView expiry(@PathParam("uid") String uid, ExpiryInput input) {
        return cards.setExpiry(uid, input == null ? null : input.expiresOn(), actor());
    }

    /** Puts the card in a price group (RESIDENT, GUEST, CARSHARING … : upper-case code). */
    @PUT
    @Path("{uid}/group")
    public CardService.CardView group(@PathParam("uid") String uid, GroupInput input) {
        return cards.setGroup(uid, input == null ? null : input.group(), actor());
    }

    /** Starts an enrollment: the next unknown card tapped at any reader is registered to the resident. */
    @POST
    @Path("enrollment")
    public CardService.Enrollment enroll(EnrollmentInput input) {
        if (input == null || input.resident() == null) {
            throw new ChargingException(ChargingException.Kind.INVALID, "Give {\"resident\": \"username\"}");
        }
        return cards.startEnrollment(input.resident(), input.label(), input.expiresOn(), actor());
    }

    @GET
    @Path("enrollment")
    public Response enrollment() {
        return cards.enrollment()
                .map(e -> Response.ok(e).build())
                .orElse(Response.noContent().build());
    }

    @DELETE
    @Path("enrollment")
    public Response cancelEnrollment() {
        cards.cancelEnrollment(actor());
        return Response.noContent().build();
    }
}
