package org.hausmeter.charging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of EV charging ({@code hausmeter.charging.*} in application.properties). */
@ConfigMapping(prefix = "hausmeter.charging")
public interface ChargingConfig {

    /** A second tap of the same card at the same charger within this time is ignored. */
    @WithDefault("5s")
    Duration debounce();

    /** A session ends when the car drew no power for this long after it had charged. */
    @WithDefault("15m")
    Duration idleTimeout();

    /** A session whose car never drew power ends (flagged) after this long: an enabled charger must not wait forever. */
    @WithDefault("30m")
    Duration neverChargedTimeout();

    /** Power from which the car counts as drawing, W. */
    @WithDefault("50")
    long powerThresholdW();

    /** How often running sessions are checked (power, car state). */
    @WithDefault("10s")
    Duration monitorInterval();

    /** Longest wait for a bus's turn (a quarter-hour read in progress) at a tap. */
    @WithDefault("20s")
    Duration busWait();

    /** Attempts to read the charger meter at a session's start or end. */
    @WithDefault("3")
    int meterAttempts();

    /** How long an enrollment waits for the next unknown card. */
    @WithDefault("5m")
    Duration enrollmentTimeout();

    /** Unknown cards: at most one log entry per UID within this time. */
    @WithDefault("1m")
    Duration unknownLogPerUid();

    /** Unknown cards: at most this many log entries per minute over all UIDs. */
    @WithDefault("20")
    int unknownLogPerMinute();

    /** NFC readers over PC/SC. */
    Readers readers();

    /** Power control: the planner's limits and thresholds (docs/charging.md, "Power control"). */
    Power power();

    interface Power {
        /** Whether the controller runs and writes current limits. */
        @WithDefault("true")
        boolean enabled();

        /** How often the planner runs (10-30 s). */
        @WithDefault("15s")
        Duration interval();

        /** The mode of a new session until the resident chooses another. */
        @WithDefault("SOLAR_PLUS_MIN")
        org.hausmeter.charging.power.ChargeMode defaultMode();

        /** Nominal phase voltage for W to A, V. */
        @WithDefault("230")
        int voltageV();

        /** Smallest current a car accepts, A. */
        @WithDefault("6")
        int minA();

        /** Current per phase the chargers' circuit allows in total, A. */
        @WithDefault("32")
        int circuitA();

        /** Power the chargers may take together, W (0: only circuit-a limits). */
        @WithDefault("0")
        long circuitW();

        /** Total power of all controllable chargers while § 14a dimming is active, W. */
        @WithDefault("4200")
        long dimmedW();

        /** A paused SOLAR_ONLY charger starts only with this many amperes above the minimum. */
        @WithDefault("1")
        int startMarginA();

        /** Smallest rise of a running charger's current that is sent, A. */
        @WithDefault("1")
        int stepA();

        /** A charger switched on stays on at least this long (hard limits excepted). */
        @WithDefault("5m")
        Duration minOn();

        /** A charger paused by the planner stays off at least this long. */
        @WithDefault("5m")
        Duration minOff();

        /** A SOLAR_ONLY charger's share must stay below the minimum this long before it pauses. */
        @WithDefault("2m")
        Duration stopDelay();

        /** Live values older than this count as no surplus. */
        @WithDefault("60s")
        Duration maxAge();

        /** Phases per charger id (1 or 3); chargers not named: 3. */
        java.util.Map<String, Integer> phases();

        /** Maximum current per charger id, A; chargers not named: 16. */
        java.util.Map<String, Integer> maxA();

        /** § 14a input: the bus of a Modbus coil (FC01) that is on while the grid operator dims; empty: no input. */
        Optional<String> dimmingBus();

        /** Unit id of the § 14a input's device. */
        @WithDefault("1")
        int dimmingUnit();

        /** Coil address (0-based) of the § 14a input. */
        @WithDefault("0")
        int dimmingAddress();
    }

    interface Readers {
        /**
         * {@code auto}: watch the readers named in the building file when PC/SC is available (library
         * and pcscd), else one warning; {@code on}: the same, but a missing PC/SC is logged as an error;
         * {@code off}: never.
         */
        @WithDefault("auto")
        String mode();

        /** libpcsclite for javax.smartcardio; empty: the usual Debian/Ubuntu paths are tried. */
        Optional<String> library();

        /** How often the readers are checked for a card, and the back-off while PC/SC is unavailable. */
        @WithDefault("250ms")
        Duration pollInterval();

        /** Regex of reader names that take the ACR122U LED/buzzer pseudo-APDU for accepted/refused feedback. */
        @WithDefault("(?i).*ACR122.*")
        String feedbackReaders();
    }
}
