package org.hausmeter.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.hausmeter.building.BuildingOverview;
import org.hausmeter.live.Kiosk;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The PV kiosk / wall page: no login, building totals only. Server-rendered; live values update over
 * Server-Sent Events when JavaScript runs, and the page still reads correctly without it.
 */
@Path("/kiosk")
public class KioskResource {

    /** Everything the page shows, prepared. */
    public record View(String building, Kiosk.Now now, SvgChart.Lines chart, String pvToday, String consumptionToday,
            String sunniest, String day) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance kiosk(View view);
    }

    private final Kiosk kiosk;
    private final BuildingOverview overview;

    KioskResource(Kiosk kiosk, BuildingOverview overview) {
        this.kiosk = kiosk;
        this.overview = overview;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Blocking
    public TemplateInstance page() throws SQLException {
        Kiosk.Today today = kiosk.today();
        List<Integer> hours = kiosk.sunniestHours();
        String sunniest = hours.isEmpty() ? "not known yet"
                : String.join(", ", hours.stream().map(h -> String.format("%02d–%02d h", h, h + 1)).toList());
        return Templates.kiosk(new View(overview.now().name(), kiosk.now(),
                SvgChart.quarterHours(today.slots(), List.of(today.pvWh(), today.consumptionWh()), 3), kwh(today.pvTotalWh()),
                kwh(today.consumptionTotalWh()), sunniest, today.day().toString()));
    }

    /** The live part as JSON. */
    @GET
    @Path("now")
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Kiosk.Now now() {
        return kiosk.now();
    }

    /** The live part every 5 seconds as Server-Sent Events. */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<Kiosk.Now> stream() {
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(10)).every(Duration.ofSeconds(5))
                .emitOn(Infrastructure.getDefaultWorkerPool()).map(t -> kiosk.now());
    }

    private static String kwh(long wh) {
        return String.format(Locale.ROOT, "%.1f kWh", wh / 1000.0);
    }
}
