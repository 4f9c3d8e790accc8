package org.hausmeter.accounts;

import io.agroal.api.AgroalDataSource;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Restores the identity of a login session: the form login's encrypted cookie names the user, and
 * each request looks the account up again, so a deactivated account or a changed role takes effect
 * on the next request rather than when the cookie expires. The request must also carry a valid server-side
 * session of that account ({@link LoginSessions}); otherwise both session cookies are expired and the request
 * is refused like one without a session (the login page for pages, 401 under /api/). One plain JDBC query (it runs for every page
 * of a session; through the ORM it cost about a quarter of a resident's dashboard).
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final AgroalDataSource dataSource;
    private final LoginSessions sessions;
    private final String cookieName;

    SessionIdentityProvider(
            AgroalDataSource dataSource,
            LoginSessions sessions,
            @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String cookieName) {
        this.dataSource = dataSource;
        this.sessions = sessions;
        this.cookieName = cookieName;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        return context.runBlocking(() -> {
            String username = request.getPrincipal();
            if (!sessions.valid(rc, username)) {
                if (rc != null) {
                    LoginSessions.expireCookies(rc, cookieName);
                    // The form mechanism marked itself as the one to challenge (Quarkus' HttpAuthenticator reads this
                    // context key): without the mark every mechanism is asked, as for an anonymous request, so the
                    // API answers 401 (ApiChallenge) and pages redirect to the login form.
                    rc.remove(HttpAuthenticationMechanism.class.getName());
                }
                throw new AuthenticationFailedException("No valid server-side session");
            }
            Active active = activeRole(username);
            if (active == null) {
                throw new AuthenticationFailedException("Account [" + username + "] cannot log in any more");
            }
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(username))
                    .addRole(active.role().name());
            if (active.oneTime()) {
                identity.addAttribute(OneTimePasswords.CHANGE_REQUIRED, Boolean.TRUE);
            }
            return identity.build();
        });
    }

    /** An account that may log in: its role, and whether its password is still a one-time password. */
    private record Active(Role role, boolean oneTime) {}

    /** The account that may log in with that name, else null. */
    private Active activeRole(String username) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT role, one_time_until IS NOT NULL FROM account WHERE lower(username) = lower(?) AND active "
                                + "AND password_hash IS NOT NULL")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Active(Role.valueOf(rs.getString(1)), rs.getBoolean(2)) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read account [" + username + "]: " + e.getMessage(), e);
        }
    }
}
