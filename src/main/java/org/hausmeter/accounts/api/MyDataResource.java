package org.hausmeter.accounts.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import org.hausmeter.accounts.Access;
import org.hausmeter.accounts.Privacy;
import org.hausmeter.ledger.LedgerException;
import org.hausmeter.web.CurrentAccount;

/**
 * A resident's own data: their apartments and tenancy periods, and their apartment's quarter hours for
 * their tenancies as CSV. Nobody else's: apartment URLs go through {@link Access}.
 */
@Path("/api/me")
@RolesAllowed("RESIDENT")
public class MyDataResource {

    private final Privacy privacy;
    private final CurrentAccount account;
    private final Access access;

    MyDataResource(Privacy privacy, CurrentAccount account, Access access) {
        this.privacy = privacy;
        this.account = account;
        this.access = access;
    }

    /** The resident's apartments with their tenancy periods. */
    @GET
    @Path("apartments")
    @Produces(MediaType.APPLICATION_JSON)
    public Collection<Access.OwnApartment> apartments() {
        return access.ownApartments(account.resident()).values();
    }

    /** One of the resident's apartments; 403 for any other code (existing or not). */
    @GET
    @Path("apartments/{code}")
    @Produces(MediaType.APPLICATION_JSON)
    public Access.OwnApartment apartment(@PathParam("code") String code) {
        access.requireOwnApartment(account.resident(), code);
        return access.ownApartments(account.resident()).get(code);
    }

    @GET
    @Path("intervals.csv")
    @Produces("text/csv")
    public Response intervals(@QueryParam("from") Instant from, @QueryParam("to") Instant to) {
        if (from == null || to == null || !to.isAfter(from)) {
            throw new LedgerException(
                    LedgerException.Kind.INVALID, "Give the period as ?from=…&to=… (ISO instants, to after from)");
        }
        String user = account.username().orElse("");
        StreamingOutput body = out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            try {
                privacy.exportIntervals(user, from, to, w);
            } catch (java.sql.SQLException e) {
                throw new java.io.IOException("Export failed: " + e.getMessage(), e);
            }
            w.flush();
        };
        return Response.ok(body)
                .header("Content-Disposition", "attachment; filename=\"hausmeter-" + user + ".csv\"")
                .build();
    }
}
