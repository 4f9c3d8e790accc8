package org.hausmeter.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.accounts.AccountIdentityProvider;
import org.hausmeter.accounts.LoginSessions;
import org.hausmeter.accounts.LoginThrottle;

/**
 * The login form and logout. The form posts to {@code /j_security_check}, which Quarkus' form
 * authentication handles (bcrypt check in {@link AccountIdentityProvider}); a failure comes back
 * here as {@code /login?error}, and the page then tells whether the client is throttled.
 */
@Path("/")
public class LoginResource {

    /** What the login page shows besides the form. {@code waitSeconds} > 0: throttled. */
    public record View(boolean failed, long waitSeconds, boolean loggedOut) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(View view);
    }

    private final LoginThrottle throttle;
    private final LoginSessions sessions;
    private final RoutingContext rc;
    private final String sessionCookie;

    LoginResource(
            LoginThrottle throttle,
            LoginSessions sessions,
            RoutingContext rc,
            @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String sessionCookie) {
        this.throttle = throttle;
        this.sessions = sessions;
        this.rc = rc;
        this.sessionCookie = sessionCookie;
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Response login() {
        Duration wait = throttle.waitForAddress(AccountIdentityProvider.clientAddress(rc));
        long seconds = wait.isZero() ? 0 : Math.max(1, (wait.toMillis() + 999) / 1000);
        TemplateInstance page = Templates.login(new View(
                rc.queryParams().contains("error"), seconds, rc.queryParams().contains("logout")));
        // Never cached: the page carries a CSRF token and a throttle message of this moment.
        return Response.ok(page).header("Cache-Control", "no-store").build();
    }

    /**
     * Ends the session: the server-side session row ends (a copied cookie is refused from now on) and the browser
     * drops both session cookies.
     */
    @POST
    @Path("logout")
    public Response logout() {
        sessions.logout(rc, sessionCookie);
        return Response.seeOther(URI.create("/login?logout")).build();
    }
}
