package org.hausmeter.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import org.hausmeter.web.i18n.Locales;
import org.hausmeter.web.i18n.RequestLocale;
import org.jboss.logging.Logger;

/**
 * PostgreSQL unreachable: instead of a 500 (with a JSON body for clients that do not ask for HTML), every
 * request that failed because no database connection could be had gets a 503 with {@code Retry-After} and a
 * short page in the user's language: the kiosk and the login page on the wall and in the stairwell say "try
 * again in a minute" rather than an error id. Other failures go on to Quarkus' error handler unchanged.
 * <p>
 * A Vert.x failure handler, not a REST exception mapper: it sees the failure however it was wrapped (a
 * template that read the building's name, Hibernate, plain JDBC) and leaves every other exception alone. The
 * page is plain HTML built here, without the layout (which reads the database), and the language comes from
 * the {@code lang} cookie or {@code Accept-Language} only (the account's language lives in the database).
 */
@ApplicationScoped
public class DatabaseUnavailable {

    private static final Logger LOG = Logger.getLogger(DatabaseUnavailable.class);
    static final String RETRY_AFTER_SECONDS = "30";

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).failureHandler(this::handle);
    }

    private void handle(RoutingContext rc) {
        if (rc.response().headWritten() || !databaseDown(rc.failure())) {
            rc.next();
            return;
        }
        LOG.warnf(
                "Database unavailable: %s %s answered 503 (%s)",
                rc.request().method(), rc.normalizedPath(), rootMessage(rc.failure()));
        Locale lang = language(rc);
        boolean html = !rc.normalizedPath().startsWith("/api/");
        rc.response()
                .setStatusCode(503)
                .putHeader("Retry-After", RETRY_AFTER_SECONDS)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (html) {
            rc.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=UTF-8")
                    .end(page(lang));
        } else {
            rc.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end("{\"error\":\"The database is not available; try again later.\"}");
        }
    }

    /** True when {@code failure} or one of its causes says that no database connection could be had. */
    public static boolean databaseDown(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
                // 08: connection exception (PostgreSQL refused, reset, unreachable); 57P01..03: server shutting down;
                // Agroal's own "acquisition timeout" carries no state.
                if ((state != null && (state.startsWith("08") || state.startsWith("57P")))
                        || message.contains("acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The 503 page: the building's name is not known here (it is in the database). */
    public static String page(Locale lang) {
        boolean en = Locale.ENGLISH.getLanguage().equals(lang.getLanguage());
        String title = en ? "Temporarily unavailable" : "Vorübergehend nicht erreichbar";
        String text = en
                ? "The database is not available right now. Please try again in a minute."
                : "Die Datenbank ist gerade nicht erreichbar. Bitte in einer Minute erneut versuchen.";
        return "<!DOCTYPE html>\n<html lang=\"" + (en ? "en" : "de") + "\">\n<head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<link rel=\"stylesheet\" href=\"/css/hausmeter.css\"><title>" + title
                + " · Hausmeter</title></head>\n"
                + "<body><main><h1>" + title + "</h1>\n<p>" + text + "</p></main></body>\n</html>\n";
    }

    static Locale language(RoutingContext rc) {
        Cookie cookie = rc.request().getCookie(RequestLocale.COOKIE);
        if (cookie != null) {
            var l = Locales.supported(cookie.getValue());
            if (l.isPresent()) {
                return l.get();
            }
        }
        return Locales.fromAcceptLanguage(rc.request().getHeader("Accept-Language"))
                .orElse(Locales.DEFAULT);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
