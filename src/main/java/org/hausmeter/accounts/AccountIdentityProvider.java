package org.hausmeter.accounts;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hausmeter.accounts.persistence.Account;

/**
 * Checks a username and password against the account table (bcrypt); the account's role becomes
 * the security role (RESIDENT or CARETAKER). Inactive accounts and accounts without a password
 * cannot log in.
 */
@ApplicationScoped
public class AccountIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private record Credentials(String username, String hash, Role role) {
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            String username = request.getUsername();
            String password = new String(request.getPassword().getPassword());
            Credentials c = QuarkusTransaction.joiningExisting().call(() -> Account.findByUsername(username)
                    .filter(a -> a.active && a.passwordHash != null)
                    .map(a -> new Credentials(a.username, a.passwordHash, a.role)).orElse(null));
            if (c == null || !PasswordHasher.matches(password, c.hash())) {
                throw new AuthenticationFailedException("Wrong username or password");
            }
            return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(c.username()))
                    .addRole(c.role().name()).build();
        });
    }
}
