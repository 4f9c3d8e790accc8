package org.hausmeter.scenario;

/**
 * Moves one EV session's charging energy within its plug-in window into the quarter hours with the most PV the
 * rest of the building does not use. Pure, whole Wh, the session's energy is kept exactly.
 *
 * <p>Rule: the session's energy E (the charger's quarter hours from the one containing the start to the one
 * containing the last second) is taken out; each quarter hour may take at most the highest quarter-hour energy the
 * session drew (the car's and charger's power, as measured). Quarter hours are filled by their free PV
 * (PV − consumption of everything else), most first (earlier first on equal free PV), each with min(cap, free PV);
 * what is left goes to the earliest quarter hours of the window up to the cap (charging as soon as plugged in, as
 * before). The caller decides whether a session may move at all (see {@link ScenarioEngine}).
 */
public final class EvShift {

    private EvShift() {}

    /**
     * @param charger     the charger's consumption, changed in place in [first, last]
     * @param consumption the building's consumption (the charger included), changed in place in [first, last]
     * @param pv          PV production
     * @param first       first quarter hour of the window
     * @param last        last quarter hour of the window, included
     * @return whether anything moved
     */
    public static boolean shift(long[] charger, long[] consumption, long[] pv, int first, int last) {
        int len = last - first + 1;
        long energy = 0;
        long cap = 0;
        for (int t = first; t <= last; t++) {
            energy += charger[t];
            cap = Math.max(cap, charger[t]);
        }
        if (energy == 0 || len < 2) {
            return false;
        }
        long[] free = new long[len];
        Integer[] order = new Integer[len];
        for (int k = 0; k < len; k++) {
            int t = first + k;
            free[k] = Math.max(0, pv[t] - (consumption[t] - charger[t]));
            order[k] = k;
        }
        java.util.Arrays.sort(order, (a, b) -> free[a] != free[b] ? Long.compare(free[b], free[a]) : a - b);
        long[] placed = new long[len];
        long rest = energy;
        for (int k = 0; k < len && rest > 0; k++) {
            int j = order[k];
            long take = Math.min(rest, Math.min(cap, free[j]));
            placed[j] = take;
            rest -= take;
        }
        for (int k = 0; k < len && rest > 0; k++) {
            long take = Math.min(rest, cap - placed[k]);
            placed[k] += take;
            rest -= take;
        }
        if (rest != 0) {
            throw new IllegalStateException("EV shift lost " + rest + " Wh");
        }
        boolean moved = false;
        for (int k = 0; k < len; k++) {
            int t = first + k;
            if (placed[k] != charger[t]) {
                moved = true;
            }
            consumption[t] += placed[k] - charger[t];
            charger[t] = placed[k];
        }
        return moved;
    }
}
