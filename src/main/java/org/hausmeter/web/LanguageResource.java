package org.hausmeter.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import org.hausmeter.accounts.AccountLanguage;
import org.hausmeter.web.i18n.Locales;
import org.hausmeter.web.i18n.RequestLocale;

/**
 * The language switch in the layout: remembers the choice in the {@value RequestLocale#COOKIE} cookie
 * and, for a logged-in account, in {@code account.locale} (which wins over the cookie on any device),
 * then returns to the page it came from.
 */
@Path("/lang")
public class LanguageResource {

    private final CurrentAccount account;
    private final AccountLanguage language;
    private final RoutingContext rc;

    LanguageResource(CurrentAccount account, AccountLanguage language, RoutingContext rc) {
        this.account = account;
        this.language = language;
        this.rc = rc;
    }

    @POST
    public Response choose(@FormParam("lang") String lang, @FormParam("back") String back) {
        Locale locale =
                Locales.supported(lang).orElseThrow(() -> new BadRequestException("Unknown language [" + lang + "]"));
        rc.response()
                .addCookie(Cookie.cookie(RequestLocale.COOKIE, locale.getLanguage())
                        .setPath("/")
                        .setMaxAge(Duration.ofDays(365).toSeconds())
                        .setSameSite(CookieSameSite.STRICT)
                        .setHttpOnly(true));
        account.username().ifPresent(username -> language.remember(username, locale.getLanguage()));
        return Response.seeOther(URI.create(localPath(back))).build();
    }

    /**
     * Only a path on this server: no scheme, no host, no protocol-relative "//" or "/\\", printable ASCII only
     * (a browser sends the page's path percent-encoded), and a valid URI reference (else URI.create threw: a
     * 500). Anything else returns to "/".
     */
    static String localPath(String back) {
        if (back == null
                || !back.startsWith("/")
                || back.startsWith("//")
                || back.startsWith("/\\")
                || back.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f || c == '\\')) {
            return "/";
        }
        try {
            URI uri = new URI(back);
            if (uri.isAbsolute()
                    || uri.getRawAuthority() != null
                    || uri.getRawPath() == null
                    || !uri.getRawPath().startsWith("/")
                    || back.contains("%00")) {
                return "/";
            }
        } catch (URISyntaxException e) {
            return "/";
        }
        return back;
    }
}
