package org.hausmeter.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.hausmeter.live.BuildingNow;
import org.hausmeter.live.Kiosk;
import org.hausmeter.web.i18n.Msg;
import org.hausmeter.web.i18n.RequestLocale;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The PV kiosk / wall page: no login, building totals only. Server-rendered in the request's
 * language; live values update over Server-Sent Events when JavaScript runs (texts in the same
 * language), and the page still reads correctly without it.
 */
@Path("/kiosk")
public class KioskResource {

    /** The live part, formatted for display in one language. {@code status} is empty when live data flows. */
    public record Now(
            String pv,
            String consumption,
            String grid,
            String gridDirection,
            String signal,
            String signalText,
            String status) {}

    /** Everything the page shows, prepared. */
    public record View(
            Now now,
            SvgChart.Lines chart,
            long pvTodayWh,
            long consumptionTodayWh,
            String sunniest,
            java.time.LocalDate day) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance kiosk(View view);
    }

    private record Drawn(Kiosk.Today today, SvgChart.Lines chart) {}

    private final Kiosk kiosk;
    private volatile Drawn drawn;
    private final RequestLocale locale;
    private final SiteSettings site;

    KioskResource(Kiosk kiosk, RequestLocale locale, SiteSettings site) {
        this.kiosk = kiosk;
        this.locale = locale;
        this.site = site;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Blocking
    public TemplateInstance page() throws SQLException {
        Locale lang = locale.locale();
        ZoneId zone = site.zone();
        Kiosk.Today today = kiosk.today(zone);
        List<Integer> hours = kiosk.sunniestHours(zone);
        String sunniest = hours.isEmpty() ? msg(lang).kiosk_not_known() : hourRanges(hours);
        return Templates.kiosk(new View(
                now(kiosk.live(), lang, zone),
                chart(today),
                today.pvTotalWh(),
                today.consumptionTotalWh(),
                sunniest,
                today.day()));
    }

    /** Hours of the day as ranges in the order of the day: [12, 11, 10, 15] → "10–13 h, 15–16 h". */
    static String hourRanges(List<Integer> hours) {
        List<Integer> sorted = hours.stream().distinct().sorted().toList();
        List<String> ranges = new java.util.ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            int from = sorted.get(i);
            while (i + 1 < sorted.size() && sorted.get(i + 1) == sorted.get(i) + 1) {
                i++;
            }
            ranges.add(String.format("%02d–%02d h", from, sorted.get(i) + 1));
        }
        return String.join(", ", ranges);
    }

    /** The chart of a day's curves, drawn once per {@link Kiosk.Today} (the kiosk reuses one for 30 s). */
    private SvgChart.Lines chart(Kiosk.Today today) {
        Drawn d = drawn;
        if (d == null || d.today() != today) {
            d = new Drawn(today, SvgChart.quarterHours(today.slots(), List.of(today.pvWh(), today.consumptionWh()), 3));
            drawn = d;
        }
        return d.chart();
    }

    /** The live part as JSON, in the request's language. */
    @GET
    @Path("now")
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public Now now() {
        return now(kiosk.live(), locale.locale(), site.zone());
    }

    /** The live part every 5 seconds as Server-Sent Events, in the language of the request that opened the stream. */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    public Multi<Now> stream() {
        Locale lang = locale.locale();
        ZoneId zone = site.zone();
        return Multi.createFrom()
                .ticks()
                .startingAfter(Duration.ofMillis(10))
                .every(Duration.ofSeconds(5))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(t -> now(kiosk.live(), lang, zone));
    }

    static Now now(Kiosk.Live live, Locale lang, ZoneId zone) {
        Msg msg = msg(lang);
        if (live.now().isEmpty()) {
            String since = live.unavailableSince()
                    .map(t -> msg.kiosk_unavailable_since(Formats.dateTime(t, lang, zone)))
                    .orElse(msg.kiosk_no_live_yet());
            return new Now("–", "–", "–", "", "UNKNOWN", msg.kiosk_no_live(), since);
        }
        BuildingNow b = live.now().get();
        String direction = b.gridW() < 0 ? msg.kiosk_feeding_in() : msg.kiosk_buying();
        String text = switch (b.signal()) {
            case SOLAR_SURPLUS -> msg.kiosk_solar_surplus();
            case SOME_SOLAR -> msg.kiosk_some_solar();
            case GRID_ONLY -> msg.kiosk_grid_only();
        };
        String status = b.stale() ? msg.kiosk_unavailable_since(Formats.dateTime(b.at(), lang, zone)) : "";
        return new Now(
                Formats.kw(b.pvW(), lang),
                Formats.kw(b.consumptionW(), lang),
                Formats.kw(Math.abs(b.gridW()), lang),
                direction,
                b.signal().name(),
                text,
                status);
    }

    private static Msg msg(Locale lang) {
        return MessageBundles.get(Msg.class, Localized.Literal.of(lang.getLanguage()));
    }
}
