package org.hausmeter.web.resident;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.hausmeter.accounts.Access;
import org.hausmeter.energy.ApartmentEnergy;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.web.CurrentAccount;
import org.hausmeter.web.SiteSettings;
import org.hausmeter.web.i18n.RequestLocale;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The resident's dashboard: consumption today, this week, month and year with the solar share and the grid
 * power's CO2, the running month's cost so far, a chart of a chosen period (bookmarkable:
 * {@code ?period=week&date=2026-11-16&resolution=hour}) compared with the same period last year and the
 * building's median apartment, and a year's heat map. Only the resident's own apartment, clipped to their
 * tenancies ({@link Access}); any other apartment's URL is 403.
 */
@Path("/me")
@RolesAllowed("RESIDENT")
public class ResidentResource {

    @CheckedTemplate
    static class Templates {
        /**
         * The page around a dashboard's body: layout (user, language form, CSRF token), navigation, and the live part
         * ({@code now}: power now and the price hint, per request) between the body's head and the rest.
         */
        static native TemplateInstance dashboard(String head, String body, ResidentNow.View now);

        /** A dashboard's content, the same for everyone asking for the same view. */
        static native TemplateInstance dashboardBody(Dashboard view);

        static native TemplateInstance none();

        static native TemplateInstance error(String title, String message, String detail);
    }

    /** Where {@code dashboardBody.html} wants the live part. */
    static final String NOW_MARK = "<!--now-->";

    private final Access access;
    private final ApartmentEnergy energy;
    private final RequestLocale locale;
    private final SiteSettings site;
    private final Clock clock;
    private final Co2Config co2;
    private final ResidentConfig config;
    private final Session session;
    private final CurrentAccount account;
    private final ResidentNow live;

    ResidentResource(
            Access access,
            ApartmentEnergy energy,
            RequestLocale locale,
            SiteSettings site,
            Clock clock,
            Co2Config co2,
            ResidentConfig config,
            Session session,
            CurrentAccount account,
            ResidentNow live) {
        this.account = account;
        this.live = live;
        this.access = access;
        this.energy = energy;
        this.locale = locale;
        this.site = site;
        this.clock = clock;
        this.co2 = co2;
        this.config = config;
        this.session = session;
    }

    /** The dashboard of the resident's apartment (the one they live in now, else the latest). */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response dashboard(
            @QueryParam("period") String period,
            @QueryParam("date") String date,
            @QueryParam("resolution") String resolution) {
        return inOneTransaction(() -> dashboardPage(period, date, resolution));
    }

    private Response dashboardPage(String period, String date, String resolution) {
        Map<String, Access.OwnApartment> own = access.ownApartments(account.resident());
        if (own.isEmpty()) {
            return page(Templates.none());
        }
        Instant now = clock.instant();
        Access.OwnApartment chosen = own.values().stream()
                .filter(a -> a.periods().stream().anyMatch(p -> p.contains(now)))
                .findFirst()
                .orElseGet(() -> own.values().stream()
                        .max(Comparator.comparing(ResidentResource::last))
                        .orElseThrow());
        return page(render(chosen, own, "/me", period, date, resolution));
    }

    /** The dashboard of one of the resident's apartments; 403 for any other code (existing or not). */
    @GET
    @Path("apartments/{code}")
    @Produces(MediaType.TEXT_HTML)
    public Response apartment(
            @PathParam("code") String code,
            @QueryParam("period") String period,
            @QueryParam("date") String date,
            @QueryParam("resolution") String resolution) {
        return inOneTransaction(() -> apartmentPage(code, period, date, resolution));
    }

    private Response apartmentPage(String code, String period, String date, String resolution) {
        Map<String, Access.OwnApartment> own = access.ownApartments(account.resident());
        Access.OwnApartment a = own.get(code);
        if (a == null) {
            access.requireOwnApartment(
                    account.resident(), code); // throws: 403, as for every apartment that is not theirs
            throw new ForbiddenException("Apartment [" + code + "] is not yours");
        }
        return page(render(a, own, "/me/apartments/" + org.hausmeter.web.Formats.seg(code), period, date, resolution));
    }

    private static Instant last(Access.OwnApartment a) {
        return a.periods().get(a.periods().size() - 1).moveIn();
    }

