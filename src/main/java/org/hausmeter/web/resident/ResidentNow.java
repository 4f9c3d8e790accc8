package org.hausmeter.web.resident;

import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hausmeter.billing.TariffStore;
import org.hausmeter.live.ApartmentLive;
import org.hausmeter.live.ApartmentNow;
import org.hausmeter.live.BuildingNow;
import org.hausmeter.live.Kiosk;
import org.hausmeter.live.PriceSignal;
import org.hausmeter.tariff.TariffVersion;
import org.hausmeter.web.Formats;
import org.jboss.logging.Logger;

/**
 * The live part of the resident's dashboard, built per request (the rest of the page is kept rendered per quarter
 * hour): the own apartment's power now next to the building's consumption and PV (live values of the poller, as on
 * the kiosk), and the "good time to use power" hint from the kiosk's price signal ({@link PriceSignal},
 * {@link PriceHint}).
 */
@ApplicationScoped
public class ResidentNow {

    private static final Logger LOG = Logger.getLogger(ResidentNow.class);

    /**
     * What the page shows.
     *
     * @param own      the apartment's power now ("0,4 kW"), or "–"
     * @param use      the building's consumption now, or "–"
     * @param pv       the roof's PV now, or "–"
     * @param at       "As of 10:02", "Last live value at …", or why there is none
     * @param stale    true when the values are not current
     * @param level    cheap, normal, expensive (a CSS class), or empty without a tariff
     * @param hint     the price signal's sentence
     * @param solar    "The roof makes more than the building uses" in surplus, else null
     * @param next     cheap until when, the next cheap window, or none left today; null without a tariff
     */
    @TemplateData
    public record View(
            String own,
            String use,
            String pv,
            String at,
            boolean stale,
            String level,
            String hint,
            String solar,
            String next) {}

    private record Tariffs(Instant readAt, List<TariffStore.StoredTariff> all) {}

    private final ApartmentLive apartments;
    private final Kiosk kiosk;
    private final TariffStore tariffStore;
    private final Clock clock;
    private volatile Tariffs tariffs;

    ResidentNow(ApartmentLive apartments, Kiosk kiosk, TariffStore tariffStore, Clock clock) {
        this.apartments = apartments;
        this.kiosk = kiosk;
        this.tariffStore = tariffStore;
        this.clock = clock;
    }

    /** @return the live part for one of the resident's apartments, in a language */
    public View view(String apartmentCode, Locale lang, ZoneId zone) {
        ResidentPageMessages rp = Residents.pageMessages(lang);
        Instant now = clock.instant();
        Optional<ApartmentNow> own = apartments.now(apartmentCode);
        Kiosk.Live live = kiosk.live();
        Optional<BuildingNow> building = live.now();
        String ownText = own.map(a -> Formats.kw(a.powerW(), lang)).orElse("–");
        String use = building.map(b -> Formats.kw(b.consumptionW(), lang)).orElse("–");
        String pv = building.map(b -> Formats.kw(b.pvW(), lang)).orElse("–");
        boolean stale = own.map(ApartmentNow::stale).orElse(true)
                || building.map(BuildingNow::stale).orElse(true);
        Optional<Instant> oldest = own.map(ApartmentNow::at);
        if (building.isPresent()) {
            Instant b = building.get().at();
            oldest = Optional.of(oldest.filter(o -> o.isBefore(b)).orElse(b));
        }
        String at;
        if (oldest.isEmpty()) {
            at = apartments.meters(apartmentCode).isEmpty() ? rp.now_no_meter() : rp.now_unavailable();
        } else {
            String time = Formats.time(oldest.get(), lang, zone);
            at = stale ? rp.now_stale(time) : rp.now_at(time);
        }

        TariffVersion tariff = tariffNow(zone, now);
        if (tariff == null) {
            return new View(ownText, use, pv, at, stale, "", rp.hint_no_tariff(), null, null);
        }
        BuildingNow.Signal solar =
                building.filter(b -> !b.stale()).map(BuildingNow::signal).orElse(BuildingNow.Signal.GRID_ONLY);
        LocalDateTime local = LocalDateTime.ofInstant(now, zone);
        PriceSignal signal;
        List<PriceSignal.Span> next;
        try {
            signal = PriceSignal.of(tariff, local, solar);
            Kiosk.Usual usual = kiosk.usualHours(zone);
            next = PriceSignal.spans(PriceSignal.nextHours(tariff, local, usual.pvWh(), usual.consumptionWh()));
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Resident page: no price signal: %s", e.getMessage());
            return new View(ownText, use, pv, at, stale, "", rp.hint_no_tariff(), null, null);
        }
        String price = Formats.money(signal.grossPerKwh(), signal.currency(), lang);
        String hint = switch (signal.level()) {
            case CHEAP -> rp.hint_cheap(price);
            case NORMAL -> rp.hint_normal(price);
            case EXPENSIVE -> rp.hint_expensive(price);
        };
        PriceHint h = PriceHint.of(signal.level(), local.getHour(), next);
        String nextText;
        if (signal.level() == PriceSignal.Level.CHEAP) {
            nextText = rp.hint_cheap_until(hour(h.cheapTo().getAsInt()));
        } else if (h.cheapFrom().isPresent()) {
            nextText = rp.hint_next_cheap(
                    hour(h.cheapFrom().getAsInt()), hour(h.cheapTo().getAsInt()));
        } else {
            nextText = rp.hint_no_cheap_today();
        }
        String solarText = solar == BuildingNow.Signal.SOLAR_SURPLUS ? rp.hint_solar() : null;
        return new View(
                ownText, use, pv, at, stale, signal.level().name().toLowerCase(Locale.ROOT), hint, solarText, nextText);
    }

    private static String hour(int h) {
        return String.format(Locale.ROOT, "%02d:00", h);
    }

    /** The tariff version in force now; null when none is (read at most once a minute). */
    private TariffVersion tariffNow(ZoneId zone, Instant now) {
        Tariffs t = tariffs;
        if (t == null || now.isBefore(t.readAt()) || !now.isBefore(t.readAt().plus(Duration.ofMinutes(1)))) {
            try {
                t = new Tariffs(now, tariffStore.all());
            } catch (RuntimeException e) {
                LOG.warnf("Resident page: tariffs could not be read: %s", e.getMessage());
                t = new Tariffs(now, List.of());
            }
            tariffs = t;
        }
        TariffStore.StoredTariff in = TariffStore.at(t.all(), LocalDate.ofInstant(now, zone));
        return in == null ? null : in.version();
    }
}
