package org.hausmeter.web.caretaker;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hausmeter.accounts.LoginSessions;
import org.hausmeter.accounts.Residents;
import org.hausmeter.accounts.Tenancies;
import org.hausmeter.charging.CardService;
import org.hausmeter.charging.ChargingService;
import org.hausmeter.web.i18n.Msg;

/**
 * Residents: the list, new resident accounts (the generated password is shown once, here), a new
 * password, and each resident's tenancies, charging cards (register typed in or by enrollment at a
 * reader, block, unblock, last valid day) and charging sessions.
 */
@Path("/caretaker/residents")
@RolesAllowed("CARETAKER")
public class CaretakerResidentsResource extends CaretakerPages {

    /** A row of the list: the resident and the number of cards. */
    public record Row(Residents.ResidentView resident, long cards) {}

    /** The new-resident form as typed. */
    public record NewForm(String username, String displayName, String email, String locale) {
        static final NewForm EMPTY = new NewForm("", "", "", "de");
    }

    public record ListView(Notice notice, List<Row> rows, NewForm form, Residents.Password created) {}

    /** The card forms as typed. */
    public record CardForm(String uid, String label, String expiresOn) {
        static final CardForm EMPTY = new CardForm("", "", "");
    }

    public record View(
            Notice notice,
            Residents.ResidentView resident,
            List<Tenancies.TenancyView> tenancies,
            List<CardService.CardView> cards,
            CardService.Enrollment enrollment,
            List<ChargingService.SessionView> sessions,
            CardForm form,
            Residents.Password password,
            LocalDate today,
            List<LoginSessions.SessionView> logins) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(ListView view);

