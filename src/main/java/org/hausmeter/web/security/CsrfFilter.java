package org.hausmeter.web.security;

import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Refuses (403) every state-changing request (POST, PUT, PATCH, DELETE) to a REST endpoint that does
 * not carry the CSRF token of its browser, as form field {@value Csrf#FIELD} or header
 * {@value Csrf#HEADER}.
 * <p>
 * Exempt: requests with an {@code Authorization: Basic} header. Those come from scripts, which hold
 * the password themselves; a browser only sends Basic credentials after a Basic challenge, and this
 * server never sends one to a request without an Authorization header (see {@link ApiChallenge}), so
 * another site cannot make a browser send them. The login POST ({@code /j_security_check}) is
 * handled by the authentication layer before any endpoint, so it is not checked here: {@link LoginCsrf}
 * refuses a cross-site one and renews the token at every login.
 */
public class CsrfFilter {

    private static final Logger LOG = Logger.getLogger(CsrfFilter.class);
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final Csrf csrf;

    CsrfFilter(Csrf csrf) {
        this.csrf = csrf;
    }

    @ServerRequestFilter(readBody = true)
    public Response check(ResteasyReactiveContainerRequestContext request, RoutingContext rc) {
        if (SAFE.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            return null;
        }
        String authorization = request.getHeaderString("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String token = request.getHeaderString(Csrf.HEADER);
        if (token == null && isForm(request.getMediaType())) {
            Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                    .getFormParameter(Csrf.FIELD, true, false);
            token = field instanceof FormValue v ? v.getValue() : field == null ? null : field.toString();
        }
        if (csrf.valid(rc, token)) {
            return null;
        }
        LOG.warnf(
                "Refused %s %s: CSRF token %s",
                request.getMethod(), rc.normalizedPath(), token == null ? "missing" : "invalid");
        return Response.status(Response.Status.FORBIDDEN)
                .type(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"))
                .entity(
                        "Forbidden: this form has expired or did not come from this server. Reload the page and try again.\n"
                                + "Verboten: Das Formular ist abgelaufen oder kam nicht von diesem Server. Seite neu laden und erneut versuchen.\n")
                .build();
    }

    private static boolean isForm(MediaType type) {
        return type != null
                && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                        || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE));
    }
}
