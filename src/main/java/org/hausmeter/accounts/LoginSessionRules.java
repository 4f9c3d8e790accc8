package org.hausmeter.accounts;

import java.time.Duration;
import java.time.Instant;

/**
 * When a server-side login session counts (pure; {@link LoginSessions} applies it to the rows): not ended, seen
 * within the idle timeout, younger than the absolute timeout. A session in use is marked as seen at most once per
 * {@code touchEvery}, so that a page with many requests costs no write per request; the idle timeout is therefore
 * counted from the last recorded sighting, up to {@code touchEvery} early.
 *
 * @param idle       a session not used for this long is over (30 minutes)
 * @param absolute   a session is over this long after the login, in use or not (12 hours)
 * @param touchEvery how often last_seen_at is written at most (1 minute)
 */
public record LoginSessionRules(Duration idle, Duration absolute, Duration touchEvery) {

    public static final LoginSessionRules DEFAULT =
            new LoginSessionRules(Duration.ofMinutes(30), Duration.ofHours(12), Duration.ofMinutes(1));

    /** What a request with this session may do. */
    public enum Verdict {
        /** Valid; nothing to write. */
        VALID,
        /** Valid; record this request as the last sighting. */
        VALID_TOUCH,
        /** Ended before (logout, password change, the caretaker). */
        ENDED,
        /** Unused for longer than the idle timeout. */
        IDLE,
        /** Older than the absolute timeout. */
        EXPIRED;

        public boolean valid() {
            return this == VALID || this == VALID_TOUCH;
        }
    }

    public LoginSessionRules {
        if (idle.isNegative()
                || idle.isZero()
                || absolute.compareTo(idle) < 0
                || touchEvery.isNegative()
                || touchEvery.compareTo(idle) >= 0) {
            throw new IllegalArgumentException("Session timeouts need 0 <= touch < idle <= absolute");
        }
    }

    /**
     * @param createdAt  the login
     * @param lastSeenAt the last recorded sighting
     * @param endedAt    when it was ended, else null
     * @param now        the server's clock
     */
    public Verdict judge(Instant createdAt, Instant lastSeenAt, Instant endedAt, Instant now) {
        if (endedAt != null) {
            return Verdict.ENDED;
        }
        if (!now.isBefore(createdAt.plus(absolute))) {
            return Verdict.EXPIRED;
        }
        if (!now.isBefore(lastSeenAt.plus(idle))) {
            return Verdict.IDLE;
        }
        return now.isBefore(lastSeenAt.plus(touchEvery)) ? Verdict.VALID : Verdict.VALID_TOUCH;
    }
}
