package org.hausmeter.bus.sim.profile;

import java.time.ZoneId;
import java.time.zone.ZoneRules;

/**
 * Common-area consumption (lift, stairwell, lighting, circulation pump) in W on the grid's steps.
 *
 * <p>Steady base of 70–120 W, a circulation pump of up to 50 W in the heating season, 40 W of night
 * lights between local dusk and dawn, and lift trips of 12 Wh each (with stairwell light), more in
 * the morning and evening, drawn per step by seeded randomised rounding of the expected count.
 */
public final class CommonArea extends GridProfile {

    private static final long SALT_PARAM = 21;
    private static final long SALT_TRIPS = 22;
    private static final double TRIP_J = 12 * 3600;

    private final ZoneRules rules;
    private final long seed;
    private final double baseW;
    private final long[] localS;

    /**
     * @param grid the building's integration grid
     * @param zone the building's zone: lights and lift traffic follow the local clock
     * @param seed per-building seed
     */
    public CommonArea(SimGrid grid, ZoneId zone, long seed) {
        super(grid);
        this.rules = zone.getRules();
        this.seed = seed;
        this.baseW = 70 + 50 * Noise.unit(seed, SALT_PARAM, 0);
        this.localS = new long[grid.stepsPerBlock()];
    }

    @Override
    protected void blockPowerW(long block, long[] outW) {
        SimGrid grid = grid();
        long stepS = grid.step().getSeconds();
        long firstStep = block * grid.stepsPerBlock();
        LocalSteps.midpoints(grid, rules, block, localS);
        long day = Long.MIN_VALUE;
        double season = 0;
        for (int i = 0; i < outW.length; i++) {
            long d = Math.floorDiv(localS[i], 86_400);
            if (d != day) {
                day = d;
                season = StrictMath.cos(2 * Math.PI * (day - 14) / 365.2425);
            }
            double hour = Math.floorMod(localS[i], 86_400) / 3600.0;
            double dawn = 6.5 + 1.75 * season;
            double dusk = 18.9 - 2.6 * season;
            double w = baseW + 50 * Math.max(0, season + 0.3) / 1.3;
            if (hour < dawn || hour >= dusk) {
                w += 40;
            }
            double expectedTrips = tripsPerHour(hour) * stepS / 3600.0;
            long trips = (long) Math.floor(expectedTrips + Noise.unit(seed, SALT_TRIPS, firstStep + i));
            outW[i] = Math.round(w + trips * TRIP_J / stepS);
        }
    }

    private static double tripsPerHour(double h) {
        if (h < 6) {
            return 0.5;
        }
        if (h < 9) {
            return 10;
        }
        if (h < 17) {
            return 5;
        }
        if (h < 22) {
            return 9;
        }
        return 2;
    }
}
