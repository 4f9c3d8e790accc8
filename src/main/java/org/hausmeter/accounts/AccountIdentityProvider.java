package org.hausmeter.accounts;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks a username and password against the account table (bcrypt) for both the login form and
 * HTTP basic authentication; the account's role becomes the security role (RESIDENT or CARETAKER).
 * Inactive accounts and accounts without a password cannot log in. The decision is {@link LoginCheck}
 * (throttle first, one bcrypt check whether the user exists or not); this class adds the request: the client
 * address, the device cookie ({@link KnownDevices}), which a successful form login renews.
 */
@ApplicationScoped
public class AccountIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final LoginThrottle throttle;
    private final KnownDevices devices;
    private final LoginCheck check;
    private final LoginSessions sessions;
    private final String formPostLocation;

    AccountIdentityProvider(
            LoginThrottle throttle,
            KnownDevices devices,
            LoginSessions sessions,
            Clock clock,
            AgroalDataSource dataSource,
            @ConfigProperty(name = "quarkus.http.auth.form.post-location", defaultValue = "/j_security_check")
                    String postLocation) {
        this.throttle = throttle;
        this.devices = devices;
        this.sessions = sessions;
        this.formPostLocation = postLocation.startsWith("/") ? postLocation : "/" + postLocation;
        this.check = new LoginCheck(
                throttle,
                username -> find(dataSource, username),
                PasswordHasher::matches,
                PasswordHasher.dummyHash(),
                new VerifiedCredentials(Duration.ofMinutes(5), clock),
                clock);
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        String address = clientAddress(rc);
        return context.runBlocking(() -> {
            String username = request.getUsername();
            LoginCheck.Outcome outcome = check.check(
                    username, new String(request.getPassword().getPassword()), address, devices.knows(rc, username));
            if (!outcome.loggedIn()) {
                // The message names nobody: whatever logs it, no typed text reaches a log through it.
                throw new AuthenticationFailedException(
                        outcome.throttled() ? "Too many failed logins" : "Wrong username or password");
            }
            LoginCheck.Account a = outcome.account();
            if (rc != null && formPostLocation.equals(rc.normalizedPath())) {
                devices.remember(rc, a.username());
                // A form login gets a server-side session (cookie hausmeter-sid); Basic requests get none.
                sessions.start(rc, a.username());
            }
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(a.username()))
                    .addRole(a.role().name());
            if (a.oneTime()) {
                identity.addAttribute(OneTimePasswords.CHANGE_REQUIRED, Boolean.TRUE);
            }
            return identity.build();
        });
    }

    @Scheduled(every = "10m", identity = "login-throttle-purge")
    void purgeThrottle() {
        throttle.purge();
    }

    /** The client's IP address as the server sees it (no proxy headers are trusted); null when unknown. */
    public static String clientAddress(RoutingContext rc) {
        if (rc == null || rc.request().remoteAddress() == null) {
            return null;
        }
        return rc.request().remoteAddress().hostAddress();
    }

    /** One plain JDBC query, like {@link SessionIdentityProvider}: a login flood should not cost a transaction each. */
    private static Optional<LoginCheck.Account> find(AgroalDataSource dataSource, String username) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT username, password_hash, role, active, one_time_until FROM account WHERE lower(username) = lower(?)")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                java.sql.Timestamp oneTime = rs.getTimestamp(5);
                return Optional.of(new LoginCheck.Account(
                        rs.getString(1),
                        rs.getString(2),
                        Role.valueOf(rs.getString(3)),
                        rs.getBoolean(4),
                        oneTime == null ? null : oneTime.toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read an account: " + e.getMessage(), e);
        }
    }
}
