package org.hausmeter.charging;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.hausmeter.charging.control.ChargerController.Vehicle;

/**
 * When a running session ends without a tap, and whether an ended session is billed or flagged.
 * Pure; the monitor feeds it what it read from the charger and its meter.
 */
public final class SessionRules {

    private SessionRules() {}

    /**
     * @param idleTimeout          how long the car may draw nothing after it had charged
     * @param neverChargedTimeout  how long an enabled charger may wait for a car that never draws
     * @param powerThresholdW      power from which the car counts as drawing, W
     */
    public record Limits(Duration idleTimeout, Duration neverChargedTimeout, long powerThresholdW) {}

    /** What the monitor knows of a running session. */
    public record Running(Instant startedAt, boolean seenPower, Optional<Instant> lastPowerAt) {}

    /** Whether {@code powerW} counts as the car drawing power. */
    public static boolean drawing(long powerW, Limits limits) {
        return powerW >= limits.powerThresholdW();
    }

    /**
     * Why the session should end now, if it should: the car left (a charger that reports it), the car
     * stopped drawing for the idle timeout after it had charged, or never drew within the
     * never-charged timeout (an enabled charger nobody uses must not stay open for the next car).
     */
    public static Optional<Reason> endReason(Running s, Instant now, Optional<Vehicle> vehicle, Limits limits) {
        if (vehicle.isPresent() && vehicle.get() == Vehicle.UNPLUGGED) {
            return Optional.of(Reason.UNPLUGGED);
        }
        if (s.seenPower()) {
            Instant last = s.lastPowerAt().orElse(s.startedAt());
            if (Duration.between(last, now).compareTo(limits.idleTimeout()) >= 0) {
                return Optional.of(Reason.IDLE);
            }
            return Optional.empty();
        }
        if (Duration.between(s.startedAt(), now).compareTo(limits.neverChargedTimeout()) >= 0) {
            return Optional.of(Reason.NEVER_CHARGED);
        }
        return Optional.empty();
    }

    /** How an ended session is recorded. {@code flagReason} is empty for CLOSED. */
    public record Closing(String status, Optional<String> flagReason, boolean seenPower) {
        public boolean billable() {
            return status.equals("CLOSED");
        }
    }

    /**
     * CLOSED (billable) when the end reading is at or above the start and the car drew power (a
     * counter that rose counts as power seen); FLAGGED for the caretaker otherwise.
     *
     * @param endWh the end reading, empty when it could not be read
     */
    public static Closing close(long startWh, Optional<Long> endWh, boolean seenPower, Optional<String> readFailure) {
        if (endWh.isEmpty()) {
            return new Closing(
                    "FLAGGED", Optional.of("end meter reading failed: " + readFailure.orElse("unknown")), seenPower);
        }
        long end = endWh.get();
        if (end < startWh) {
            return new Closing(
                    "FLAGGED",
                    Optional.of("end reading " + end + " Wh is below the start reading " + startWh
                            + " Wh (meter exchanged or reset?)"),
                    seenPower);
        }
        boolean power = seenPower || end > startWh;
        if (!power) {
            return new Closing(
                    "FLAGGED", Optional.of("the car never drew power (" + startWh + " Wh at start and end)"), false);
        }
        return new Closing("CLOSED", Optional.empty(), true);
    }
}
