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
