package org.hausmeter.bus.sim.profile;

import java.util.List;

/**
 * A constant-power phase of an appliance run, half-open [startS, endS) in UTC epoch seconds.
 *
 * @param powerW power in W while running
 */
record Burst(long startS, long endS, long powerW) {

    /** Mean power in W of {@code bursts} over the step [stepStartS, stepStartS + stepS). */
    static double meanW(List<Burst> bursts, long stepStartS, long stepS) {
        long stepEndS = stepStartS + stepS;
        double ws = 0;
        for (Burst b : bursts) {
            long overlap = Math.min(stepEndS, b.endS) - Math.max(stepStartS, b.startS);
            if (overlap > 0) {
                ws += (double) overlap * b.powerW;
            }
        }
        return ws / stepS;
    }
}
