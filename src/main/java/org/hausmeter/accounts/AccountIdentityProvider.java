package org.hausmeter.accounts;

import io.quarkus.narayana.jta.QuarkusTransaction;
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
import java.time.Clock;
import java.time.Duration;
import org.hausmeter.accounts.persistence.Account;
import org.jboss.logging.Logger;

/**
 * Checks a username and password against the account table (bcrypt) for both the login form and
 * HTTP basic authentication; the account's role becomes the security role (RESIDENT or CARETAKER).
 * Inactive accounts and accounts without a password cannot log in. Every attempt passes the
 * {@link LoginThrottle} first: a throttled username or client address is refused without a password
 * check, and the login page tells how long to wait.
 */
@ApplicationScoped
public class AccountIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(AccountIdentityProvider.class);

    private record Credentials(String username, String hash, Role role) {
    }

    private final LoginThrottle throttle;
    private final VerifiedCredentials verified;

    AccountIdentityProvider(LoginThrottle throttle, Clock clock) {
        this.throttle = throttle;
        this.verified = new VerifiedCredentials(Duration.ofMinutes(5), clock);
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String address = clientAddress(HttpSecurityUtils.getRoutingContextAttribute(request));
        return context.runBlocking(() -> {
            String username = request.getUsername();
            Duration wait = throttle.waitFor(username, address);
            if (!wait.isZero()) {
                throttle.failed(username, address);
                LOG.warnf("Login of [%s] from [%s] refused: throttled for %d s", username, address, wait.toSeconds());
                throw new AuthenticationFailedException("Too many failed logins of [" + username + "] or from [" + address + "]");
            }
            String password = new String(request.getPassword().getPassword());
            Credentials c = QuarkusTransaction.joiningExisting().call(() -> Account.findByUsername(username)
                    .filter(a -> a.active && a.passwordHash != null)
                    .map(a -> new Credentials(a.username, a.passwordHash, a.role)).orElse(null));
            if (c == null || !(verified.recentlyMatched(username, password, c.hash())
                    || verified.remember(username, password, c.hash(), PasswordHasher.matches(password, c.hash())))) {
                throttle.failed(username, address);
                LOG.infof("Failed login of [%s] from [%s]", username, address);
                throw new AuthenticationFailedException("Wrong username or password");
            }
            throttle.succeeded(username, address);
            return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(c.username()))
                    .addRole(c.role().name()).build();
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
}
