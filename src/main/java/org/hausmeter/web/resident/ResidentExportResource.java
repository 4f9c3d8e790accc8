package org.hausmeter.web.resident;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
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
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.hausmeter.accounts.Privacy;
import org.hausmeter.energy.ApartmentEnergy;
import org.hausmeter.energy.EnergyData;
import org.hausmeter.ledger.IntervalQuality;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.ledger.Provenance;
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

    /** Where to fetch the rows and the allocated PV from (the resource, or a test). */
    interface Rows {
        long forEach(String user, Instant from, Instant to, Privacy.RowSink sink) throws SQLException, IOException;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance export(ExportView view);
    }

    private final CurrentAccount account;
    private final RequestLocale locale;
    private final Privacy privacy;
    private final SiteSettings site;
    private final Clock clock;
    private final ApartmentEnergy energy;

    ResidentExportResource(
            CurrentAccount account,
            RequestLocale locale,
            Privacy privacy,
            SiteSettings site,
            Clock clock,
            ApartmentEnergy energy) {
        this.account = account;
        this.locale = locale;
        this.privacy = privacy;
        this.site = site;
        this.clock = clock;
        this.energy = energy;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response export() {
        LocalDate today = LocalDate.now(clock.withZone(site.zone()));
        return ResidentResource.page(Templates.export(new ExportView(today.withDayOfMonth(1), today, null)));
    }

    /**
     * The resident's quarter hours of the local days [from, to] (both included, the building's zone) as CSV,
     * clipped to their tenancies, in the local form ({@link IntervalCsv.Variant#LOCAL}) or, with
     * {@code format=iso}, the form for scripts; the export page with 400 for days that are not a range.
     */
    @GET
    @Path("intervals.csv")
    @Produces({"text/csv", MediaType.TEXT_HTML})
    public Response exportCsv(
            @QueryParam("from") String fromParam,
            @QueryParam("to") String toParam,
            @QueryParam("format") String format) {
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
        ExportMessages ex = messages(locale.locale());
        IntervalCsv csv = new IntervalCsv(IntervalCsv.Variant.of(format), locale.locale(), zone, header(ex));
        EnergyData pv = energy.view(true);
        StreamingOutput body = out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            try {
                write(
                        privacy::forEachInterval,
                        user,
                        start,
                        end,
                        csv,
                        zone,
                        pv,
                        w,
                        p -> {
                            ProvenanceView v = ProvenanceView.of(p);
                            return words.provenance(v.kind(), v.reference(), v.position(), v.who());
                        },
                        q -> csv.variant() == IntervalCsv.Variant.ISO ? q.name() : ex.quality(q.name()));
            } catch (SQLException e) {
                throw new IOException("Export failed: " + e.getMessage(), e);
            }
            w.flush();
        };
        String suffix = csv.variant() == IntervalCsv.Variant.ISO ? "-iso" : "";
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"hausmeter-" + user + "-" + from + "-" + to + suffix + ".csv\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    /**
     * Writes the header and every row of the resident's quarter hours, each with the PV the bill run's allocation
     * gives the apartment in that quarter hour ({@link EnergyData#quarterHours}). Where an apartment has two meters
     * in one quarter hour (an exchange), the solar value stands on the first of its rows only, so that the column
     * adds up to the apartment's allocation.
     */
    static long write(
            Rows rows,
            String user,
            Instant from,
            Instant to,
            IntervalCsv csv,
            ZoneId zone,
            EnergyData pv,
            Writer out,
            Function<Provenance, String> source,
            Function<IntervalQuality, String> quality)
            throws SQLException, IOException {
        out.write(csv.header());
        String[] last = {null};
        Instant[] lastStart = {null};
        return rows.forEach(user, from, to, r -> {
            Long solar = null;
            boolean first = !(r.apartment().equals(last[0]) && r.start().equals(lastStart[0]));
            if (first) {
                EnergyData.QuarterHours day =
                        pv.quarterHours(r.apartment(), r.start().atZone(zone).toLocalDate());
                int i = IntervalCsv.quarterOfDay(r.start(), zone);
                if (day.pvKnown() && i < day.pvWh().length) {
                    solar = (long) day.pvWh()[i];
                }
            }
            last[0] = r.apartment();
            lastStart[0] = r.start();
            out.write(csv.row(
                    r.apartment(),
                    r.meter(),
                    r.start(),
                    r.importWh(),
                    r.exportWh(),
                    solar,
                    quality.apply(r.quality()),
                    source.apply(r.provenance())));
        });
    }

    /** The local variant's column names. */
    static List<String> header(ExportMessages ex) {
        return List.of(
                ex.col_apartment(),
                ex.col_meter(),
                ex.col_start(),
                ex.col_offset(),
                ex.col_import(),
                ex.col_export(),
                ex.col_solar(),
                ex.col_quality(),
                ex.col_source());
    }

    static ExportMessages messages(Locale locale) {
        return MessageBundles.get(ExportMessages.class, Localized.Literal.of(locale.getLanguage()));
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return ResidentErrors.forbidden(locale.locale());
    }
}
