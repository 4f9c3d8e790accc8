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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.billing.TariffStore;
import org.hausmeter.live.BuildingNow;
import org.hausmeter.live.Kiosk;
import org.hausmeter.live.PriceSignal;
import org.hausmeter.live.TodayWatch;
import org.hausmeter.tariff.TariffVersion;
import org.hausmeter.web.i18n.Msg;
import org.hausmeter.web.i18n.RequestLocale;
import org.jboss.logging.Logger;

/**
 * The PV kiosk / wall page: no login, building totals only. Server-rendered in the request's
 * language; live values update over Server-Sent Events when JavaScript runs (texts in the same
 * language), and the page still reads correctly without it.
 */
@Path("/kiosk")
public class KioskResource {

    /**
     * The live part, formatted for display in one language. {@code status} is empty when live data flows;
     * {@code stand} says when the live values were read ("Stand 10:05", empty without any), {@code staleText}
     * is what the wall shows when the stream stops (as of the newest live value it had); {@code price} the price
     * signal ("Günstig jetzt · 0,22 €/kWh", {@link PriceSignal}) and {@code priceLevel} its level, both empty
     * without a tariff in force; {@code forecast} the expected signal of today's next hours ("Nächste Stunden:
     * 11–14 h günstig, 14–22 h normal"), empty without a tariff or after the day's last hour starts.
     */
    public record Now(
            String pv,
            String consumption,
            String grid,
            String gridDirection,
            String signal,
            String signalText,
            String status,
            String stand,
            String staleText,
            String price,
            String priceLevel,
            String forecast) {}

    /**
     * Today's chart and totals for an open page, sent as the stream's {@code today} event when a quarter hour
     * or the day changed ({@link TodayWatch}): {@code html} replaces the page's {@code #today}.
     */
    public record TodayUpdate(String day, int quarterHours, long pvTodayWh, long consumptionTodayWh, String html) {}

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
        static native TemplateInstance kiosk(View view, String today);

        static native TemplateInstance wall(View view, String today);

