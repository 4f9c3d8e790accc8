package org.hausmeter.web.i18n;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.hausmeter.web.SiteSettings;

/**
 * Gives every template instance created while serving a request the request's language (the
 * {@code locale} attribute: message bundles and the format extensions read it) and the building's
 * time zone (the {@value #ZONE} attribute). Outside a request (a bill PDF rendered by a job) only the
 * zone is set; such code sets the locale it needs itself, after creating the instance.
 */
@Singleton
public class LocaleInitializer implements TemplateInstance.Initializer {

    public static final String ZONE = "zone";

    private final RequestLocale locale;
    private final SiteSettings site;

    LocaleInitializer(RequestLocale locale, SiteSettings site) {
        this.locale = locale;
        this.site = site;
    }

    /** Quarkus fires the engine builder as an event while it builds the Qute engine: register there. */
    void register(@Observes EngineBuilder builder) {
        builder.addTemplateInstanceInitializer(this);
    }

    @Override
    public void accept(TemplateInstance instance) {
        instance.setAttribute(ZONE, site.zone());
        InjectableContext request = Arc.container().requestContext();
        if (request.isActive()) {
            instance.setLocale(locale.locale());
        }
    }
}
