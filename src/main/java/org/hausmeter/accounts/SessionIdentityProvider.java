package org.hausmeter.accounts;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hausmeter.accounts.persistence.Account;

/**
 * Restores the identity of a login session: the form login's encrypted cookie names the user, and
 * each request looks the account up again, so a deactivated account or a changed role takes effect
 * on the next request rather than when the cookie expires.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            String username = request.getPrincipal();
            Role role = QuarkusTransaction.joiningExisting().call(() -> Account.findByUsername(username)
                    .filter(a -> a.active && a.passwordHash != null).map(a -> a.role).orElse(null));
            if (role == null) {
                throw new AuthenticationFailedException("Account [" + username + "] cannot log in any more");
            }
            return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(username)).addRole(role.name())
                    .build();
        });
    }
}
