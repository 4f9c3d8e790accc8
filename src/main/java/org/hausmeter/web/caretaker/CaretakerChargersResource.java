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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hausmeter.charging.CardService;
import org.hausmeter.charging.Chargers;
import org.hausmeter.charging.ChargingService;
import org.hausmeter.charging.DecisionLog;
import org.hausmeter.charging.control.ChargerController;

/**
 * The chargers: state and running session, "simulate tap" (decided exactly like a card at the
 * reader), the simulated car of the simulated building, ending a session, every session and the
 * decision log (accepted, refused and why).
 */
@Path("/caretaker/chargers")
@RolesAllowed("CARETAKER")
public class CaretakerChargersResource extends CaretakerPages {

    static final int PAGE = 30;

    /**
     * A charger now.
     *
     * @param car the simulated car, or null outside the simulated building
     */
    public record ChargerView(
            String id,
            String name,
            String reader,
            String profile,
            String meter,
            ChargingService.SessionView open,
            ChargingService.SimulatedCar car) {}

    /**
     * @param tapUid the last simulated tap's card, preselected, or empty
     * @param older  id to page the decision log with, or null when this is the last page
     * @param at     the charger whose panel shows the notice (the page opens at that panel, so a notice at the top
     *               would be out of sight), or empty for the top of the page
     */
    public record View(
            Notice notice,
            List<ChargerView> chargers,
            List<CardService.CardView> cards,
            List<ChargingService.SessionView> sessions,
            List<DecisionTexts.Row> decisions,
            Long older,
            String tapUid,
            String at) {

        /** The notice at the top of the page: none when a charger's panel shows it. */
        public Notice topNotice() {
            return at.isEmpty() ? notice : null;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance chargers(View view);
    }

    private final Chargers chargers;
    private final ChargingService charging;
    private final CardService cards;
    private final DecisionLog decisions;

    CaretakerChargersResource(Chargers chargers, ChargingService charging, CardService cards, DecisionLog decisions) {
        this.chargers = chargers;
        this.charging = charging;
        this.cards = cards;
        this.decisions = decisions;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance chargers(
            @QueryParam("done") String done,
            @QueryParam("n") String n,
            @QueryParam("before") Long before,
            @QueryParam("at") String at) {
        Notice notice = done(done, n);
        return view(notice, before, "", notice == null || at == null ? "" : at);
    }

    /** A tap of {@code uid} at the charger's reader, decided by the same code as a real card; the result is shown whatever it is. */
    @POST
    @Path("{id}/tap")
    @Produces(MediaType.TEXT_HTML)
    public Response tap(
            @PathParam("id") String id, @FormParam("uid") String uid, @FormParam("typedUid") String typedUid) {
        String card = Forms.blank(typedUid) ? uid : typedUid;
        return change(
                () -> {
                    ChargingService.TapResult r = charging.simulateTap(id, forms().required(card, ct().card_uid()));
                    return seeOther(
                            "/caretaker/chargers?at=" + enc(id) + "#" + id,
                            r.accepted() ? "tap_accepted" : "tap_refused",
                            r.outcome() + "|" + r.reason() + "|" + r.message());
                },
                notice -> view(notice, null, card, ""));
    }

    @POST
    @Path("sessions/{session}/end")
    @Produces(MediaType.TEXT_HTML)
    public Response end(@PathParam("session") long session, @FormParam("reason") String reason) {
        return change(
                () -> {
                    ChargingService.TapResult r = charging.endByCaretaker(session, actor(), reason);
                    return seeOther(
                            "/caretaker/chargers",
                            r.accepted()
                                            || r.outcome().name().equals("ENDED")
                                            || r.outcome().name().equals("FLAGGED")
                                    ? "session_ended"
                                    : "tap_refused",
                            r.outcome() + "|" + r.reason() + "|" + r.message());
                },
                notice -> view(notice, null, "", ""));
    }

    /** Plugs the simulated car in or out (simulated building only). */
    @POST
    @Path("{id}/car")
    @Produces(MediaType.TEXT_HTML)
    public Response car(
            @PathParam("id") String id,
            @FormParam("plugged") String plugged,
            @FormParam("powerKw") String powerKw,
            @FormParam("wantsKwh") String wantsKwh) {
        return change(
                () -> {
                    Forms f = forms();
                    Long power = f.kwh(powerKw, ct().car_power());
                    Long wants = f.kwh(wantsKwh, ct().car_wants());
                    boolean plug = "true".equals(plugged);
                    charging.simulateCar(id, plug, power, wants);
                    return seeOther(
                            "/caretaker/chargers?at=" + enc(id) + "#" + id, plug ? "car_plugged" : "car_unplugged", id);
                },
                notice -> view(notice, null, "", ""));
    }

    /** The log's entries in the caretaker's words, with the names of the people and the facts of the sessions. */
    private List<DecisionTexts.Row> rows(List<DecisionLog.Entry> log) {
        java.util.Set<Long> sessionIds = new java.util.HashSet<>();
        java.util.Set<Long> people = new java.util.HashSet<>();
        for (DecisionLog.Entry e : log) {
            if (e.sessionId() != null) {
                sessionIds.add(e.sessionId());
            }
            if (e.residentId() != null) {
                people.add(e.residentId());
            }
        }
        java.util.Map<Long, ChargingService.SessionView> sessions = charging.sessionsById(sessionIds);
        java.util.Map<Long, String> names = charging.residentNames(people);
        DecisionMessages dl = io.quarkus.qute.i18n.MessageBundles.get(
                DecisionMessages.class, io.quarkus.qute.i18n.Localized.Literal.of(locale().getLanguage()));
        List<DecisionTexts.Row> rows = new ArrayList<>();
        for (DecisionLog.Entry e : log) {
            rows.add(DecisionTexts.row(
                    e,
                    e.sessionId() == null ? null : sessions.get(e.sessionId()),
                    e.residentId() == null ? null : names.get(e.residentId()),
                    dl,
                    locale()));
        }
        return rows;
    }

    private TemplateInstance view(Notice notice, Long before, String tapUid, String at) {
        List<ChargerView> views = new ArrayList<>();
        for (Chargers.Charger c : chargers.all()) {
            ChargingService.SessionView open = charging.sessions(null, null, null, c.id(), 20).stream()
                    .filter(s -> "OPEN".equals(s.status()))
                    .findFirst()
                    .orElse(null);
            ChargingService.SimulatedCar car =
                    chargers.simulated(c.id()).isPresent() ? charging.simulatedCar(c.id()) : null;
            views.add(new ChargerView(
                    c.id(),
                    c.name(),
                    c.reader().orElse(null),
                    c.control().map(ChargerController::profile).map(p -> p.id()).orElse(null),
                    c.meter().map(Chargers.MeterRef::name).orElse(null),
                    open,
                    car));
        }
        List<DecisionLog.Entry> log = decisions.list(null, before, PAGE + 1);
        Long older = log.size() > PAGE ? log.get(PAGE - 1).id() : null;
        return Templates.chargers(new View(
                notice,
                views,
                cards.list(Optional.empty()),
                charging.sessions(null, null, null, null, PAGE),
                rows(log.size() > PAGE ? log.subList(0, PAGE) : log),
                older,
                tapUid == null ? "" : tapUid,
                at));
    }
}
