package org.hausmeter.web.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;

/**
 * The challenge for the JSON API (and the operator endpoints {@code /q/metrics}, {@code /q/openapi}):
 * an anonymous request under {@code /api/} gets 401, not the login
 * form's redirect. It authenticates nobody itself (basic and the form cookie do that); it only wins
 * the challenge for API paths because its priority is above both built-in mechanisms.
 * <p>
 * The 401 deliberately carries no {@code WWW-Authenticate: Basic} header: a browser must never be
 * asked for Basic credentials, because a browser that has them sends them with every request,
 * cross-site ones included, and Basic-authenticated requests are exempt from the CSRF check.
 * Scripts send their credentials pre-emptively ({@code curl -u}), which needs no challenge.
 */
@ApplicationScoped
public class ApiChallenge implements HttpAuthenticationMechanism {

    static final String API = "/api/";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        return Uni.createFrom().optional(Optional.empty());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        String path = context.normalizedPath();
        if (!path.startsWith(API) && !path.startsWith("/q/metrics") && !path.startsWith("/q/openapi")) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom()
                .item(new ChallengeData(401, "WWW-Authenticate", "Form realm=\"Hausmeter\", login=\"/login\""));
    }

    @Override
    public Set<Class<? extends io.quarkus.security.identity.request.AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    @Override
    public int getPriority() {
        return 3000;
    }
}
