package org.hausmeter.bus.sim.profile;

/**
 * The two counters of the bidirectional GRID meter at one instant.
 *
 * @param importWh cumulative energy bought from the grid since the epoch, Wh
 * @param exportWh cumulative energy fed into the grid since the epoch, Wh
 */
public record GridReading(long importWh, long exportWh) {}
