package org.hausmeter.web.caretaker;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.hausmeter.accounts.LoginSessions;
import org.hausmeter.accounts.OneTimePasswords;
import org.hausmeter.accounts.PasswordChange;
import org.hausmeter.accounts.PasswordHasher;
import org.hausmeter.web.CurrentAccount;
import org.hausmeter.web.resident.ResidentAccountResource;
import org.hausmeter.web.resident.ResidentMessages;

/**
 * The caretaker's own account: the password change (same rules as the residents', {@link PasswordChange}; the
 * first login with the one-time password of {@code create-caretaker} or {@code reset-password} lands here and
 * nothing else opens before it is done) and where the caretaker is logged in.
 */
@Path("/caretaker/account")
@RolesAllowed("CARETAKER")
public class CaretakerAccountResource extends CaretakerPages {

    /**
     * @param message  a result to show, or null
     * @param error    true when {@code message} is an error (or the required change)
     * @param logins   the caretaker's open sessions, newest first
     */
    public record View(
            String name,
            String username,
            int minLength,
            int maxBytes,
            String message,
            boolean error,
            List<LoginSessions.SessionView> logins) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance account(View view);
    }

    private final CurrentAccount account;
    private final PasswordChange passwords;
    private final LoginSessions sessions;
    private final RoutingContext rc;

    CaretakerAccountResource(
            CurrentAccount account, PasswordChange passwords, LoginSessions sessions, RoutingContext rc) {
        this.account = account;
        this.passwords = passwords;
        this.sessions = sessions;
        this.rc = rc;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response account(@QueryParam("changed") String changed) {
        ResidentMessages msg = me();
        if (changed == null && identity.getAttribute(OneTimePasswords.CHANGE_REQUIRED) != null) {
            return ok(view(msg.password_required(), true));
        }
        return ok(view(changed != null ? msg.password_changed() : null, false));
    }

    /** Changes the password: 303 to the account page when done; the page with the reason and 400 when refused. */
    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response changePassword(
            @FormParam("current") String current,
            @FormParam("password") String password,
            @FormParam("repeat") String repeat) {
        CurrentAccount.Info me = holder();
        PasswordChange.Outcome outcome = passwords.change(me.id(), me.username(), current, password, repeat, rc);
        if (!outcome.changed()) {
            return page(400, view(ResidentAccountResource.refusalText(me(), outcome, passwords.minLength()), true));
        }
        return seeOther("/caretaker/account?changed=1", null, null);
    }

    private TemplateInstance view(String message, boolean error) {
        CurrentAccount.Info me = holder();
        return Templates.account(new View(
                me.displayName(),
                me.username(),
                passwords.minLength(),
                PasswordHasher.MAX_BYTES,
                message,
                error,
                sessions.open(me.id())));
    }

    private CurrentAccount.Info holder() {
        return account.get().orElseThrow(() -> new IllegalStateException("No account for " + actor()));
    }

    /** The password texts are the residents' ({@code me:} bundle): one wording for the same form. */
    private ResidentMessages me() {
        return MessageBundles.get(ResidentMessages.class, Localized.Literal.of(requestLocale.lang()));
    }
}
