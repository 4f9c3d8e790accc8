package org.hausmeter.web;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import org.hausmeter.accounts.Role;
import org.hausmeter.web.i18n.RequestLocale;

/**
 * What the layout needs to know about the current request, for every page without each resource
 * passing it: {@code {inject:page.buildingName}}, {@code {inject:page.loggedIn}},
 * {@code {inject:page.resident}}, {@code {inject:page.caretaker}}, {@code {inject:page.userName}},
 * {@code {inject:page.lang}}, {@code {inject:page.path}}.
 */
@RequestScoped
@Named("page")
public class Page {

    private final SecurityIdentity identity;
    private final RequestLocale locale;
    private final SiteSettings site;
    private final CurrentVertxRequest request;
    private final CurrentAccount account;
    private String userName;

    Page(
            SecurityIdentity identity,
            RequestLocale locale,
            SiteSettings site,
            CurrentVertxRequest request,
            CurrentAccount account) {
        this.identity = identity;
        this.account = account;
        this.locale = locale;
        this.site = site;
        this.request = request;
    }

    public String buildingName() {
        return site.current().name();
    }

    public boolean loggedIn() {
        return !identity.isAnonymous();
    }

    public boolean resident() {
        return identity.hasRole(Role.RESIDENT.name());
    }

    public boolean caretaker() {
        return identity.hasRole(Role.CARETAKER.name());
    }

    /** The account's display name, empty when nobody is logged in. */
    public String userName() {
        if (userName == null) {
            if (identity.isAnonymous()) {
                userName = "";
            } else {
                userName = account.get()
                        .map(CurrentAccount.Info::displayName)
                        .orElse(account.username().orElse(""));
            }
        }
        return userName;
    }

    /** The page's language tag, "de" or "en". */
    public String lang() {
        return locale.lang();
    }

    /** The path (and query) of this page, for forms that come back to it (language switch). */
    public String path() {
        RoutingContext rc = request.getCurrent();
        return rc == null ? "/" : rc.request().uri();
    }
}
