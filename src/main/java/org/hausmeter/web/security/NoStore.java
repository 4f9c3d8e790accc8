package org.hausmeter.web.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code Cache-Control: no-store} on every response that may carry personal data, so that neither the
 * browser's cache nor anything between keeps a copy of a resident's consumption, a bill or the caretaker's
 * pages after the session ends (a shared computer, a family tablet):
 * <ul>
 * <li>every path under {@code /me}, {@code /caretaker}, {@code /api/}, {@code /login}, {@code /q/metrics} and
 * {@code /q/openapi}, whatever the status (a 403 or an error page too);</li>
 * <li>every other response to a request with credentials (the session cookie or an {@code Authorization}
 * header): the start page shows the user's name.</li>
 * </ul>
 * Static assets ({@code /css/}, {@code /js/}) and the kiosk ({@code /kiosk}, public building totals) keep
 * their caching. The header replaces whatever a resource set, at the moment the headers are written.
 */
@ApplicationScoped
public class NoStore {

    static final String NO_STORE = "no-store";
    private static final List<String> PERSONAL =
            List.of("/me", "/caretaker", "/api", "/login", "/q/metrics", "/q/openapi");
    private static final List<String> CACHEABLE = List.of("/css/", "/js/", "/kiosk");

    private final String sessionCookie;

    NoStore(@ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String sessionCookie) {
        this.sessionCookie = sessionCookie;
    }

    void register(@Observes Filters filters) {
        filters.register(
                rc -> {
                    String path = rc.normalizedPath();
                    if (personal(path) || (credentials(rc) && !cacheable(path))) {
                        rc.addHeadersEndHandler(v -> rc.response().headers().set(HttpHeaders.CACHE_CONTROL, NO_STORE));
                    }
                    rc.next();
                },
                400);
    }

    static boolean personal(String path) {
        return PERSONAL.stream().anyMatch(p -> under(path, p));
    }

    static boolean cacheable(String path) {
        return CACHEABLE.stream().anyMatch(p -> p.endsWith("/") ? path.startsWith(p) : under(path, p));
    }

    /** {@code path} is {@code prefix} itself or below it ("/me" and "/me/bills", not "/meter"). */
    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/") || path.startsWith(prefix + "?");
    }

    private boolean credentials(RoutingContext rc) {
        return rc.request().getHeader(HttpHeaders.AUTHORIZATION) != null
                || rc.request().getCookie(sessionCookie) != null;
    }
}
