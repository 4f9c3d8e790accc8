package org.hausmeter.accounts.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hausmeter.accounts.AccountException;
import org.hausmeter.accounts.Apartments;
import org.hausmeter.accounts.Residents;
import org.hausmeter.accounts.Tenancies;
import org.hausmeter.web.ApiErrors;
import org.hausmeter.web.CurrentAccount;

/**
 * Caretaker API to set up a building by script: apartments, residents (with their one-time password, as the residents
 * page gives it), tenancies and handovers (tenant changes, with the counter read at the handover). Errors are JSON
 * {@code {"error": "...", "field": "..."}} naming the input field (404 unknown, 400 invalid, 409 conflict).
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("CARETAKER")
@Tag(name = "Building setup", description = "Apartments, residents, tenancies and handovers (caretaker)")
@APIResponse(
        responseCode = "400",
        description = "Invalid input; field names it",
        content = @Content(schema = @Schema(implementation = ApiErrors.FieldError.class)))
@APIResponse(
        responseCode = "404",
        description = "Unknown apartment or resident",
        content = @Content(schema = @Schema(implementation = ApiErrors.FieldError.class)))
@APIResponse(
        responseCode = "409",
        description = "Conflicts with stored data (code or username taken, apartment let, issued bill)",
        content = @Content(schema = @Schema(implementation = ApiErrors.FieldError.class)))
public class BuildingSetupResource {

    /**
     * A new apartment.
     *
     * @param code   unique, 1-32 characters, no slash (e.g. "Whg 117")
     * @param areaM2 floor area, for the floor-area keys; null when unknown
     */
    public record ApartmentInput(String code, String name, Integer floor, BigDecimal areaM2) {}

    /** The created apartment. */
    public record CreatedApartment(long id, String code) {}

    /** A new resident account; locale "de" (default) or "en". */
    public record ResidentInput(String username, String displayName, String email, String locale) {}

    /** A tenancy from the start of {@code moveIn} (local day) in a vacant apartment. */
    public record TenancyInput(String apartment, String resident, LocalDate moveIn) {}

    /**
     * A handover at the start of {@code day}: the running tenancy ends, {@code resident} (null: nobody) moves in;
     * {@code importWh}/{@code exportWh} are the apartment meter's counters read at the handover (Wh, optional, only
     * for a day that has begun).
     */
    public record HandoverInput(LocalDate day, String resident, Long importWh, Long exportWh) {}

    private final Apartments apartments;
    private final Residents residents;
    private final Tenancies tenancies;
    private final CurrentAccount account;

    BuildingSetupResource(Apartments apartments, Residents residents, Tenancies tenancies, CurrentAccount account) {
        this.apartments = apartments;
        this.residents = residents;
        this.tenancies = tenancies;
        this.account = account;
    }

    private String actor() {
        return account.username().orElse("");
    }

    @GET
    @Path("apartments")
    @Operation(summary = "Every apartment with its meters, its tenancy now and the next one")
    public List<Tenancies.ApartmentView> apartments() {
        return tenancies.apartments();
    }

    @POST
    @Path("apartments")
    @Operation(summary = "Create an apartment (201)")
    @APIResponse(responseCode = "201", description = "Created")
    public Response createApartment(ApartmentInput in) {
        if (in == null) {
            throw new AccountException(AccountException.Kind.INVALID, "code", "An apartment needs [code] and [name]");
        }
        long id = apartments.create(in.code(), in.name(), in.floor(), in.areaM2(), actor());
        return Response.status(Response.Status.CREATED)
                .entity(new CreatedApartment(id, in.code()))
                .build();
    }

    @GET
    @Path("apartments/{code}/tenancies")
    @Operation(summary = "The tenancies of an apartment, oldest first")
    public List<Tenancies.TenancyView> apartmentTenancies(@PathParam("code") String code) {
        return tenancies
                .apartment(code)
                .map(a -> tenancies.ofApartment(code))
                .orElseThrow(() -> new AccountException(
                        AccountException.Kind.NOT_FOUND, "apartment", "No apartment [" + code + "]"));
    }

    @GET
    @Path("residents")
    @Operation(summary = "Every resident account")
    public List<Residents.ResidentView> residents() {
        return residents.all();
    }

    @POST
    @Path("residents")
    @Operation(
            summary = "Create a resident (201) with a one-time password",
            description = "The answer holds the generated password once; it logs in until validUntil and must be"
                    + " changed at the first login. It is stored nowhere in clear.")
    @APIResponse(responseCode = "201", description = "Created; the body holds the one-time password")
    public Response createResident(ResidentInput in) {
        if (in == null) {
            throw new AccountException(
                    AccountException.Kind.INVALID, "username", "A resident needs [username] and [displayName]");
        }
        Residents.Password p = residents.create(in.username(), in.displayName(), in.email(), in.locale(), actor());
        return Response.status(Response.Status.CREATED).entity(p).build();
    }

    @POST
    @Path("tenancies")
    @Operation(summary = "Start a tenancy in a vacant apartment (201)")
    @APIResponse(responseCode = "201", description = "Created")
    public Response createTenancy(TenancyInput in) {
        if (in == null || in.apartment() == null || in.apartment().isBlank()) {
            throw new AccountException(AccountException.Kind.INVALID, "apartment", "A tenancy needs its [apartment]");
        }
        Tenancies.Handover h = tenancies.moveIn(in.apartment(), in.moveIn(), in.resident(), actor());
        return Response.status(Response.Status.CREATED).entity(h.started()).build();
    }

    @POST
    @Path("apartments/{code}/handover")
    @Operation(
            summary = "Record a handover (tenant change)",
            description = "The tenancy running at the start of the day ends there and the new resident's begins; with"
                    + " importWh the meter reading at the handover is stored as a manual reading.")
    public Tenancies.Handover handover(@PathParam("code") String code, HandoverInput in) {
        if (in == null || in.day() == null) {
            throw new AccountException(AccountException.Kind.INVALID, "day", "A handover needs its [day]");
        }
        if (in.importWh() != null && in.importWh() < 0) {
            throw new AccountException(AccountException.Kind.INVALID, "importWh", "[importWh] must not be negative");
        }
        if (in.exportWh() != null && in.exportWh() < 0) {
            throw new AccountException(AccountException.Kind.INVALID, "exportWh", "[exportWh] must not be negative");
        }
        return tenancies.handover(code, in.day(), in.resident(), in.importWh(), in.exportWh(), actor());
    }
}
