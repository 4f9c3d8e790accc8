package org.hausmeter.web.caretaker;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Locale;
import java.util.function.Function;
import org.hausmeter.web.CurrentAccount;
import org.hausmeter.web.SiteSettings;
import org.hausmeter.web.i18n.RequestLocale;

/**
 * What every caretaker page resource shares: the request's language and message bundle, the
 * caretaker's name for the audit log, the building's zone, form parsing, and the two answers to a
 * form: 303 to the page with a success notice (POST-redirect-GET), or the page again with the
 * refusal and the status the JSON API would give.
 */
abstract class CaretakerPages {

    static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentAccount currentAccount;

    @Inject
    RequestLocale requestLocale;

    @Inject
    SiteSettings site;

    @Inject
    Clock clock;

    CaretakerMessages ct() {
        return messages(requestLocale.lang());
    }

    CaretakerBillingMessages ctb() {
        return MessageBundles.get(CaretakerBillingMessages.class, Localized.Literal.of(requestLocale.lang()));
    }

    static CaretakerMessages messages(String lang) {
        return MessageBundles.get(CaretakerMessages.class, Localized.Literal.of(lang));
    }

    Locale locale() {
        return requestLocale.locale();
    }

    String actor() {
        return currentAccount.username().orElse("");
    }

    ZoneId zone() {
        return site.zone();
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(zone()));
    }

    YearMonth thisMonth() {
        return YearMonth.from(today());
    }

    Forms forms() {
        return new Forms(ct(), zone());
    }

    /** The notice for a {@code done} key after a redirect (null when none). */
    Notice done(String key, String arg) {
        return Notices.done(ct(), locale(), key, arg);
    }

    /** 303 to {@code path} with {@code ?done=key&n=arg} (arg may be null). */
    static Response seeOther(String path, String doneKey, String arg) {
        return Response.seeOther(URI.create(location(path, doneKey, arg))).build();
    }

    /**
     * The address a change redirects to: {@code path} with the notice's {@code done} and {@code n} added to its query,
     * before a {@code #fragment} of the path (a query after the fragment would belong to the fragment, and the page
     * would never see its notice).
     */
    static String location(String path, String doneKey, String arg) {
        int hash = path.indexOf('#');
        String fragment = hash < 0 ? "" : path.substring(hash);
        String base = hash < 0 ? path : path.substring(0, hash);
        StringBuilder sb = new StringBuilder(base);
        if (doneKey != null) {
            sb.append(base.contains("?") ? '&' : '?').append("done=").append(enc(doneKey));
            if (arg != null) {
                sb.append("&n=").append(enc(arg));
            }
        }
        return sb.append(fragment).toString();
    }

    static Response ok(TemplateInstance page) {
        return Response.ok(page).type(HTML).build();
    }

    static Response page(int status, TemplateInstance page) {
        return Response.status(status).type(HTML).entity(page).build();
    }

    /**
     * Runs a change; on success the answer of {@code success}, on a refusal the page rendered again by
     * {@code failed} with the refusal's message and status.
     */
    static Response change(java.util.function.Supplier<Response> action, Function<Notice, TemplateInstance> failed) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            PageErrors.Failure f = PageErrors.require(e);
            return page(f.status(), failed.apply(Notice.error(f.message())));
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
