package org.hausmeter.bus.sim.profile;

import java.time.Instant;
import java.time.zone.ZoneRules;

/** Local wall-clock seconds (since 1970-01-01T00:00 local) of the midpoints of a block's steps. */
final class LocalSteps {

    private LocalSteps() {}

    /** Fills {@code out[i]} with the local seconds of the midpoint of step i of {@code block}. */
    static void midpoints(SimGrid grid, ZoneRules rules, long block, long[] out) {
        long stepS = grid.step().getSeconds();
        long first = grid.blockStart(block).getEpochSecond() + stepS / 2;
        long last = first + (out.length - 1) * stepS;
        int o1 = rules.getOffset(Instant.ofEpochSecond(first)).getTotalSeconds();
        int o2 = rules.getOffset(Instant.ofEpochSecond(last)).getTotalSeconds();
        for (int i = 0; i < out.length; i++) {
            long utc = first + i * stepS;
            int off =
                    o1 == o2 ? o1 : rules.getOffset(Instant.ofEpochSecond(utc)).getTotalSeconds();
            out[i] = utc + off;
        }
    }
}
