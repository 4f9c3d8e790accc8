package org.hausmeter.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.hausmeter.support.MutableClock;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(
            new LoginThrottle.Policy(5, 20, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(1)), clock);

    @Test
    void fourFailures_doNotLock_theFifthLocksFor30s() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("anna", "10.0.0.5");
        }
        assertThat(throttle.waitFor("anna", "10.0.0.5")).isZero();
        throttle.failed("anna", "10.0.0.5");
        assertThat(throttle.waitFor("anna", "10.0.0.9")).isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(29));
        assertThat(throttle.waitFor("Anna", null)).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("anna", null)).isZero();
    }

    @Test
    void eachFurtherFailure_doublesTheWindow_upToTheMaximum() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("ben", null);
        }
        throttle.failed("ben", null);
        assertThat(throttle.waitFor("ben", null)).isEqualTo(Duration.ofSeconds(60));
        throttle.failed("ben", null);
        assertThat(throttle.waitFor("ben", null)).isEqualTo(Duration.ofSeconds(120));
        for (int i = 0; i < 40; i++) {
            throttle.failed("ben", null);
        }
        assertThat(throttle.waitFor("ben", null)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void oneAddress_guessingManyUsernames_isLockedByAddress() {
        for (int i = 0; i < 19; i++) {
            throttle.failed("user" + i, "10.0.0.7");
        }
        assertThat(throttle.waitFor("someone", "10.0.0.7")).isZero();
        throttle.failed("user19", "10.0.0.7");
        assertThat(throttle.waitFor("someone", "10.0.0.7")).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.waitFor("someone", "10.0.0.8")).isZero();
        assertThat(throttle.waitForAddress("10.0.0.7")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void success_clearsTheUsername_butNotTheAddress() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("cem", "10.0.0.3");
        }
        throttle.succeeded("cem", "10.0.0.3");
        assertThat(throttle.waitFor("cem", null)).isZero();
        assertThat(throttle.waitFor(null, "10.0.0.3")).isPositive();
    }

    @Test
    void loginPageOfAnAddress_showsTheLockOfTheUsernameLastTriedThere() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("dora", "10.0.0.4");
        }
        assertThat(throttle.waitForAddress("10.0.0.4")).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.waitForAddress("10.0.0.99")).isZero();
    }

    @Test
    void failures_areForgottenAfterTheQuietPeriod() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("emil", null);
        }
        clock.advance(Duration.ofHours(1));
        throttle.failed("emil", null);
        assertThat(throttle.waitFor("emil", null)).isZero();
        clock.advance(Duration.ofHours(2));
        throttle.purge();
        for (int i = 0; i < 4; i++) {
            throttle.failed("emil", null);
        }
        assertThat(throttle.waitFor("emil", null)).isZero();
    }

    @Test
    void inconsistentPolicy_isRefused() {
        assertThatThrownBy(() -> new LoginThrottle.Policy(0, 1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginThrottle.Policy(5, 5, Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
