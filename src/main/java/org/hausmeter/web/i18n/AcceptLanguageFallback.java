package org.hausmeter.web.i18n;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Keeps a malformed Accept-Language header from failing the page: before any page sees the request, the header is
 * reduced to its well-formed entries (RFC 9110: a language range, optionally {@code ;q=} with a weight from 0 to 1),
 * and removed when none is left, so the page falls back to the default language ({@link Locales#DEFAULT}). Quarkus'
 * Qute response filter parses the header for every template response and answered 400 to the whole request for
 * one bad entry ({@code de;q=x}, {@code en;q=}, {@code ;q=1}).
 */
@ApplicationScoped
public class AcceptLanguageFallback {

    private static final Pattern ENTRY = Pattern.compile(
            "(?:\\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)(?:[ \\t]*;[ \\t]*[qQ]=(?:0(?:\\.\\d{0,3})?|1(?:\\.0{0,3})?))?");

    void register(@Observes Filters filters) {
        filters.register(
                rc -> {
                    MultiMap headers = rc.request().headers();
                    List<String> values = headers.getAll(HttpHeaders.ACCEPT_LANGUAGE);
                    if (!values.isEmpty()) {
                        Optional<String> clean = wellFormed(String.join(",", values));
                        if (clean.isEmpty()) {
                            headers.remove(HttpHeaders.ACCEPT_LANGUAGE);
                        } else if (values.size() != 1 || !clean.get().equals(values.get(0))) {
                            headers.set(HttpHeaders.ACCEPT_LANGUAGE, clean.get());
                        }
                    }
                    rc.next();
                },
                900);
    }

    /**
     * The well-formed entries of an Accept-Language header, joined by ", "; the header itself when every entry is
     * well-formed; empty when none is.
     */
    static Optional<String> wellFormed(String header) {
        List<String> good = new ArrayList<>();
        boolean changed = false;
        for (String entry : header.split(",", -1)) {
            String e = entry.strip();
            if (ENTRY.matcher(e).matches()) {
                good.add(e);
            } else {
                changed = true;
            }
        }
        if (good.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(changed ? String.join(", ", good) : header);
    }
}
