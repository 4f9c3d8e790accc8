package org.hausmeter.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {

    @Test
    void remembersOnlyMatchesOfTheSameStoredHash_andForgetsAfterItsTime() throws Exception {
        VerifiedCredentials v = new VerifiedCredentials(Duration.ofMillis(200));
        assertThat(v.recentlyMatched("anna", "pw", "$2a$hash1")).isFalse();
        assertThat(v.remember("anna", "wrong", "$2a$hash1", false)).isFalse();
        assertThat(v.recentlyMatched("anna", "wrong", "$2a$hash1")).isFalse();
        assertThat(v.remember("anna", "pw", "$2a$hash1", true)).isTrue();
        assertThat(v.recentlyMatched("Anna", "pw", "$2a$hash1")).isTrue();
        assertThat(v.recentlyMatched("anna", "pw2", "$2a$hash1")).isFalse();
        // A changed password means a new stored hash: the old match no longer counts.
        assertThat(v.recentlyMatched("anna", "pw", "$2a$hash2")).isFalse();
        Thread.sleep(250);
        assertThat(v.recentlyMatched("anna", "pw", "$2a$hash1")).isFalse();
    }
}
