package org.hausmeter.web.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Locale;
import org.hausmeter.platform.LogSafe;
import org.jboss.logging.Logger;

/**
 * Login CSRF: the login form's POST ({@code /j_security_check}) is handled by Quarkus' form authentication
 * before any endpoint, so {@link CsrfFilter} never sees it. This filter runs before authentication and
 * <ul>
 * <li>refuses (403) a login POST that says it comes from another site: an {@code Origin} header that is not
 * this server's own origin (scheme and {@code Host}), {@code "null"} included, or a {@code Sec-Fetch-Site}
 * header other than {@code same-origin} or {@code none}. A request with neither header (a script, an old
 * browser) is let through: the form needs no token, and a browser sends {@code Origin} with every POST;</li>
 * <li>gives the browser a new CSRF seed with every login POST it lets through ({@link Csrf#renew}), so a token
 * known before the login is worthless after it.</li>
 * </ul>
 */
@ApplicationScoped
public class LoginCsrf {

    private static final Logger LOG = Logger.getLogger(LoginCsrf.class);
    static final String LOGIN_POST = "/j_security_check";

    private final Csrf csrf;

    LoginCsrf(Csrf csrf) {
        this.csrf = csrf;
    }

    void register(@Observes Filters filters) {
        // Above Quarkus' authentication (200) and form authentication (150): before the password is checked.
        filters.register(this::filter, 350);
    }

    private void filter(RoutingContext rc) {
        if (rc.request().method() != HttpMethod.POST || !LOGIN_POST.equals(rc.normalizedPath())) {
            rc.next();
            return;
        }
        String origin = rc.request().getHeader(HttpHeaders.ORIGIN);
        String fetchSite = rc.request().getHeader("Sec-Fetch-Site");
        String host = requestHost(
                rc.request().getHeader(HttpHeaders.HOST), rc.request().authority());
        if (!sameOrigin(origin, rc.request().scheme(), host) || !sameSite(fetchSite)) {
            LOG.warnf(
                    "Refused a cross-site login POST from %s (Origin %s, Sec-Fetch-Site %s)",
                    rc.request().remoteAddress() == null
                            ? "?"
                            : rc.request().remoteAddress().hostAddress(),
                    LogSafe.quoted(origin),
                    LogSafe.quoted(fetchSite));
            rc.response()
                    .setStatusCode(403)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=UTF-8")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .end(
                            "Forbidden: this login form did not come from this server. Open the login page and try again.\n"
                                    + "Verboten: Dieses Anmeldeformular kam nicht von diesem Server. Anmeldeseite öffnen und erneut versuchen.\n");
            return;
        }
        csrf.renew(rc);
        rc.next();
    }

    /**
     * The host (and port) the client addressed: the {@code Host} header of HTTP/1.1, else the {@code :authority} of
     * an HTTP/2 request, which has no {@code Host} header (browsers speak HTTP/2 over HTTPS); null when neither.
     */
    static String requestHost(String hostHeader, HostAndPort authority) {
        if (hostHeader != null) {
            return hostHeader;
        }
        if (authority == null || authority.host() == null || authority.host().isEmpty()) {
            return null;
        }
        String h = authority.host();
        if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return authority.port() >= 0 ? h + ":" + authority.port() : h;
    }

    /** No Origin header, or exactly this server's scheme, host and port. */
    static boolean sameOrigin(String origin, String scheme, String host) {
        if (origin == null) {
            return true;
        }
        if (host == null || origin.equals("null")) {
            return false;
        }
        try {
            URI o = new URI(origin);
            URI self = new URI(scheme + "://" + host);
            return o.getScheme() != null
                    && o.getScheme().equalsIgnoreCase(self.getScheme())
                    && o.getHost() != null
                    && o.getHost()
                            .toLowerCase(Locale.ROOT)
                            .equals(
                                    self.getHost() == null
                                            ? null
                                            : self.getHost().toLowerCase(Locale.ROOT))
                    && port(o) == port(self)
                    && (o.getRawPath() == null || o.getRawPath().isEmpty());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** No Sec-Fetch-Site header, or same-origin, or none (the user's own navigation). */
    static boolean sameSite(String fetchSite) {
        return fetchSite == null || fetchSite.equalsIgnoreCase("same-origin") || fetchSite.equalsIgnoreCase("none");
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
