package org.hausmeter.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.hausmeter.support.MutableClock;
import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));

    @Test
    void remembersOnlyMatchesOfTheSameStoredHash_andForgetsAfterItsTime() {
        VerifiedCredentials v = new VerifiedCredentials(Duration.ofMinutes(5), clock);
        assertThat(v.recentlyMatched("anna", "pw", "$2a$hash1")).isFalse();
        assertThat(v.remember("anna", "wrong", "$2a$hash1", false)).isFalse();
        assertThat(v.recentlyMatched("anna", "wrong", "$2a$hash1")).isFalse();
        assertThat(v.remember("anna", "pw", "$2a$hash1", true)).isTrue();
        assertThat(v.recentlyMatched("Anna", "pw", "$2a$hash1")).isTrue();
        assertThat(v.recentlyMatched("anna", "pw2", "$2a$hash1")).isFalse();
        // A changed password means a new stored hash: the old match no longer counts.
        assertThat(v.recentlyMatched("anna", "pw", "$2a$hash2")).isFalse();
        clock.advance(Duration.ofMinutes(5).minusNanos(1));
        assertThat(v.recentlyMatched("anna", "pw", "$2a$hash1"))
                .as("just inside the time to live")
                .isTrue();
        clock.advance(Duration.ofNanos(1));
        assertThat(v.recentlyMatched("anna", "pw", "$2a$hash1"))
                .as("time to live over")
                .isFalse();
    }

    @Test
    void aClockSetBack_beforeTheCheck_doesNotExtendIt() {
        VerifiedCredentials v = new VerifiedCredentials(Duration.ofMinutes(5), clock);
        v.remember("anna", "pw", "$2a$hash1", true);
        clock.advance(Duration.ofSeconds(-1));
        assertThat(v.recentlyMatched("anna", "pw", "$2a$hash1")).isFalse();
    }
}
