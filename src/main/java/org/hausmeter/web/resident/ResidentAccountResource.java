package org.hausmeter.web.resident;

import io.quarkus.narayana.jta.QuarkusTransaction;
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
import java.time.Duration;
import java.util.Map;
import org.hausmeter.accounts.AccountIdentityProvider;
import org.hausmeter.accounts.LoginThrottle;
import org.hausmeter.accounts.LoginSessions;
import org.hausmeter.accounts.PasswordHasher;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.platform.LogSafe;
import org.hausmeter.web.CurrentAccount;
import org.hausmeter.web.i18n.RequestLocale;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The resident's account: language (saved with the account by the layout's switch, {@code POST /lang}) and the
 * password change: the current password required, audited, wrong current passwords throttled like logins.
 */
@Path("/me/account")
@RolesAllowed("RESIDENT")
public class ResidentAccountResource {

    private static final Logger LOG = Logger.getLogger(ResidentAccountResource.class);

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
    public record AccountView(String name, String username, String lang, int minLength, int maxBytes, String message,
            boolean error) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance account(AccountView view);
    }

    private final SecurityIdentity identity;
    private final RequestLocale locale;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final ResidentConfig config;
    private final RoutingContext rc;
    private final CurrentAccount account;
    private final LoginSessions sessions;

    ResidentAccountResource(SecurityIdentity identity, RequestLocale locale, LoginThrottle throttle, AuditLog audit,
            ResidentConfig config, RoutingContext rc, CurrentAccount account, LoginSessions sessions) {
        this.account = account;
        this.sessions = sessions;
        this.identity = identity;
        this.locale = locale;
        this.throttle = throttle;
        this.audit = audit;
        this.config = config;
        this.rc = rc;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response account(@QueryParam("changed") String changed) {
        ResidentMessages msg = Residents.messages(locale.locale());
        return ResidentResource.page(Templates.account(view(changed != null ? msg.password_changed() : null, false)));
    }

    private AccountView view(String message, boolean error) {
        Residents.Me me = Residents.me(account);
        return new AccountView(me.displayName(), me.username(), locale.lang(), config.passwordMinLength(),
                PasswordHasher.MAX_BYTES, message, error);
    }

    /**
     * Changes the password: 303 to the account page when done; the account page with the reason and 400 when
     * refused (wrong current password, too short, longer than bcrypt reads, the two new ones differ, unchanged).
     */
    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response changePassword(@FormParam("current") String current, @FormParam("password") String password,
            @FormParam("repeat") String repeat) {
        ResidentMessages msg = Residents.messages(locale.locale());
        Residents.Me me = Residents.me(account);
        String address = AccountIdentityProvider.clientAddress(rc);
        // The session shows this browser logged in as the resident: like a device cookie, it is not locked out by
        // failures from elsewhere; its own address's limits apply. Admitted means counted as a failure already.
        Duration wait = throttle.admit(me.username(), address, true, true);
        if (!wait.isZero()) {
            return refused(msg.password_throttled(Math.max(1, (wait.toMillis() + 999) / 1000)));
        }
        String hash = QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(me.id()).passwordHash);
        if (!PasswordHasher.matches(current, hash)) {
            LOG.warnf("Password change of %s refused: wrong current password", LogSafe.quoted(me.username()));
            return refused(msg.password_wrong_old());
        }
        throttle.succeeded(me.username(), address, true);
        int min = config.passwordMinLength();
        if (password == null || password.length() < min) {
            return refused(msg.password_too_short(min));
        }
        if (!PasswordHasher.fitsBcrypt(password)) {
            return refused(msg.password_too_long(PasswordHasher.MAX_BYTES));
        }
        if (!password.equals(repeat)) {
            return refused(msg.password_mismatch());
        }
        if (password.equals(current)) {
            return refused(msg.password_same());
        }
        String newHash = PasswordHasher.hash(password);
        QuarkusTransaction.requiringNew().run(() -> {
            Account a = Account.findById(me.id());
            a.passwordHash = newHash;
            // Every other session of the account ends with the old password; this browser stays logged in.
            int ended = sessions.endOthers(me.id(), rc, LoginSessions.EndReason.PASSWORD);
            audit.record(me.username(), "account.password.change", "account:" + me.id(), null,
                    Map.of("passwordChanged", true, "otherSessionsEnded", ended), null);
        });
        LOG.infof("Password of %s changed", LogSafe.quoted(me.username()));
        return Response.seeOther(URI.create("/me/account?changed=1")).build();
    }

    private Response refused(String message) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Templates.account(view(message, true)))
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).header("Cache-Control", "no-store").build();
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return ResidentErrors.forbidden(locale.locale());
    }
}
