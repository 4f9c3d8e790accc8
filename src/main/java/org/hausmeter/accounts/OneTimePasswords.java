package org.hausmeter.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Generated passwords are one-time passwords: whoever sets one (the operator's {@code create-caretaker} and
 * {@code reset-password}, the caretaker's "new resident" and "new password") hands it on, so it must not stay the
 * account's password. It logs in only for {@code hausmeter.login.one-time-password-validity} (14 days) and the
 * session it opens leads every page to the password change ({@link #CHANGE_REQUIRED}) until the holder chose their
 * own. The account column {@code one_time_until} holds the deadline; null means a password the holder chose.
 */
@ApplicationScoped
public class OneTimePasswords {

    /** Attribute of the security identity of a login with a one-time password (value {@link Boolean#TRUE}). */
    public static final String CHANGE_REQUIRED = "hausmeter.password-change-required";

    private final Clock clock;
    private final Duration validity;

    OneTimePasswords(
            Clock clock,
            @ConfigProperty(name = "hausmeter.login.one-time-password-validity", defaultValue = "14d")
                    Duration validity) {
        this.clock = clock;
        this.validity = validity;
    }

    /** Until when a one-time password set now logs in. */
    public Instant validUntil() {
        return clock.instant().plus(validity);
    }

    public Duration validity() {
        return validity;
    }

    /** Whether a password with this deadline (null: the holder's own) may still log in at {@code now}. */
    public static boolean usable(Instant oneTimeUntil, Instant now) {
        return oneTimeUntil == null || now.isBefore(oneTimeUntil);
    }
}