        static native TemplateInstance today(View view);
    }

    private static final Logger LOG = Logger.getLogger(KioskResource.class);

    /** How often the stream sends the live part (and looks whether today's chart changed). */
    static final Duration TICK = Duration.ofSeconds(5);

    private record Drawn(Kiosk.Today today, SvgChart.Lines chart) {}

    private record Tariffs(Instant readAt, List<TariffStore.StoredTariff> all) {}

    private volatile Tariffs tariffs;
    private final TariffStore tariffStore;
    private final Clock clock;

    private final Kiosk kiosk;
    private volatile Drawn drawn;
    private final RequestLocale locale;
    private final SiteSettings site;
    private final boolean wallByDefault;

    KioskResource(
            Kiosk kiosk,
            RequestLocale locale,
            SiteSettings site,
            TariffStore tariffStore,
            Clock clock,
            @ConfigProperty(name = "hausmeter.kiosk.wall", defaultValue = "false") boolean wallByDefault) {
        this.tariffStore = tariffStore;
        this.clock = clock;
        this.kiosk = kiosk;
        this.locale = locale;
        this.site = site;
        this.wallByDefault = wallByDefault;
    }

    /**
     * The kiosk page; {@code /kiosk?wall} (or {@code hausmeter.kiosk.wall=true}) is the wall mode: full screen
     * without the site's header and footer, type readable from across the hall. {@code ?wall=false} shows the
     * ordinary page where the wall mode is the default.
     */
    @GET
    @Produces(MediaType.TEXT_HTML)
    @Blocking
    public TemplateInstance page(@Context UriInfo uri) throws SQLException {
        Locale lang = locale.locale();
        ZoneId zone = site.zone();
        View view = view(kiosk.today(zone), lang, zone);
        String today = Templates.today(view).setLocale(lang).render();
        return wall(uri.getQueryParameters().get("wall"), wallByDefault)
                ? Templates.wall(view, today)
                : Templates.kiosk(view, today);
    }

    /** Wall mode for the query's {@code wall} values: present without a value or true-ish; absent: the default. */
    static boolean wall(List<String> values, boolean byDefault) {
        if (values == null || values.isEmpty()) {
            return byDefault;
        }
        String v = values.get(0).trim().toLowerCase(Locale.ROOT);
        return !(v.equals("false") || v.equals("0") || v.equals("no") || v.equals("off"));
    }

    private View view(Kiosk.Today today, Locale lang, ZoneId zone) throws SQLException {
        List<Integer> hours = kiosk.sunniestHours(zone);
        String sunniest = hours.isEmpty() ? msg(lang).kiosk_not_known() : hourRanges(hours);
        return new View(
                nowWithPrice(lang, zone),
                chart(today),
                today.pvTotalWh(),
                today.consumptionTotalWh(),
                sunniest,
                today.day());
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
        return nowWithPrice(locale.locale(), site.zone());
    }

    /**
     * Server-Sent Events in the language of the request that opened the stream: every 5 seconds the live part
     * (unnamed events, JSON {@link Now}); and a {@code today} event (JSON {@link TodayUpdate}) when the stream
     * opens and whenever today's chart or totals changed: a new quarter hour in the ledger, or a new local day.
     */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        Locale lang = locale.locale();
        ZoneId zone = site.zone();
        TodayWatch watch = new TodayWatch();
        return Multi.createFrom()
                .ticks()
                .startingAfter(Duration.ofMillis(10))
                .every(TICK)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .onItem()
                .transformToIterable(t -> events(sse, watch, lang, zone));
    }

    private List<OutboundSseEvent> events(Sse sse, TodayWatch watch, Locale lang, ZoneId zone) {
        List<OutboundSseEvent> events = new ArrayList<>();
        events.add(sse.newEventBuilder()
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(Now.class, nowWithPrice(lang, zone))
                .build());
        try {
            Kiosk.Today today = kiosk.today(zone);
            if (watch.due(today)) {
                View view = view(today, lang, zone);
                String html = Templates.today(view).setLocale(lang).render();
                events.add(sse.newEventBuilder()
                        .name("today")
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(
                                TodayUpdate.class,
                                new TodayUpdate(
                                        today.day().toString(),
                                        TodayWatch.Mark.of(today).quarterHours(),
                                        today.pvTotalWh(),
                                        today.consumptionTotalWh(),
                                        html))
                        .build());
            }
        } catch (SQLException e) {
            // The live part still goes out; the chart is sent once the database answers again (the watch did not
            // record it as sent).
            LOG.warnf("Kiosk stream: today's quarter hours could not be read: %s", e.getMessage());
        }
        return events;
    }

    static Now now(Kiosk.Live live, Locale lang, ZoneId zone) {
        Msg msg = msg(lang);
        if (live.now().isEmpty()) {
            String since = live.unavailableSince()
                    .map(t -> msg.kiosk_unavailable_since(Formats.dateTime(t, lang, zone)))
                    .orElse(msg.kiosk_no_live_yet());
            return new Now(
                    "–",
                    "–",
                    "–",
                    "",
                    "UNKNOWN",
                    msg.kiosk_no_live(),
                    since,
                    "",
                    msg.kiosk_wall_stale_none(),
                    "",
                    "",
                    "");
        }
        BuildingNow b = live.now().get();
        String direction = b.gridW() < 0 ? msg.kiosk_feeding_in() : msg.kiosk_buying();
        String text = switch (b.signal()) {
            case SOLAR_SURPLUS -> msg.kiosk_solar_surplus();
            case SOME_SOLAR -> msg.kiosk_some_solar();
            case GRID_ONLY -> msg.kiosk_grid_only();
        };
        String status = b.stale() ? msg.kiosk_unavailable_since(Formats.dateTime(b.at(), lang, zone)) : "";
        String at = Formats.time(b.at(), lang, zone);
        return new Now(
                Formats.kw(b.pvW(), lang),
                Formats.kw(b.consumptionW(), lang),
                Formats.kw(Math.abs(b.gridW()), lang),
                direction,
                b.signal().name(),
                text,
                status,
                msg.kiosk_wall_stand(at),
                msg.kiosk_wall_stale(at),
                "",
                "",
                "");
    }

    /** The live part with the price signal of {@code tariff} (the version in force now; null: none). */
    static Now now(Kiosk.Live live, Locale lang, ZoneId zone, TariffVersion tariff, Instant at, Kiosk.Usual usual) {
        Now n = now(live, lang, zone);
        if (tariff == null) {
            return n;
        }
        BuildingNow.Signal solar =
                live.now().filter(b -> !b.stale()).map(BuildingNow::signal).orElse(BuildingNow.Signal.GRID_ONLY);
        PriceSignal p;
        List<PriceSignal.Span> next;
        try {
            LocalDateTime local = LocalDateTime.ofInstant(at, zone);
            p = PriceSignal.of(tariff, local, solar);
            next = usual == null
                    ? List.of()
                    : PriceSignal.spans(PriceSignal.nextHours(tariff, local, usual.pvWh(), usual.consumptionWh()));
        } catch (RuntimeException e) {
            LOG.warnf("Kiosk: no price signal from the tariff of %s: %s", tariff.validFrom(), e.getMessage());
            return n;
        }
        Msg msg = msg(lang);
        String price = Formats.money(p.grossPerKwh(), p.currency(), lang) + "/kWh";
        String text = switch (p.level()) {
            case CHEAP -> msg.kiosk_price_cheap(price);
            case NORMAL -> msg.kiosk_price_normal(price);
            case EXPENSIVE -> msg.kiosk_price_expensive(price);
        };
        List<String> spans = new ArrayList<>();
        for (PriceSignal.Span span : next) {
            String level = switch (span.level()) {
                case CHEAP -> msg.kiosk_level_cheap();
                case NORMAL -> msg.kiosk_level_normal();
                case EXPENSIVE -> msg.kiosk_level_expensive();
            };
            spans.add(String.format("%02d–%02d h %s", span.fromHour(), span.toHour(), level));
        }
        String forecast = spans.isEmpty() ? "" : msg.kiosk_forecast(String.join(", ", spans));
        return new Now(
                n.pv(),
                n.consumption(),
                n.grid(),
                n.gridDirection(),
                n.signal(),
                n.signalText(),
                n.status(),
                n.stand(),
                n.staleText(),
                text,
                p.level().name(),
                forecast);
    }

    /** The tariff version in force now; null when none is (read at most once a minute). */
    private TariffVersion tariffNow(ZoneId zone) {
        Instant now = clock.instant();
        Tariffs t = tariffs;
        if (t == null || now.isBefore(t.readAt()) || !now.isBefore(t.readAt().plus(Duration.ofMinutes(1)))) {
            try {
                t = new Tariffs(now, tariffStore.all());
            } catch (RuntimeException e) {
                LOG.warnf("Kiosk: tariffs could not be read: %s", e.getMessage());
                t = new Tariffs(now, List.of());
            }
            tariffs = t;
        }
        TariffStore.StoredTariff in = TariffStore.at(t.all(), LocalDate.ofInstant(now, zone));
        return in == null ? null : in.version();
    }

    private Now nowWithPrice(Locale lang, ZoneId zone) {
        Kiosk.Usual usual;
        try {
            usual = kiosk.usualHours(zone);
        } catch (SQLException e) {
            LOG.warnf("Kiosk: the building's usual hours could not be read: %s", e.getMessage());
            usual = null;
        }
        return now(kiosk.live(), lang, zone, tariffNow(zone), clock.instant(), usual);
    }

    private static Msg msg(Locale lang) {
        return MessageBundles.get(Msg.class, Localized.Literal.of(lang.getLanguage()));
    }
}
