package org.hausmeter.accounts.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.hausmeter.accounts.Privacy;
import org.hausmeter.ledger.LedgerException;

/** A resident's own data: their apartment's quarter hours for their tenancies, as CSV. Nobody else's. */
@Path("/api/me")
@RolesAllowed("RESIDENT")
public class MyDataResource {

    private final Privacy privacy;
    private final SecurityIdentity identity;

    MyDataResource(Privacy privacy, SecurityIdentity identity) {
        this.privacy = privacy;
        this.identity = identity;
    }

    @GET
    @Path("intervals.csv")
    @Produces("text/csv")
    public Response intervals(@QueryParam("from") Instant from, @QueryParam("to") Instant to) {
        if (from == null || to == null || !to.isAfter(from)) {
            throw new LedgerException(LedgerException.Kind.INVALID, "Give the period as ?from=…&to=… (ISO instants, to after from)");
        }
        String user = identity.getPrincipal().getName();
        StreamingOutput body = out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            try {
                privacy.exportIntervals(user, from, to, w);
            } catch (java.sql.SQLException e) {
                throw new java.io.IOException("Export failed: " + e.getMessage(), e);
            }
            w.flush();
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"hausmeter-" + user + ".csv\"").build();
    }
}
