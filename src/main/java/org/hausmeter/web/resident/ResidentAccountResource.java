package org.hausmeter.web.resident;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
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
import java.net.URI;
import org.hausmeter.accounts.OneTimePasswords;
import org.hausmeter.accounts.PasswordChange;
import org.hausmeter.accounts.PasswordHasher;
import org.hausmeter.web.CurrentAccount;
import org.hausmeter.web.i18n.RequestLocale;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The resident's account: language (saved with the account by the layout's switch, {@code POST /lang}) and the
 * password change: the current password required, audited, wrong current passwords throttled like logins.
 */
@Path("/me/account")
@RolesAllowed("RESIDENT")
public class ResidentAccountResource {

    /**
     * The account page.
     *
     * @param name      display name
     * @param username  login name
     * @param lang      the account's language
     * @param minLength shortest new password
     * @param maxBytes  longest new password in UTF-8 bytes (what bcrypt reads)
     * @param message   a result to show, or null
     * @param error     true when {@code message} is an error
     */
    @TemplateData
    public record AccountView(
            String name, String username, String lang, int minLength, int maxBytes, String message, boolean error) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance account(AccountView view);
    }

    private final SecurityIdentity identity;
    private final RequestLocale locale;
    private final RoutingContext rc;
    private final CurrentAccount account;
    private final PasswordChange passwords;

    ResidentAccountResource(
            SecurityIdentity identity,
            RequestLocale locale,
            RoutingContext rc,
            CurrentAccount account,
            PasswordChange passwords) {
        this.account = account;
        this.identity = identity;
        this.locale = locale;
        this.rc = rc;
        this.passwords = passwords;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response account(@QueryParam("changed") String changed) {
        ResidentMessages msg = Residents.messages(locale.locale());
        if (changed == null && identity.getAttribute(OneTimePasswords.CHANGE_REQUIRED) != null) {
            return ResidentResource.page(Templates.account(view(msg.password_required(), true)));
        }
        return ResidentResource.page(Templates.account(view(changed != null ? msg.password_changed() : null, false)));
    }

    private AccountView view(String message, boolean error) {
        Residents.Me me = Residents.me(account);
        return new AccountView(
                me.displayName(),
                me.username(),
                locale.lang(),
                passwords.minLength(),
                PasswordHasher.MAX_BYTES,
                message,
                error);
    }

    /**
     * Changes the password: 303 to the account page when done; the account page with the reason and 400 when
     * refused (wrong current password, too short, longer than bcrypt reads, the two new ones differ, unchanged).
     */
    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response changePassword(
            @FormParam("current") String current,
            @FormParam("password") String password,
            @FormParam("repeat") String repeat) {
        ResidentMessages msg = Residents.messages(locale.locale());
        Residents.Me me = Residents.me(account);
        PasswordChange.Outcome outcome = passwords.change(me.id(), me.username(), current, password, repeat, rc);
        if (!outcome.changed()) {
            return refused(refusalText(msg, outcome, passwords.minLength()));
        }
        return Response.seeOther(URI.create("/me/account?changed=1")).build();
    }

    /** The holder's language for a refused password change (shared with the caretaker's account page). */
    public static String refusalText(ResidentMessages msg, PasswordChange.Outcome outcome, int minLength) {
        return switch (outcome.refusal()) {
            case THROTTLED -> msg.password_throttled(outcome.waitSeconds());
            case WRONG_CURRENT -> msg.password_wrong_old();
            case TOO_SHORT -> msg.password_too_short(minLength);
            case TOO_LONG -> msg.password_too_long(PasswordHasher.MAX_BYTES);
            case MISMATCH -> msg.password_mismatch();
            case SAME -> msg.password_same();
        };
    }

    private Response refused(String message) {
        return Response.status(Response.Status.BAD_REQUEST)
                .entity(Templates.account(view(message, true)))
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .build();
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return ResidentErrors.forbidden(locale.locale());
    }
}
