package org.hausmeter.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.hausmeter.building.persistence.BuildingOverview;

/** The start page (and the landing page after login): which building this server meters, with anonymous figures only. */
@Path("/")
public class HomeResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(BuildingOverview.Overview building);
    }

    private final BuildingOverview overview;

    HomeResource(BuildingOverview overview) {
        this.overview = overview;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance index() {
        return Templates.index(overview.now());
    }
}
