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
}
