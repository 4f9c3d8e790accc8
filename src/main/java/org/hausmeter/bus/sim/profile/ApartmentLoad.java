package org.hausmeter.bus.sim.profile;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Household consumption of one apartment, in W on the grid's steps.
 *
 * <p>Night base load 90–190 W; morning, midday and evening peaks by local time, later and broader
 * on weekends; appliance runs (oven, washing machine, dishwasher, hob, kettle) of 1.5–2 kW on
 * seeded days and times; about 25 % more activity in mid-winter than mid-summer; smooth hash noise
 * per apartment and time slot. The seed makes apartments differ; equal seeds give equal curves.
 * Yearly totals fall in 1 500–3 500 kWh.
 */
public final class ApartmentLoad extends GridProfile {

    private static final long SALT_PARAM = 1;
    private static final long SALT_NOISE = 2;
    private static final long SALT_BASE = 3;
    private static final long SALT_DAY = 4;
    private static final long SALT_BURST = 100;
    private static final double TWO_PI = 2 * Math.PI;

    private final ZoneId zone;
    private final ZoneRules rules;
    private final long seed;
    private final double baseW;
    private final double activity;
    private final double shiftH;
    private final boolean awayOnWeekdays;
    private final long[] localS;
    private final double[] weekdayShape;
    private final double[] weekendShape;

    /**
     * @param grid the building's integration grid
     * @param zone the building's zone: daily routines follow the local clock
     * @param seed per-apartment seed
     */
    public ApartmentLoad(SimGrid grid, ZoneId zone, long seed) {
        super(grid);
        this.zone = zone;
        this.rules = zone.getRules();
        this.seed = seed;
        this.baseW = 90 + 100 * Noise.unit(seed, SALT_PARAM, 0);
        this.activity = 0.7 + 0.7 * Noise.unit(seed, SALT_PARAM, 1);
        this.shiftH = -1 + 2 * Noise.unit(seed, SALT_PARAM, 2);
        this.awayOnWeekdays = Noise.unit(seed, SALT_PARAM, 3) < 0.6;
        this.localS = new long[grid.stepsPerBlock()];
        this.weekdayShape = shapeTable(false);
        this.weekendShape = shapeTable(true);
    }

    @Override
    protected void blockPowerW(long block, long[] outW) {
        SimGrid grid = grid();
        long stepS = grid.step().getSeconds();
        long blockStartS = grid.blockStart(block).getEpochSecond();
        LocalSteps.midpoints(grid, rules, block, localS);
        List<Burst> bursts =
                bursts(Math.floorDiv(localS[0], 86_400) - 1, Math.floorDiv(localS[localS.length - 1], 86_400));
        Noise.Track baseNoise = new Noise.Track(seed, SALT_BASE);
        Noise.Track activityNoise = new Noise.Track(seed, SALT_NOISE);
        long day = Long.MIN_VALUE;
        double season = 0;
        double dayFactor = 0;
        double[] shape = weekdayShape;
        for (int i = 0; i < outW.length; i++) {
            long local = localS[i];
            long d = Math.floorDiv(local, 86_400);
            if (d != day) {
                day = d;
                season = StrictMath.cos(TWO_PI * (day - 14) / 365.2425);
                dayFactor =
                        Noise.unit(seed, SALT_DAY, day) < 0.03 ? 0.1 : 0.8 + 0.4 * Noise.unit(seed, SALT_DAY + 1, day);
                shape = Math.floorMod(day + 3, 7) >= 5 ? weekendShape : weekdayShape;
            }
            long utcMid = blockStartS + i * stepS + stepS / 2;
            double base = baseW * (1 + 0.08 * season) * (0.85 + 0.3 * baseNoise.at(utcMid / 3600.0));
            double act = shape[(int) (Math.floorMod(local, 86_400) / 60)]
                    * activity
                    * dayFactor
                    * (1 + 0.25 * season)
                    * (0.6 + 0.8 * activityNoise.at(utcMid / 1200.0));
            double w = base + act;
            if (!bursts.isEmpty()) {
                w += Burst.meanW(bursts, blockStartS + i * stepS, stepS);
            }
            outW[i] = Math.round(w);
        }
    }

