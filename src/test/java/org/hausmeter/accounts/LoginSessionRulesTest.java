package org.hausmeter.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.hausmeter.accounts.LoginSessionRules.Verdict;
import org.hausmeter.support.MutableClock;
import org.hausmeter.support.TestTime;
import org.junit.jupiter.api.Test;

/** The session timeouts on a clock the test moves: 30 minutes idle, 12 hours absolute, a sighting written once a minute. */
class LoginSessionRulesTest {

    private final LoginSessionRules rules = LoginSessionRules.DEFAULT;
    private final MutableClock clock = new MutableClock(TestTime.PINNED);

    @Test
    void aSessionInUse_isTouchedAtMostOnceAMinute_andEndsAfter30MinutesIdle() {
        Instant login = clock.instant();
        Instant seen = login;
        assertThat(rules.judge(login, seen, null, clock.instant())).isEqualTo(Verdict.VALID);
        clock.advance(Duration.ofSeconds(59));
        assertThat(rules.judge(login, seen, null, clock.instant())).isEqualTo(Verdict.VALID);
        clock.advance(Duration.ofSeconds(1));
        assertThat(rules.judge(login, seen, null, clock.instant())).isEqualTo(Verdict.VALID_TOUCH);
        seen = clock.instant();
        clock.advance(Duration.ofMinutes(30).minusSeconds(1));
        assertThat(rules.judge(login, seen, null, clock.instant())).isEqualTo(Verdict.VALID_TOUCH);
        clock.advance(Duration.ofSeconds(1));
        assertThat(rules.judge(login, seen, null, clock.instant())).isEqualTo(Verdict.IDLE);
        assertThat(Verdict.IDLE.valid()).isFalse();
    }

    @Test
    void aSessionKeptInUse_endsTwelveHoursAfterTheLogin() {
        Instant login = clock.instant();
        Instant seen = login;
        for (int i = 0; i < 12 * 60 / 20 - 1; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertThat(rules.judge(login, seen, null, clock.instant()).valid())
                    .as("after %d min", (i + 1) * 20)
                    .isTrue();
            seen = clock.instant();
        }
        clock.advance(Duration.ofMinutes(20));
        assertThat(rules.judge(login, seen, null, clock.instant())).isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void anEndedSession_staysEnded() {
        Instant now = clock.instant();
        assertThat(rules.judge(now, now, now, now)).isEqualTo(Verdict.ENDED);
        assertThat(Verdict.ENDED.valid()).isFalse();
    }

    @Test
    void timeoutsMustFitTogether() {
        assertThatThrownBy(() ->
                        new LoginSessionRules(Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginSessionRules(Duration.ZERO, Duration.ofHours(1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
