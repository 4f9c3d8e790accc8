package org.hausmeter.bus.sim.profile;

import java.util.Arrays;

/** A constant power in W (≥ 0) on the grid's steps; 0 W gives an idle meter. */
public final class ConstantLoad extends GridProfile {

    private final long powerW;

    public ConstantLoad(SimGrid grid, long powerW) {
        super(grid);
        if (powerW < 0) {
            throw new IllegalArgumentException("negative power: " + powerW);
        }
        this.powerW = powerW;
    }

    @Override
    protected void blockPowerW(long block, long[] outW) {
        Arrays.fill(outW, powerW);
    }
}
