package org.hausmeter.web.resident;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hausmeter.billing.BillCalculator;
import org.hausmeter.billing.Bills;
import org.hausmeter.billing.StoredBill;
import org.hausmeter.billing.StoredLine;
import org.hausmeter.charging.ChargingService;
import org.hausmeter.energy.ApartmentEnergy;
import org.hausmeter.energy.MonthEnergy;
import org.hausmeter.web.CurrentAccount;
import org.hausmeter.web.SiteSettings;
import org.hausmeter.web.i18n.RequestLocale;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The resident's EV charging sessions: when, where, energy, and, once priced, the solar share and the cost incl. VAT
 * — from the issued invoice that bills the session, else from the draft bill that has it, else from the month's
 * computation. Until when a price is provisional, and what a session of a month without a bill is, says
 * {@link SessionBillingState}.
 */
@Path("/me/charging")
@RolesAllowed("RESIDENT")
public class ResidentChargingResource {

    /** Sessions shown at most. */
    static final int LIMIT = 500;

    /**
     * A session row.
     *
     * @param start   start date and time
     * @param end     end time (or date and time on another day), empty while charging
     * @param charger charger name
     * @param card    the card's UID
     * @param energy  energy, or empty while charging
     * @param solar   solar share, or empty when not priced
     * @param cost    cost incl. VAT, or empty when not priced
     * @param status  "charging", "on bill …", "provisional until …", "not billed: …", "under review" …
     * @param badge   CSS class of the status
     * @param signed  the wallbox signed the session's meter values (OCMF)
     */
    @TemplateData
    public record Row(
            String start,
            String end,
            String charger,
            String card,
            String energy,
            String solar,
            String cost,
            String status,
            String badge,
            boolean signed) {}

    /** One choice of the charge-mode form. */
    @TemplateData
    public record ModeOption(String value, String label, String hint, boolean checked) {}

