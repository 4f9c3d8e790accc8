package org.hausmeter.web.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Set;
import org.hausmeter.accounts.OneTimePasswords;
import org.hausmeter.accounts.Role;
import org.hausmeter.web.ApiErrors;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A login with a one-time password ({@link OneTimePasswords}) opens only the holder's account page until the holder
 * chose their own password: every other page answers 303 to it ({@code /caretaker/account} or {@code /me/account}),
 * every other API call 403 with the reason. Logging out and the language switch stay open. So the password the
 * caretaker (or the operator's {@code create-caretaker}) handed on is never the one an account keeps using.
 */
public class PasswordChangeRequired {

    /** What a holder of a one-time password may still reach, besides their account page and its form. */
    private static final Set<String> OPEN = Set.of("/logout", "/lang");

    private final CurrentIdentityAssociation identity;

    PasswordChangeRequired(CurrentIdentityAssociation identity) {
        this.identity = identity;
    }

    @ServerRequestFilter
    public Response check(RoutingContext rc) {
        SecurityIdentity id = identity.getIdentity();
        if (id == null || id.isAnonymous() || id.getAttribute(OneTimePasswords.CHANGE_REQUIRED) == null) {
            return null;
        }
        String account = id.hasRole(Role.CARETAKER.name()) ? "/caretaker/account" : "/me/account";
        String path = rc.normalizedPath();
        if (path.equals(account) || path.equals(account + "/password") || OPEN.contains(path)) {
            return null;
        }
        if (path.equals("/api") || path.startsWith("/api/")) {
            return Response.status(Response.Status.FORBIDDEN)
                    .type(MediaType.APPLICATION_JSON)
                    .entity(new ApiErrors.Error("This account still has its one-time password: log in on the web page "
                            + "and choose your own at " + account + " first"))
                    .build();
        }
        return Response.seeOther(URI.create(account)).build();
    }
}
