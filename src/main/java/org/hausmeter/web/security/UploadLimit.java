package org.hausmeter.web.security;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.web.i18n.Locales;
import org.hausmeter.web.i18n.Msg;
import org.hausmeter.web.i18n.RequestLocale;

/**
 * The upload limit, {@code hausmeter.import.max-upload-mb} (default 200 MB; {@code quarkus.http.limits.max-body-size}
 * follows it): a request that announces a larger body ({@code Content-Length}) is answered 413 at once, before
 * anything is read, with a text that names the limit and the property (in the browser's language). A body sent
 * without a length (chunked) that grows past the limit is cut off by Quarkus's own check (413, no text).
 */
@ApplicationScoped
public class UploadLimit {

    private final long maxMb;

    UploadLimit(@ConfigProperty(name = "hausmeter.import.max-upload-mb", defaultValue = "200") long maxMb) {
        if (maxMb < 1) {
            throw new IllegalArgumentException("hausmeter.import.max-upload-mb must be at least 1");
        }
        this.maxMb = maxMb;
    }

    public long maxBytes() {
        return maxMb * 1024 * 1024;
    }

    public long maxMb() {
        return maxMb;
    }

    void register(@Observes Filters filters) {
        filters.register(
                rc -> {
                    String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
                    if (length != null && tooLarge(length)) {
                        refuse(rc, length);
                    } else {
                        rc.next();
                    }
                },
                2000);
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.strip()) > maxBytes();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void refuse(RoutingContext rc, String length) {
        Locale locale = locale(rc);
        Msg msg = MessageBundles.get(Msg.class, Localized.Literal.of(locale.getLanguage()));
        long mb = (Long.parseLong(length.strip()) + 1024 * 1024 - 1) / (1024 * 1024);
        rc.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=UTF-8")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(msg.upload_too_large(String.valueOf(mb), String.valueOf(maxMb)) + "\n");
    }

    private static Locale locale(RoutingContext rc) {
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
}