        static native TemplateInstance resident(View view);
    }

    private final Residents residents;
    private final Tenancies tenancies;
    private final CardService cards;
    private final ChargingService charging;
    private final LoginSessions logins;

    CaretakerResidentsResource(
            Residents residents,
            Tenancies tenancies,
            CardService cards,
            ChargingService charging,
            LoginSessions logins) {
        this.residents = residents;
        this.logins = logins;
        this.tenancies = tenancies;
        this.cards = cards;
        this.charging = charging;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list() {
        return listView(null, NewForm.EMPTY, null);
    }

    /** Creates a resident and shows the generated password once (no redirect: it must not land in a URL or the history). */
    @POST
    @Produces(MediaType.TEXT_HTML)
    public Response create(
            @FormParam("username") String username,
            @FormParam("displayName") String displayName,
            @FormParam("email") String email,
            @FormParam("locale") String locale) {
        NewForm form = new NewForm(username, displayName, email, locale);
        return change(
                () -> {
                    Residents.Password p = residents.create(username, displayName, email, locale, actor());
                    return noStore(listView(
                            Notice.ok(ct().done_resident_created(p.displayName(), p.username())), NewForm.EMPTY, p));
                },
                notice -> listView(notice, form, null));
    }

    @GET
    @Path("{username}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance resident(
            @PathParam("username") String username, @QueryParam("done") String done, @QueryParam("n") String n) {
        Notice notice = "logins_ended".equals(done)
                ? Notice.ok(MessageBundles.get(Msg.class, Localized.Literal.of(locale().getLanguage()))
                        .sessions_ended(n == null || !n.matches("\\d{1,4}") ? 0 : Integer.parseInt(n)))
                : done(done, n);
        return view(username, notice, CardForm.EMPTY, null);
    }

    /**
     * Ends one login session of the resident ({@code id}), or all of them (no id): that browser, or whoever holds a
     * copy of its cookie, is logged out at its next request. Audited as {@code account.session.end}.
     */
    @POST
    @Path("{username}/logins/end")
    @Produces(MediaType.TEXT_HTML)
    public Response endLogins(@PathParam("username") String username, @FormParam("id") String id) {
        Residents.ResidentView r =
                residents.find(username).orElseThrow(() -> new NotFoundException("No resident [" + username + "]"));
        Long sessionId = id == null || id.isBlank() ? null : parseId(id);
        int ended = logins.endByCaretaker(r.id(), r.username(), sessionId, actor());
        return seeOther(back(username), "logins_ended", Integer.toString(ended));
    }

    private static Long parseId(String id) {
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            throw new jakarta.ws.rs.BadRequestException("Not a session id [" + id + "]");
        }
    }

    @POST
    @Path("{username}/password")
    @Produces(MediaType.TEXT_HTML)
    public Response password(@PathParam("username") String username) {
        return change(
                () -> {
                    Residents.Password p = residents.newPassword(username, actor());
                    return noStore(view(username, Notice.ok(ct().done_password(p.displayName())), CardForm.EMPTY, p));
                },
                notice -> view(username, notice, CardForm.EMPTY, null));
    }

    @POST
    @Path("{username}/cards")
    @Produces(MediaType.TEXT_HTML)
    public Response register(
            @PathParam("username") String username,
            @FormParam("uid") String uid,
            @FormParam("label") String label,
            @FormParam("expiresOn") String expiresOn) {
        CardForm form = new CardForm(uid, label, expiresOn);
        return change(
                () -> {
                    LocalDate expiry = forms().optionalDate(expiresOn, ct().card_expires());
                    CardService.CardView c =
                            cards.register(forms().required(uid, ct().card_uid()), username, label, expiry, actor());
                    return seeOther(back(username), "card_registered", c.uid());
                },
                notice -> view(username, notice, form, null));
    }

    @POST
    @Path("{username}/cards/{uid}/block")
    @Produces(MediaType.TEXT_HTML)
    public Response block(
            @PathParam("username") String username, @PathParam("uid") String uid, @FormParam("reason") String reason) {
        return change(
                () -> {
                    cards.block(uid, reason, actor());
                    return seeOther(back(username), "card_blocked", uid);
                },
                notice -> view(username, notice, CardForm.EMPTY, null));
    }

    @POST
    @Path("{username}/cards/{uid}/unblock")
    @Produces(MediaType.TEXT_HTML)
    public Response unblock(@PathParam("username") String username, @PathParam("uid") String uid) {
        return change(
                () -> {
                    cards.unblock(uid, null, actor());
                    return seeOther(back(username), "card_unblocked", uid);
                },
                notice -> view(username, notice, CardForm.EMPTY, null));
    }

    @POST
    @Path("{username}/cards/{uid}/expiry")
    @Produces(MediaType.TEXT_HTML)
    public Response expiry(
            @PathParam("username") String username,
            @PathParam("uid") String uid,
            @FormParam("expiresOn") String expiresOn) {
        return change(
                () -> {
                    cards.setExpiry(uid, forms().optionalDate(expiresOn, ct().card_expires()), actor());
                    return seeOther(back(username), "card_expiry", uid);
                },
                notice -> view(username, notice, CardForm.EMPTY, null));
    }

    /** Starts an enrollment: the next unknown card tapped at any reader becomes this resident's. */
    @POST
    @Path("{username}/enrollment")
    @Produces(MediaType.TEXT_HTML)
    public Response enroll(
            @PathParam("username") String username,
            @FormParam("label") String label,
            @FormParam("expiresOn") String expiresOn) {
        CardForm form = new CardForm("", label, expiresOn);
        return change(
                () -> {
                    cards.startEnrollment(
                            username, label, forms().optionalDate(expiresOn, ct().card_expires()), actor());
                    return seeOther(back(username), "enrollment_started", null);
                },
                notice -> view(username, notice, form, null));
    }

    @POST
    @Path("{username}/enrollment/cancel")
    @Produces(MediaType.TEXT_HTML)
    public Response cancelEnrollment(@PathParam("username") String username) {
        cards.cancelEnrollment(actor());
        return seeOther(back(username), "enrollment_cancelled", null);
    }

    private static String back(String username) {
        return "/caretaker/residents/" + enc(username);
    }

    private static Response noStore(TemplateInstance page) {
        return Response.ok(page).type(HTML).header("Cache-Control", "no-store").build();
    }

    private TemplateInstance listView(Notice notice, NewForm form, Residents.Password created) {
        Map<Long, Long> counts = cards.list(Optional.empty()).stream()
                .collect(Collectors.groupingBy(CardService.CardView::residentId, Collectors.counting()));
        List<Row> rows = residents.all().stream()
                .map(r -> new Row(r, counts.getOrDefault(r.id(), 0L)))
                .toList();
        return Templates.list(new ListView(notice, rows, form, created));
    }

    private TemplateInstance view(String username, Notice notice, CardForm form, Residents.Password password) {
        Residents.ResidentView r =
                residents.find(username).orElseThrow(() -> new NotFoundException("No resident [" + username + "]"));
        CardService.Enrollment enrollment = cards.enrollment().orElse(null);
        return Templates.resident(new View(
                notice,
                r,
                tenancies.ofResident(r.id()),
                cards.list(Optional.of(r.id())),
                enrollment,
                charging.sessions(null, null, r.id(), null, 20),
                form,
                password,
                today(),
                logins.open(r.id())));
    }
}
