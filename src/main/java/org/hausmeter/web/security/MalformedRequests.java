package org.hausmeter.web.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Answers 400 to a request whose URI no page or API can mean, before routing, authentication or any
 * resource sees it: a NUL byte ({@code %00}) anywhere in the path or the query, or a {@code %} not followed by
 * two hex digits. Such a value used to reach PostgreSQL (which refuses NUL in text: a 500) or the file
 * system lookup of static resources.
 */
@ApplicationScoped
public class MalformedRequests {

    void register(@Observes Filters filters) {
        filters.register(
                rc -> {
                    if (malformed(rc.request().uri())) {
                        refuse(rc);
                    } else {
                        rc.next();
                    }
                },
                1000);
    }

    /** True for a NUL byte, raw or encoded, or a broken percent escape in the request's URI (path and query). */
    public static boolean malformed(String uri) {
        if (uri == null) {
            return false;
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == 0) {
                return true;
            }
            if (c == '%') {
                if (i + 2 >= uri.length()
                        || Character.digit(uri.charAt(i + 1), 16) < 0
                        || Character.digit(uri.charAt(i + 2), 16) < 0) {
                    return true;
                }
                if (uri.charAt(i + 1) == '0' && uri.charAt(i + 2) == '0') {
                    return true;
                }
                i += 2;
            }
        }
        return false;
    }

    private static void refuse(RoutingContext rc) {
        rc.response()
                .setStatusCode(400)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=UTF-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end("Bad request: the address contains a character no page uses.\n"
                        + "Ungültige Anfrage: Die Adresse enthält ein Zeichen, das keine Seite verwendet.\n");
    }
}
