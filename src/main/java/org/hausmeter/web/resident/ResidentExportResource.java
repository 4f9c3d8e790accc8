package org.hausmeter.web.resident;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.hausmeter.accounts.Privacy;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.web.CurrentAccount;
import org.hausmeter.web.ProvenanceView;
import org.hausmeter.web.SiteSettings;
import org.hausmeter.web.i18n.RequestLocale;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The export of the resident's own data: their apartment's quarter hours of their tenancies as CSV, for the
 * local days they choose ({@link Privacy#exportIntervals}, the same rows as {@code GET /api/me/intervals.csv}).
 */
@Path("/me/export")
@RolesAllowed("RESIDENT")
public class ResidentExportResource {

    /**
     * The export page.
     *
     * @param from  suggested first day
     * @param to    suggested last day
     * @param error an error to show, or null
     */
    @TemplateData
    public record ExportView(LocalDate from, LocalDate to, String error) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance export(ExportView view);
    }

    private final CurrentAccount account;
    private final RequestLocale locale;
    private final Privacy privacy;
    private final SiteSettings site;
    private final Clock clock;

    ResidentExportResource(
            CurrentAccount account, RequestLocale locale, Privacy privacy, SiteSettings site, Clock clock) {
        this.account = account;
        this.locale = locale;
        this.privacy = privacy;
        this.site = site;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response export() {
        LocalDate today = LocalDate.now(clock.withZone(site.zone()));
        return ResidentResource.page(Templates.export(new ExportView(today.withDayOfMonth(1), today, null)));
    }

    /**
     * The resident's quarter hours of the local days [from, to] (both included, the building's zone) as CSV,
     * clipped to their tenancies; the export page with 400 for days that are not a range.
     */
    @GET
    @Path("intervals.csv")
    @Produces({"text/csv", MediaType.TEXT_HTML})
    public Response exportCsv(@QueryParam("from") String fromParam, @QueryParam("to") String toParam) {
        LocalDate from;
        LocalDate to;
        try {
            from = LocalDate.parse(fromParam == null ? "" : fromParam);
            to = LocalDate.parse(toParam == null ? "" : toParam);
        } catch (DateTimeParseException e) {
            from = null;
            to = null;
        }
        if (from == null || to.isBefore(from) || from.getYear() < 2000 || to.getYear() > 2100) {
            ResidentMessages msg = Residents.messages(locale.locale());
            LocalDate today = LocalDate.now(clock.withZone(site.zone()));
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.export(new ExportView(today.withDayOfMonth(1), today, msg.export_bad_dates())))
                    .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .build();
        }
        ZoneId zone = site.zone();
        String user = account.username().orElse("");
        Instant start = Intervals.dayStart(from, zone);
        Instant end = Intervals.dayStart(to.plusDays(1), zone);
        ResidentMessages words = Residents.messages(locale.locale());
        StreamingOutput body = out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            try {
                privacy.exportIntervals(user, start, end, w, p -> {
                    ProvenanceView v = ProvenanceView.of(p);
                    return words.provenance(v.kind(), v.reference(), v.position(), v.who());
                });
            } catch (SQLException e) {
                throw new IOException("Export failed: " + e.getMessage(), e);
            }
            w.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"hausmeter-" + user + "-" + from + "-" + to + ".csv\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return ResidentErrors.forbidden(locale.locale());
    }
}
