package org.hausmeter.web.i18n;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import java.util.Locale;
import java.util.Optional;
import org.hausmeter.web.CurrentAccount;

/**
 * The language of the current request, decided once per request: the logged-in account's language
 * ({@code account.locale}), else the {@value #COOKIE} cookie set by the language switch, else the
 * browser's Accept-Language, else German. Every Qute template rendered in the request gets it (see
 * {@link LocaleInitializer}).
 */
@RequestScoped
public class RequestLocale {

    public static final String COOKIE = "lang";

    private final CurrentVertxRequest request;
    private final CurrentAccount account;
    private Locale locale;

    RequestLocale(CurrentVertxRequest request, CurrentAccount account) {
        this.request = request;
        this.account = account;
    }

    public Locale locale() {
        if (locale == null) {
            locale = resolve();
        }
        return locale;
    }

    /** "de" or "en". */
    public String lang() {
        return locale().getLanguage();
    }

    private Locale resolve() {
        Optional<Locale> fromAccount = accountLocale();
        if (fromAccount.isPresent()) {
            return fromAccount.get();
        }
        RoutingContext rc = request.getCurrent();
        if (rc == null) {
            return Locales.DEFAULT;
        }
        Cookie cookie = rc.request().getCookie(COOKIE);
        if (cookie != null) {
            Optional<Locale> l = Locales.supported(cookie.getValue());
            if (l.isPresent()) {
                return l.get();
            }
        }
        return Locales.fromAcceptLanguage(rc.request().getHeader("Accept-Language"))
                .orElse(Locales.DEFAULT);
    }

    private Optional<Locale> accountLocale() {
        // empty for an anonymous request and on an I/O thread
        return account.get().map(CurrentAccount.Info::locale).flatMap(Locales::supported);
    }
}
