package org.hausmeter.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.hausmeter.accounts.Role;
import org.hausmeter.live.Kiosk;
import org.hausmeter.web.i18n.RequestLocale;

/**
 * The public start page: the building's name, its PV power now (the kiosk's live figures) and the ways in (log in,
 * the kiosk). No counts, settings or server internals. After a login without a page asked for first, the form
 * lands on {@value #LANDING}, which sends each account to its own start: a resident to {@code /me}, the caretaker
 * to {@code /caretaker}.
 */
@Path("/")
public class HomeResource {

    /** Where the login form lands when no protected page triggered it ({@code quarkus.http.auth.form.landing-page}). */
    public static final String LANDING = "/welcome";

    /** What the start page shows: the kiosk's live figures, and where a logged-in account's own pages are. */
    public record View(KioskResource.Now now, String ownPage) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(View view);
    }

    private final Kiosk kiosk;
    private final RequestLocale locale;
    private final SiteSettings site;
    private final SecurityIdentity identity;

    HomeResource(Kiosk kiosk, RequestLocale locale, SiteSettings site, SecurityIdentity identity) {
        this.kiosk = kiosk;
        this.locale = locale;
        this.site = site;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Blocking
    public TemplateInstance index() {
        return Templates.index(new View(
                KioskResource.now(kiosk.live(), locale.locale(), site.zone()),
                identity.isAnonymous() ? "" : ownPage(identity)));
    }

    /** The landing page after login: each account to its own start page. */
    @GET
    @Path("welcome")
    @Authenticated
    public Response welcome() {
        return Response.seeOther(URI.create(ownPage(identity))).build();
    }

    /** A caretaker's start is /caretaker, a resident's /me; an account with neither role starts on /. */
    static String ownPage(SecurityIdentity identity) {
        if (identity.hasRole(Role.CARETAKER.name())) {
            return "/caretaker";
        }
        if (identity.hasRole(Role.RESIDENT.name())) {
            return "/me";
        }
        return "/";
    }
}
