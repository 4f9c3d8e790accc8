package org.hausmeter.bus.sim.profile;

/**
 * PV production in W on the grid's steps: clear-sky irradiance on a tilted plane times a seeded
 * cloud transmission.
 *
 * <p>Sun position from UTC and longitude (NOAA / Spencer declination and equation of time), so the
 * sun never shifts with daylight saving time; zero whenever the sun is below the horizon. Clear sky:
 * Kasten–Young air mass, Meinel beam attenuation, 10 % diffuse, isotropic sky, albedo 0.2, system
 * performance ratio 0.85. Clouds: a daily clearness from day-scale smooth noise plus a per-day draw
 * (cloudier in winter), and 10-minute smooth noise inside partly cloudy days. For German sites the
 * yearly yield of a 30° south plane is about 1 000 kWh per kWp (Berlin 1 000, Munich 1 060,
 * Hamburg 990).
 */
public final class PvProduction extends GridProfile {

    private static final long SALT_SPELL = 11;
    private static final long SALT_DAY = 12;
    private static final long SALT_INTRADAY = 13;
    private static final double DEG = Math.PI / 180;
    private static final double PERFORMANCE_RATIO = 0.85;
    private static final int BEAM_STEPS = 4096;
    private static final double[] BEAM_W = beamTable();

    private final PvSite site;
    private final long seed;
    private final double sinLat;
    private final double cosLat;
    private final double sinTilt;
    private final double cosTilt;
    private final double sinAz;
    private final double cosAz;

    public PvProduction(SimGrid grid, PvSite site, long seed) {
        super(grid);
        this.site = site;
        this.seed = seed;
        this.sinLat = StrictMath.sin(site.latitudeDeg() * DEG);
        this.cosLat = StrictMath.cos(site.latitudeDeg() * DEG);
        this.sinTilt = StrictMath.sin(site.tiltDeg() * DEG);
        this.cosTilt = StrictMath.cos(site.tiltDeg() * DEG);
        this.sinAz = StrictMath.sin(site.azimuthDeg() * DEG);
        this.cosAz = StrictMath.cos(site.azimuthDeg() * DEG);
    }

    public PvSite site() {
        return site;
    }

    @Override
    protected void blockPowerW(long block, long[] outW) {
        SimGrid grid = grid();
        long stepS = grid.step().getSeconds();
        long blockStartS = grid.blockStart(block).getEpochSecond();
        double midDay = (blockStartS + SimGrid.BLOCK_SECONDS / 2.0) / 86_400.0;
        double g = 2 * Math.PI * (midDay % 365.2425) / 365.2425;
        double decl = 0.006918
                - 0.399912 * StrictMath.cos(g)
                + 0.070257 * StrictMath.sin(g)
                - 0.006758 * StrictMath.cos(2 * g)
                + 0.000907 * StrictMath.sin(2 * g)
                - 0.002697 * StrictMath.cos(3 * g)
                + 0.00148 * StrictMath.sin(3 * g);
        double eqTimeMin = 229.18
                * (0.000075
                        + 0.001868 * StrictMath.cos(g)
                        - 0.032077 * StrictMath.sin(g)
                        - 0.014615 * StrictMath.cos(2 * g)
                        - 0.040849 * StrictMath.sin(2 * g));
        double sinD = StrictMath.sin(decl);
        double cosD = StrictMath.cos(decl);
        // incidence on the plane (Duffie & Beckman 1.6.2): a + b·cos(h) + c·sin(h)
        double a = sinD * sinLat * cosTilt - sinD * cosLat * sinTilt * cosAz;
        double b = cosD * cosLat * cosTilt + cosD * sinLat * sinTilt * cosAz;
        double c = cosD * sinTilt * sinAz;
        Noise.Track intraday = new Noise.Track(seed, SALT_INTRADAY);
        long cloudDay = Long.MIN_VALUE;
        double clearness = 0;
        for (int i = 0; i < outW.length; i++) {
            long mid = blockStartS + i * stepS + stepS / 2;
            double solarMin = Math.floorMod(mid, 86_400) / 60.0 + eqTimeMin + 4 * site.longitudeDeg();
            double h = (solarMin / 4 - 180) * DEG;
            double cosH = StrictMath.cos(h);
            double sinElev = sinLat * sinD + cosLat * cosD * cosH;
            if (sinElev <= 0) {
                outW[i] = 0;
                continue;
            }
            double beam = beamW(sinElev);
            double diffuse = 0.1 * beam;
            double cosInc = Math.max(0, a + b * cosH + c * StrictMath.sin(h));
            double global = beam * sinElev + diffuse;
            double poa = beam * cosInc + diffuse * (1 + cosTilt) / 2 + 0.2 * global * (1 - cosTilt) / 2;
            long day = Math.floorDiv(mid, 86_400);
            if (day != cloudDay) {
                cloudDay = day;
                clearness = clearness(day);
            }
            double w =
                    site.peakW() * poa / 1000 * PERFORMANCE_RATIO * transmission(clearness, intraday.at(mid / 600.0));
            outW[i] = Math.round(w);
        }
    }

    /** Clear-sky beam irradiance in W/m² for the sine of the solar elevation, from {@link #BEAM_W}. */
    private static double beamW(double sinElev) {
        double x = Math.min(1, sinElev) * BEAM_STEPS;
        int j = (int) x;
        if (j >= BEAM_STEPS) {
            return BEAM_W[BEAM_STEPS];
        }
        return BEAM_W[j] + (BEAM_W[j + 1] - BEAM_W[j]) * (x - j);
    }

    private static double[] beamTable() {
        double[] t = new double[BEAM_STEPS + 1];
        for (int j = 0; j <= BEAM_STEPS; j++) {
            double sinElev = (double) j / BEAM_STEPS;
            double elevDeg = StrictMath.asin(sinElev) / DEG;
            double airMass = 1 / (sinElev + 0.50572 * StrictMath.pow(elevDeg + 6.07995, -1.6364));
            t[j] = 1353 * StrictMath.pow(0.7, StrictMath.pow(airMass, 0.678));
        }
        return t;
    }

    /** Daily clearness in [0, 1] of UTC day {@code day}: spells of a few days, cloudier in winter. */
    private double clearness(long day) {
        double spell = Noise.smooth(seed, SALT_SPELL, day / 3.0);
        double draw = Noise.unit(seed, SALT_DAY, day);
        double summer = StrictMath.cos(2 * Math.PI * (day - 172) / 365.2425);
        return Math.min(1, Math.max(0, 0.5 * spell + 0.5 * draw + 0.15 * summer));
    }

    /** Cloud transmission in [0.05, 1.1]: the day's level, varied by intra-day noise {@code v} ∈ [0, 1). */
    private static double transmission(double clearness, double v) {
        double dayT = 0.15 + 0.8 * clearness;
        double variability = 2.4 * clearness * (1 - clearness);
        return Math.min(1.1, Math.max(0.05, dayT * (1 - variability / 2 + variability * v)));
    }
}