    /** Activity in W per local minute of day (evaluated at the minute's middle), before factors. */
    private double[] shapeTable(boolean weekend) {
        double[] t = new double[1440];
        for (int m = 0; m < t.length; m++) {
            t[m] = shape((m + 0.5) / 60, weekend);
        }
        return t;
    }

    private double shape(double h, boolean weekend) {
        if (weekend) {
            return bump(h, 9.0 + shiftH, 2.0, 330)
                    + bump(h, 13.0, 2.0, 280)
                    + bump(h, 19.0 + shiftH / 2, 2.5, 430)
                    + bump(h, 21.8, 1.5, 200);
        }
        return bump(h, 7.0 + shiftH, 1.2, 330)
                + bump(h, 12.5, 1.5, awayOnWeekdays ? 40 : 140)
                + bump(h, 19.0 + shiftH / 2, 2.5, 430)
                + bump(h, 21.5, 1.5, 200);
    }

    private static double bump(double h, double centre, double halfWidth, double amplitudeW) {
        double d = Math.abs(h - centre);
        return d >= halfWidth ? 0 : amplitudeW * (0.5 + 0.5 * StrictMath.cos(Math.PI * d / halfWidth));
    }

    /** Appliance runs starting on local days [fromDay, toDay] (epoch days), as UTC phases. */
    private List<Burst> bursts(long fromDay, long toDay) {
        List<Burst> out = new ArrayList<>();
        double p = Math.min(1.0, activity);
        for (long day = fromDay; day <= toDay; day++) {
            boolean weekend = Math.floorMod(day + 3, 7) >= 5;
            // oven: 2 kW, 40–60 min, cooking time
            if (u(day, 0) < p * (weekend ? 0.45 : 0.2)) {
                double start = weekend && u(day, 1) < 0.5 ? 11.5 + 1.5 * u(day, 2) : 17.5 + 2 * u(day, 2);
                add(out, day, start, new long[] {2000, 2000 + (long) (1200 * u(day, 3))});
            }
            // washing machine: heating 2 kW 20 min, then 250 W for 70 min
            if (u(day, 10) < p * (weekend ? 0.5 : 0.3)) {
                add(out, day, 8 + 12 * u(day, 11), new long[] {2000, 1200, 250, 4200});
            }
            // dishwasher: 1.8 kW 25 min, then 100 W 60 min
            if (u(day, 20) < p * 0.4) {
                add(out, day, 19.5 + 2.5 * u(day, 21), new long[] {1800, 1500, 100, 3600});
            }
            // hob: 1.5 kW 25 min
            if (u(day, 30) < p * 0.6) {
                add(out, day, (weekend ? 12 : 18) + 1.5 * u(day, 31), new long[] {1500, 1500});
            }
            // kettle / hair dryer: 2 kW 5 min, morning
            if (u(day, 40) < p * 0.5) {
                add(out, day, 6.5 + shiftH + 2 * u(day, 41), new long[] {2000, 300});
            }
        }
        return out;
    }

    private double u(long day, long k) {
        return Noise.unit(seed, SALT_BURST + k, day);
    }

    /** Adds phases {powerW, seconds, powerW, seconds, …} starting at local hour {@code startH}. */
    private void add(List<Burst> out, long day, double startH, long[] phases) {
        LocalDateTime ldt = LocalDate.ofEpochDay(day).atStartOfDay().plusSeconds((long) (startH * 3600));
        long s = ldt.atZone(zone).toInstant().getEpochSecond();
        for (int j = 0; j < phases.length; j += 2) {
            out.add(new Burst(s, s + phases[j + 1], phases[j]));
            s += phases[j + 1];
        }
    }

    /** The per-apartment night base load in W (before seasonal and noise factors). */
    public long baseLoadW() {
        return Math.round(baseW);
    }

    @Override
    public String toString() {
        return "ApartmentLoad[seed=" + seed + ", baseW=" + baseLoadW() + "]";
    }
}
