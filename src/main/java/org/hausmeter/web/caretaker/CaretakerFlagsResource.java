package org.hausmeter.web.caretaker;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.hausmeter.ledger.EnergyBalance;
import org.hausmeter.ledger.persistence.LedgerChecks;

/**
 * The review list: open flags of the ledger's checks (gaps and counter anomalies, energy balance,
 * consumption jumps, silent meters), each resolvable with a note, and the checks run on demand.
 */
@Path("/caretaker/flags")
@RolesAllowed("CARETAKER")
public class CaretakerFlagsResource extends CaretakerPages {

    /** A flag with the local day its meter page should open at. */
    public record Row(LedgerChecks.Flag flag, LocalDate day) {}

    public record View(
            Notice notice, List<Row> flags, LocalDate checkFrom, LocalDate checkTo, long resolving, String note) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance flags(View view);
    }

    private final LedgerChecks checks;

    CaretakerFlagsResource(LedgerChecks checks) {
        this.checks = checks;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance flags(@QueryParam("done") String done, @QueryParam("n") String n) throws SQLException {
        return view(done(done, n), today().minusDays(1), today(), 0, "");
    }

    @POST
    @Path("{id}/resolve")
    @Produces(MediaType.TEXT_HTML)
    public Response resolve(@PathParam("id") long id, @FormParam("note") String note) {
        return change(
                () -> {
                    try {
                        checks.resolve(id, actor(), note);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    return seeOther("/caretaker/flags", "flag_resolved", Long.toString(id));
                },
                notice -> uncheckedView(notice, today().minusDays(1), today(), id, note));
    }

    /** Runs the energy balance of the local days [from, to] and the anomaly rules now. */
    @POST
    @Path("check")
    @Produces(MediaType.TEXT_HTML)
    public Response check(@FormParam("from") String from, @FormParam("to") String to) {
        return change(
                () -> {
                    Forms f = forms();
                    LocalDate first = f.date(from, ct().flags_from());
                    LocalDate last = f.date(to, ct().flags_to());
                    if (last.isBefore(first) || last.isAfter(first.plusDays(92))) {
                        throw new FormException(ct().flags_range());
                    }
                    try {
                        EnergyBalance.Report report = checks.balance(first, last.plusDays(1));
                        checks.anomalies();
                        return seeOther(
                                "/caretaker/flags",
                                "checks_run",
                                report.days().size() + "/"
                                        + report.flaggedDays().size());
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                },
                notice -> uncheckedView(notice, today().minusDays(1), today(), 0, ""));
    }

    private TemplateInstance uncheckedView(Notice notice, LocalDate from, LocalDate to, long resolving, String note) {
        try {
            return view(notice, from, to, resolving, note);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private TemplateInstance view(Notice notice, LocalDate from, LocalDate to, long resolving, String note)
            throws SQLException {
        List<Row> rows = checks.openFlags().stream()
                .map(f -> new Row(f, LocalDate.ofInstant(f.from(), zone())))
                .toList();
        return Templates.flags(new View(notice, rows, from, to, resolving, note == null ? "" : note));
    }
}
