package org.hausmeter.allocation;

import java.util.Random;

/**
 * A seeded synthetic building month for tests: PV on a clear/cloudy-day bell curve, apartments with a base
 * load plus evening peaks, a common area, a few chargers with long sessions. Wh per quarter hour.
 */
record SyntheticMonth(long[] productionWh, long[][] consumptionWh) {

    static SyntheticMonth of(long seed, int consumers, int intervals) {
        Random rnd = new Random(seed);
        long[] p = new long[intervals];
        double peakWh = 30.0 * consumers;
        double cloud = 1;
        for (int t = 0; t < intervals; t++) {
            int q = t % 96;
            if (q == 0) {
                cloud = 0.2 + 0.8 * rnd.nextDouble();
            }
            double sun = Math.sin(Math.PI * (q - 24) / 56.0);
            p[t] = sun > 0 ? Math.round(peakWh * cloud * sun * (0.8 + 0.4 * rnd.nextDouble())) : 0;
        }
        long[][] c = new long[consumers][intervals];
        for (int i = 0; i < consumers; i++) {
            boolean charger = i >= consumers - Math.max(1, consumers / 40);
            boolean common = i == 0;
            double size = 0.5 + rnd.nextDouble();
            for (int t = 0; t < intervals; t++) {
                int q = t % 96;
                if (charger) {
                    c[i][t] =
                            rnd.nextInt(20) == 0 ? 2_750 : (t > 0 && c[i][t - 1] > 0 && rnd.nextInt(8) > 0 ? 2_750 : 0);
                } else if (common) {
                    c[i][t] = 40 + (q >= 70 || q < 24 ? 60 : 0) + rnd.nextInt(30);
                } else {
                    double peak = q >= 68 && q < 88 ? 4 : q >= 28 && q < 52 ? 1.5 : 1;
                    c[i][t] = Math.round(size * 25 * peak * rnd.nextDouble() * 2) + (rnd.nextInt(40) == 0 ? 500 : 0);
                }
            }
        }
        return new SyntheticMonth(p, c);
    }
}