    /** The charge-mode form of one open session. */
    @TemplateData
    public record OpenSession(long id, String title, List<ModeOption> modes) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance charging(
                List<Row> sessions,
                String total,
                String totalCost,
                List<OpenSession> open,
                String notice,
                String error);
    }

    @jakarta.inject.Inject
    org.hausmeter.charging.power.ChargeModes modes;

    @jakarta.inject.Inject
    org.hausmeter.charging.ChargingConfig chargingConfig;

    static PowerMessages power(java.util.Locale locale) {
        return io.quarkus.qute.i18n.MessageBundles.get(
                PowerMessages.class, io.quarkus.qute.i18n.Localized.Literal.of(locale.getLanguage()));
    }

    /** The resident's choice for their open session (the phone-friendly form on this page). */
    @jakarta.ws.rs.POST
    @Path("{id}/mode")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response mode(@jakarta.ws.rs.PathParam("id") long id, @jakarta.ws.rs.FormParam("mode") String mode) {
        Residents.Me me = Residents.me(account);
        try {
            modes.set(me.id(), id, mode);
        } catch (org.hausmeter.charging.ChargingException e) {
            PowerMessages pw = power(locale.locale());
            return page(
                    null,
                    switch (e.kind()) {
                        case NOT_FOUND -> pw.mode_not_found();
                        case CONFLICT -> pw.mode_ended();
                        case INVALID -> pw.mode_invalid();
                    });
        }
        return Response.seeOther(java.net.URI.create("/me/charging?mode=saved")).build();
    }

    private final ChargingService charging;
    private final Bills bills;
    private final ApartmentEnergy energy;
    private final RequestLocale locale;
    private final SiteSettings site;
    private final CurrentAccount account;
    private final Clock clock;

    ResidentChargingResource(
            ChargingService charging,
            Bills bills,
            ApartmentEnergy energy,
            RequestLocale locale,
            SiteSettings site,
            CurrentAccount account,
            Clock clock) {
        this.account = account;
        this.clock = clock;
        this.charging = charging;
        this.bills = bills;
        this.energy = energy;
        this.locale = locale;
        this.site = site;
    }

    /** A price from a bill line (issued or draft): net, VAT rate and the session's PV. */
    private record Billed(String number, BigDecimal net, BigDecimal vatPercent, String currency, BigDecimal pvKwh) {}

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response list(@jakarta.ws.rs.QueryParam("mode") String saved) {
        return page("saved".equals(saved) ? power(locale.locale()).mode_saved() : null, null);
    }

    private Response page(String notice, String error) {
        Residents.Me me = Residents.me(account);
        PowerMessages pw = power(locale.locale());
        ResidentMessages msg = Residents.messages(locale.locale());
        ResidentPageMessages rp = Residents.pageMessages(locale.locale());
        Fmt fmt = new Fmt(locale.locale(), site.zone());
        LocalDate today = LocalDate.ofInstant(clock.instant(), fmt.zone);
        Map<Long, Billed> issued = new HashMap<>();
        for (StoredBill b : bills.ofResident(me.id())) {
            if (b.issuedInvoice()) {
                evLines(b, issued);
            }
        }
        List<ChargingService.SessionView> sessions = charging.sessions(null, null, me.id(), null, LIMIT);
        // Drafts and bill runs only of the months that have a session not on an issued invoice.
        Map<YearMonth, Boolean> monthHasBills = new HashMap<>();
        Map<Long, Billed> drafts = new HashMap<>();
        for (ChargingService.SessionView s : sessions) {
            YearMonth month = YearMonth.from(LocalDate.ofInstant(s.startedAt(), fmt.zone));
            if ("CLOSED".equals(s.status()) && !issued.containsKey(s.id()) && !monthHasBills.containsKey(month)) {
                List<StoredBill> ofMonth = bills.month(month);
                monthHasBills.put(month, !ofMonth.isEmpty());
                for (StoredBill b : ofMonth) {
                    if (b.isDraft() && b.residentId() == me.id()) {
                        evLines(b, drafts);
                    }
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        List<OpenSession> open = new ArrayList<>();
        long totalWh = 0;
        long totalPvWh = 0;
        BigDecimal totalGross = BigDecimal.ZERO;
        Currency totalCurrency = null;
        int count = 0;
        for (ChargingService.SessionView s : sessions) {
            LocalDate startDay = LocalDate.ofInstant(s.startedAt(), fmt.zone);
            YearMonth month = YearMonth.from(startDay);
            String end = s.endedAt() == null
                    ? ""
                    : LocalDate.ofInstant(s.endedAt(), fmt.zone).equals(startDay)
                            ? fmt.time(s.endedAt())
                            : fmt.dateTime(s.endedAt());
            String energyText = s.energyWh() == null ? "" : fmt.kwh(s.energyWh(), 2);
            String solar = "";
            String cost = "";
            String status;
            String badge;
            if ("OPEN".equals(s.status())) {
                status = msg.charging_running();
                badge = "running";
                String current = modes.current(s.id())
                        .orElse(chargingConfig.power().defaultMode())
                        .name();
                List<ModeOption> options = new ArrayList<>();
                options.add(new ModeOption(
                        "SOLAR_ONLY", pw.mode_solar_only(), pw.mode_solar_only_hint(), current.equals("SOLAR_ONLY")));
                options.add(new ModeOption(
                        "SOLAR_PLUS_MIN",
                        pw.mode_solar_plus_min(),
                        pw.mode_solar_plus_min_hint(),
                        current.equals("SOLAR_PLUS_MIN")));
                options.add(new ModeOption("FAST", pw.mode_fast(), pw.mode_fast_hint(), current.equals("FAST")));
                open.add(new OpenSession(s.id(), pw.mode_title(s.chargerName()), options));
            } else if ("FLAGGED".equals(s.status())) {
                status = msg.charging_flagged();
                badge = "cancelled";
            } else {
                long wh = s.energyWh() == null ? 0 : s.energyWh();
                Billed b = issued.get(s.id());
                Billed draft = drafts.get(s.id());
                SessionBillingState.Outcome state = SessionBillingState.of(
                        month, today, b != null, draft != null, monthHasBills.getOrDefault(month, false));
                Billed priced = b != null ? b : draft;
                long pvWh = -1;
                BigDecimal gross = null;
                Currency currency = null;
                if (priced != null) {
                    pvWh = priced.pvKwh().movePointRight(3).longValue();
                    currency = Currency.getInstance(priced.currency());
                    gross = Fmt.gross(priced.net(), priced.vatPercent());
                } else {
                    Optional<MonthEnergy.EvCost> c = energy.evCost(month, s.id());
                    if (c.isPresent()) {
                        pvWh = c.get().pvWh();
                        currency = c.get().net().currency();
                        gross = Fmt.gross(
                                c.get().net().amount(), c.get().vatRate().percent());
                    }
                }
                if (pvWh >= 0) {
                    solar = wh == 0 ? "" : fmt.percent((double) pvWh / wh);
                    cost = fmt.money(gross, currency);
                    totalPvWh += pvWh;
                    if (totalCurrency == null || totalCurrency.equals(currency)) {
                        totalCurrency = currency;
                        totalGross = totalGross.add(gross);
                    }
                }
                String monthName = fmt.month(month);
                switch (state.state()) {
                    case BILLED -> {
                        status = msg.charging_billed(b.number());
                        badge = "billed";
                    }
                    case DRAFT -> {
                        status = rp.ev_provisional_draft(monthName);
                        badge = "provisional";
                    }
                    case RUNNING -> {
                        if (pvWh >= 0) {
                            status = rp.ev_provisional_running(monthName, fmt.date(state.earliest()));
                            badge = "provisional";
                        } else {
                            status = msg.charging_pending();
                            badge = "pending";
                        }
                    }
                    case NO_BILL_RUN -> {
                        status = rp.ev_unbilled_no_run(monthName);
                        badge = "unbilled";
                    }
                    default -> {
                        status = rp.ev_unbilled_missing(monthName);
                        badge = "unbilled";
                    }
                }
                totalWh += wh;
                count++;
            }
            rows.add(new Row(
                    fmt.dateTime(s.startedAt()),
                    end,
                    s.chargerName(),
                    s.cardUid(),
                    energyText,
                    solar,
                    cost,
                    status,
                    badge,
                    s.signed()));
        }
        String total = msg.charging_total(count, fmt.kwh(totalWh, 1), fmt.kwh(totalPvWh, 1));
        String totalCost = totalCurrency == null ? "" : rp.ev_total_cost(fmt.money(totalGross, totalCurrency));
        return ResidentResource.page(Templates.charging(rows, total, totalCost, open, notice, error));
    }

    /** Puts the EV session lines of a bill into {@code into}, by session id. */
    private static void evLines(StoredBill b, Map<Long, Billed> into) {
        for (StoredLine l : b.lines()) {
            if (BillCalculator.EV_SESSION.equals(l.key())) {
                Map<String, String> d = l.details();
                into.put(
                        Long.parseLong(String.valueOf(d.get("session"))),
                        new Billed(
                                b.number(),
                                l.net(),
                                l.vatPercent(),
                                b.currency(),
                                new BigDecimal(String.valueOf(d.get("pvKwh")))));
            }
        }
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return ResidentErrors.forbidden(locale.locale());
    }
}
