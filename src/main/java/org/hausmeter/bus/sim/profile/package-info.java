/**
 * Pure simulation core for the simulated building: deterministic power profiles whose cumulative
 * energy counters are exact and additive, a time-acceleration clock, and the derived grid meter.
 *
 * <p>Plain Java 17, no framework, no I/O, no wall clock: time comes from the caller or a
 * {@link java.time.Clock}; all randomness is hash-based noise seeded by (seed, time slot).
 *
 * <p>Units: power {@code long} W, energy {@code long} Wh at the edges and {@code long} mJ (= W·ms)
 * inside, time {@link java.time.Instant}; a building {@link java.time.ZoneId} is used only where
 * people live by the local clock (daily routines, charging arrivals).
 */
package org.hausmeter.bus.sim.profile;
