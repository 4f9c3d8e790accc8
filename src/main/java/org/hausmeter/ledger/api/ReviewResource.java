package org.hausmeter.ledger.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.hausmeter.ledger.EnergyBalance;
import org.hausmeter.ledger.LedgerException;
import org.hausmeter.ledger.persistence.LedgerChecks;

/** Caretaker API: the open review flags, and the ledger checks on demand (balance of local days, anomalies). */
@Path("/api/ledger")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("CARETAKER")
public class ReviewResource {

    /** What a check run found. */
    public record CheckResult(List<EnergyBalance.DayBalance> days, int anomalies) {}

    private final LedgerChecks checks;

    ReviewResource(LedgerChecks checks) {
        this.checks = checks;
    }

    @GET
    @Path("review-flags")
    public List<LedgerChecks.Flag> flags() throws SQLException {
        return checks.openFlags();
    }

    /** Balance of the local days [from, to) and the anomaly rules; findings become review flags. */
    @POST
    @Path("checks")
    public CheckResult run(@QueryParam("from") LocalDate from, @QueryParam("to") LocalDate to) throws SQLException {
        if (from == null || to == null || !to.isAfter(from)) {
            throw new LedgerException(
                    LedgerException.Kind.INVALID, "Give local days as ?from=2025-06-01&to=2025-06-02 (to after from)");
        }
        EnergyBalance.Report report = checks.balance(from, to);
        return new CheckResult(report.days(), checks.anomalies());
    }
}
