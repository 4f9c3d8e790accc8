package org.hausmeter.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.hausmeter.ledger.MeterRole;

/**
 * The building's power right now, from the newest live value of each meter (pure). Signs: PV
 * production positive; grid positive when buying, negative when feeding in; consumption = grid + PV.
 *
 * @param pvW          PV production now, W (0 at night)
 * @param consumptionW the building's consumption now, W
 * @param gridW        grid exchange now, W (positive: buying, negative: feeding in)
 * @param signal       the three-state signal for residents
 * @param at           time of the oldest value used
 * @param stale        true when live values are missing or older than the allowed age
 */
public record BuildingNow(long pvW, long consumptionW, long gridW, Signal signal, Instant at, boolean stale) {

    /** What a resident should read from the wall display. */
    public enum Signal {
        /** The roof makes more than the building uses: a good time for the washing machine. */
        SOLAR_SURPLUS,
        /** The roof covers part of the consumption. */
        SOME_SOLAR,
        /** Night or clouds: everything comes from the grid. */
        GRID_ONLY
    }

    /** Below this PV power the roof counts as producing nothing (inverter standby, meter noise). */
    static final long PV_THRESHOLD_W = 50;

    /**
     * @param latest  newest live value per meter name
     * @param roles   role of each meter name
     * @param now     the current instant
     * @param maxAge  older values count as stale
     */
    public static Optional<BuildingNow> of(
            Map<String, LiveValues.LivePower> latest, Map<String, MeterRole> roles, Instant now, Duration maxAge) {
        Long grid = null;
        long pv = 0;
        boolean hasPv = false;
        Instant oldest = null;
        for (Map.Entry<String, MeterRole> e : roles.entrySet()) {
            LiveValues.LivePower p = latest.get(e.getKey());
            if (p == null || (e.getValue() != MeterRole.GRID && e.getValue() != MeterRole.PV)) {
                continue;
            }
            oldest = oldest == null || p.at().isBefore(oldest) ? p.at() : oldest;
            if (e.getValue() == MeterRole.GRID) {
                grid = (grid == null ? 0 : grid) + p.powerW();
            } else {
                pv += Math.max(0, -p.powerW());
                hasPv = true;
            }
        }
        if (grid == null) {
            return Optional.empty();
        }
        long consumption = Math.max(0, grid + pv);
        Signal signal = pv < PV_THRESHOLD_W ? Signal.GRID_ONLY : grid < 0 ? Signal.SOLAR_SURPLUS : Signal.SOME_SOLAR;
        boolean stale = oldest.isBefore(now.minus(maxAge)) || !hasPv && roles.containsValue(MeterRole.PV);
        return Optional.of(new BuildingNow(pv, consumption, grid, signal, oldest, stale));
    }
}