    private TemplateInstance render(
            Access.OwnApartment apartment,
            Map<String, Access.OwnApartment> own,
            String base,
            String periodParam,
            String dateParam,
            String resolutionParam) {
        ZoneId zone = site.zone();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        ReportPeriod.Kind kind = periodParam == null || periodParam.isBlank()
                ? ReportPeriod.Kind.MONTH
                : ReportPeriod.Kind.ofParam(periodParam)
                        .orElseThrow(() -> new BadRequestException(
                                "Unknown period [" + periodParam + "]: day, week, month or year"));
        LocalDate date = today;
        if (dateParam != null && !dateParam.isBlank()) {
            try {
                date = LocalDate.parse(dateParam);
            } catch (DateTimeParseException e) {
                throw new BadRequestException("Date [" + dateParam + "] is not YYYY-MM-DD");
            }
            if (date.getYear() < 2000 || date.getYear() > 2100) {
                throw new BadRequestException("Date [" + dateParam + "] is out of range");
            }
        }
        Resolution resolution = null;
        if (resolutionParam != null && !resolutionParam.isBlank()) {
            resolution = Resolution.ofParam(resolutionParam)
                    .orElseThrow(() -> new BadRequestException(
                            "Unknown resolution [" + resolutionParam + "]: 15min, hour, day or month"));
        }
        ReportPeriod period = ReportPeriod.of(kind, date);
        Resolution res = period.resolutionOr(resolution);

        Locale lang = locale.locale();
        long me = Residents.me(account).id();
        List<Access.OwnApartment> others = new ArrayList<>(own.values());
        others.removeIf(a -> a.code().equals(apartment.code()));
        // Everything the view depends on besides the cached months: it is the same until the next quarter hour
        // begins or a month is loaded again (which clears the memo). Kept rendered: the same view gives the same
        // HTML, and rendering it was half of a dashboard's time; only the layout around it is rendered per request.
        String key = "view|" + me + "|" + apartment + "|" + others + "|" + lang + "|" + base + "|" + period + "|" + res
                + "|" + Intervals.floor(now);
        String body = energy.memo(key, () -> {
            ResidentFigures figures = new ResidentFigures(
                    apartment.code(), apartment.periods(), zone, now, energy.view(true), energy.view(false));
            DashboardBuilder builder = new DashboardBuilder(
                    figures, Residents.messages(lang), new Fmt(lang, zone), co2.gridGPerKwh(), base, energy);
            Dashboard view = builder.build(
                    apartment,
                    others,
                    period,
                    res,
                    energy.costSoFar(apartment.code(), me),
                    energy.runningMonthPriced(),
                    energy.dataUntil(),
                    energy.runningDataUntil(),
                    config.medianMinApartments());
            return Templates.dashboardBody(view).render();
        });
        // The live part is not kept: it goes where the body marks it, after the apartment's heading.
        int cut = body.indexOf(NOW_MARK);
        String head = cut < 0 ? "" : body.substring(0, cut);
        String rest = cut < 0 ? body : body.substring(cut + NOW_MARK.length());
        return Templates.dashboard(head, rest, live.view(apartment.code(), lang, zone));
    }

    /**
     * Builds and renders the page in one read-only transaction: whatever the page and its layout look up
     * through the ORM shares one transaction and persistence context, and nothing is dirty-checked or flushed
     * at the end.
     */
    private Response inOneTransaction(Supplier<Response> page) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            // Nothing here writes: no dirty checking, no flush at the end.
            session.setDefaultReadOnly(true);
            session.setHibernateFlushMode(FlushMode.MANUAL);
            Response r = page.get();
            if (r.getEntity() instanceof TemplateInstance t) {
                return Response.fromResponse(r)
                        .entity(t.render())
                        .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .build();
            }
            return r;
        });
    }

    /** Personal data: never stored by a browser cache or a proxy. */
    static Response page(TemplateInstance page) {
        return Response.ok(page).header("Cache-Control", "no-store").build();
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return ResidentErrors.forbidden(locale.locale());
    }

    @ServerExceptionMapper
    Response badRequest(BadRequestException e) {
        return ResidentErrors.badRequest(locale.locale(), e.getMessage());
    }
}
