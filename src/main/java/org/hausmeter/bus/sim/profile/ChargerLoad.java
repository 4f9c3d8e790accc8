package org.hausmeter.bus.sim.profile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A wallbox with seeded charging sessions, in W on the grid's steps.
 *
 * <p>Per local day at most one session: on about 30 % of weekdays arriving 17:00–20:30, on about
 * 35 % of weekend days arriving 10:00–16:00; other days none. The car draws 3.7, 7.4 or 11 kW
 * (capped by the wallbox), 6–30 kWh, at most 12 h, constant power and a 20-minute taper to 20 %
 * at the end. Step powers are the exact mean over each step.
 */
public final class ChargerLoad extends GridProfile {

    private static final long SALT = 31;
    private static final long TAPER_S = 1200;
    private static final long[] CAR_POWERS_W = {3700, 7400, 11000};

    private final ZoneId zone;
    private final long seed;
    private final long maxPowerW;

    /**
     * @param grid      the building's integration grid
     * @param zone      the building's zone: arrivals follow the local clock
     * @param seed      per-charger seed
     * @param maxPowerW wallbox limit in W, 3 700–22 000
     */
    public ChargerLoad(SimGrid grid, ZoneId zone, long seed, long maxPowerW) {
        super(grid);
        if (maxPowerW < 3700 || maxPowerW > 22_000) {
            throw new IllegalArgumentException("maxPowerW out of 3700..22000: " + maxPowerW);
        }
        this.zone = zone;
        this.seed = seed;
        this.maxPowerW = maxPowerW;
    }

    /** The session arriving on local {@code date}, or none. */
    public List<ChargingSession> sessionsOn(LocalDate date) {
        long day = date.toEpochDay();
        boolean weekend = Math.floorMod(day + 3, 7) >= 5;
        if (u(day, 0) >= (weekend ? 0.35 : 0.3)) {
            return List.of();
        }
        double arrivalH = weekend ? 10 + 6 * u(day, 1) : 17 + 3.5 * u(day, 1);
        Instant start = date.atStartOfDay()
                .plusMinutes((long) (arrivalH * 60))
                .atZone(zone)
                .toInstant();
        long powerW = Math.min(maxPowerW, CAR_POWERS_W[(int) (u(day, 2) * CAR_POWERS_W.length)]);
        // Energy the car wants, whole Wh: 6-30 kWh, at most 12 h at full power.
        long targetWh = Math.min(6_000 + (long) (24_000 * u(day, 3)), powerW * 12);
        // The taper delivers 60 % of full power over TAPER_S on average.
        long taperS = TAPER_S * 3 / 5;
        long constantS = Math.max(0, (targetWh * 3_600 + powerW / 2) / powerW - taperS);
        Instant taperStart = start.plusSeconds(constantS);
        Instant end = taperStart.plusSeconds(TAPER_S);
        long nominalWh = (powerW * (constantS + taperS) + 1_800) / 3_600;
        return List.of(new ChargingSession(start, taperStart, end, powerW, nominalWh));
    }

    /** Sessions arriving on local days [from, to], in order. */
    public List<ChargingSession> sessions(LocalDate from, LocalDate to) {
        List<ChargingSession> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            out.addAll(sessionsOn(d));
        }
        return out;
    }

    @Override
    protected void blockPowerW(long block, long[] outW) {
        SimGrid grid = grid();
        long stepS = grid.step().getSeconds();
        Instant blockStart = grid.blockStart(block);
        long blockStartS = blockStart.getEpochSecond();
        LocalDate first = LocalDate.ofInstant(blockStart, zone).minusDays(1);
        LocalDate last = LocalDate.ofInstant(blockStart.plusSeconds(SimGrid.BLOCK_SECONDS), zone);
        List<ChargingSession> sessions = sessions(first, last);
        for (int i = 0; i < outW.length; i++) {
            long a = blockStartS + i * stepS;
            double ws = 0;
            for (ChargingSession s : sessions) {
                ws += wattSeconds(s, a, a + stepS);
            }
            outW[i] = Math.round(ws / stepS);
        }
    }

    /** Energy of {@code s} in W·s over [a, b) in epoch seconds. */
    private static double wattSeconds(ChargingSession s, long a, long b) {
        long start = s.start().getEpochSecond();
        long tc = s.taperStart().getEpochSecond();
        long end = s.end().getEpochSecond();
        double ws = 0;
        long x = Math.max(a, start);
        long y = Math.min(b, tc);
        if (y > x) {
            ws += (double) s.powerW() * (y - x);
        }
        x = Math.max(a, tc);
        y = Math.min(b, end);
        if (y > x) {
            double dx = x - tc;
            double dy = y - tc;
            ws += s.powerW() * ((dy - dx) - 0.8 * (dy * dy - dx * dx) / (2.0 * TAPER_S));
        }
        return ws;
    }

    private double u(long day, long k) {
        return Noise.unit(seed, SALT + k, day);
    }
}
