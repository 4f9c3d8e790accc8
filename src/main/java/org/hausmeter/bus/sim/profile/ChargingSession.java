package org.hausmeter.bus.sim.profile;

import java.time.Instant;

/**
 * A seeded charging session: constant {@code powerW} from {@code start} to {@code taperStart}, then a
 * linear taper to 20 % of {@code powerW} until {@code end}, half-open [start, end).
 *
 * @param start      arrival, start of charging
 * @param taperStart  end of the constant-power phase
 * @param end         end of charging (exclusive)
 * @param powerW      charging power in W (3 700–11 000)
 * @param energyWh    nominal energy of the session in Wh (the counter over the whole grid steps
 *                    covering the session agrees within a few Wh, since step powers are whole W)
 */
public record ChargingSession(Instant start, Instant taperStart, Instant end, long powerW, long energyWh) {}
