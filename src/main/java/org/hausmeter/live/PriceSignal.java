package org.hausmeter.live;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.Currency;
import java.util.List;
import org.hausmeter.tariff.DayType;
import org.hausmeter.tariff.TariffVersion;
import org.hausmeter.tariff.TouWindow;
import org.hausmeter.tariff.UnitPrice;

/**
 * The wall's price signal now (pure): "cheap" in solar surplus (an extra kWh comes from the roof, at the PV
 * price) or in the day's cheapest grid window, "expensive" in the day's dearest grid window with no solar,
 * "normal" otherwise (a flat grid price has neither). The price is the gross one per kWh that applies now:
 * the PV price in surplus, else the grid window's.
 *
 * @param level           the signal
 * @param grossPerKwh     price per kWh including VAT, to the cent
 * @param currency        its currency
 * @param window          the grid window in force (its name, as the caretaker entered it)
 */
public record PriceSignal(Level level, BigDecimal grossPerKwh, Currency currency, String window) {

    public enum Level {
        CHEAP,
        NORMAL,
        EXPENSIVE
    }

    /**
     * @param tariff the version in force on the local day of {@code local}
     * @param local  the building's local time now
     * @param solar  the building's signal now (from its live values)
     */
    public static PriceSignal of(TariffVersion tariff, LocalDateTime local, BuildingNow.Signal solar) {
        List<TouWindow> windows = tariff.gridPrice()
                .seasonAt(local)
                .schedule(DayType.of(local.getDayOfWeek()))
                .windows();
        TouWindow now = tariff.gridPrice().windowAt(local);
        UnitPrice lowest =
                windows.stream().map(TouWindow::price).min(UnitPrice::compareTo).orElseThrow();
        UnitPrice highest =
                windows.stream().map(TouWindow::price).max(UnitPrice::compareTo).orElseThrow();
        boolean timeOfUse = lowest.compareTo(highest) < 0;
        Level level;
        UnitPrice price = now.price();
        if (solar == BuildingNow.Signal.SOLAR_SURPLUS) {
            level = Level.CHEAP;
            price = tariff.pvPrice();
        } else if (timeOfUse && now.price().compareTo(lowest) == 0) {
            level = Level.CHEAP;
        } else if (timeOfUse && now.price().compareTo(highest) == 0 && solar == BuildingNow.Signal.GRID_ONLY) {
            level = Level.EXPENSIVE;
        } else {
            level = Level.NORMAL;
        }
        BigDecimal gross = price.perKwh()
                .multiply(BigDecimal.ONE.add(tariff.vatRate().percent().movePointLeft(2)))
                .setScale(2, RoundingMode.HALF_UP);
        return new PriceSignal(level, gross, price.currency(), now.name());
    }

    /** The expected signal of one local hour of today. */
    public record Hour(int hour, Level level) {}

    /**
     * The expected signal of the rest of today's hours (after the current one): the tariff's window at each hour's
     * start, and the solar state this building usually has then ({@code usualPvWh}/{@code usualUseWh}: average
     * Wh of PV and consumption per local hour, index 0 = 00:00–01:00): surplus where the roof usually makes more
     * than the building uses, some solar where it makes anything worth counting, else none.
     */
    public static List<Hour> nextHours(TariffVersion tariff, LocalDateTime now, long[] usualPvWh, long[] usualUseWh) {
        List<Hour> hours = new java.util.ArrayList<>();
        for (int h = now.getHour() + 1; h < 24; h++) {
            long pv = usualPvWh[h];
            BuildingNow.Signal solar = pv < BuildingNow.PV_THRESHOLD_W
                    ? BuildingNow.Signal.GRID_ONLY
                    : pv > usualUseWh[h] ? BuildingNow.Signal.SOLAR_SURPLUS : BuildingNow.Signal.SOME_SOLAR;
            LocalDateTime start = now.toLocalDate().atTime(h, 0);
            hours.add(new Hour(h, of(tariff, start, solar).level()));
        }
        return hours;
    }

    /** Consecutive hours of one level, [fromHour, toHour). */
    public record Span(int fromHour, int toHour, Level level) {}

    /** {@code hours} joined into spans of the same level. */
    public static List<Span> spans(List<Hour> hours) {
        List<Span> spans = new java.util.ArrayList<>();
        for (Hour h : hours) {
            Span last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
            if (last != null && last.level() == h.level() && last.toHour() == h.hour()) {
                spans.set(spans.size() - 1, new Span(last.fromHour(), h.hour() + 1, h.level()));
            } else {
                spans.add(new Span(h.hour(), h.hour() + 1, h.level()));
            }
        }
        return spans;
    }
}
