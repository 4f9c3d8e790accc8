package org.hausmeter.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.hausmeter.support.MutableClock;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final int CAP = 1_000;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(
            new LoginThrottle.Policy(
                    20,
                    5,
                    10,
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(15),
                    Duration.ofHours(1),
                    Duration.ofDays(90),
                    CAP),
            clock);

    /** An attempt whose password turns out wrong: admitted (counted in advance), never succeeded. */
    private void fail(String username, String address) {
        assertThat(throttle.admit(username, address, false, true))
                .as("admitted")
                .isZero();
    }

    private void logIn(String username, String address) {
        assertThat(throttle.admit(username, address, false, true))
                .as("admitted")
                .isZero();
        throttle.succeeded(username, address, true);
    }

    @Test
    void fourFailures_doNotLock_theFifthLocksTheUsernameFromThatAddressFor30s() {
        for (int i = 0; i < 4; i++) {
            fail("anna", "10.0.0.5");
        }
        assertThat(throttle.waitFor("anna", "10.0.0.5", false)).isZero();
        fail("anna", "10.0.0.5");
        assertThat(throttle.waitFor("Anna", "10.0.0.5", false)).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.admit("anna", "10.0.0.5", false, true))
                .as("refused, even before any password")
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.waitFor("anna", "10.0.0.9", false))
                .as("another address")
                .isZero();
        clock.advance(Duration.ofSeconds(29));
        assertThat(throttle.waitFor("anna", "10.0.0.5", false)).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("anna", "10.0.0.5", false)).isZero();
    }

    @Test
    void eachFurtherFailure_doublesTheWindow_upToTheMaximum_andRefusedAttemptsDoNotCount() {
        for (int i = 0; i < 5; i++) {
            fail("ben", "10.0.0.6");
        }
        for (int i = 0; i < 100; i++) {
            throttle.admit("ben", "10.0.0.6", false, true);
        }
        assertThat(throttle.waitFor("ben", "10.0.0.6", false))
                .as("refused attempts did not lengthen it")
                .isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        fail("ben", "10.0.0.6");
        assertThat(throttle.waitFor("ben", "10.0.0.6", false)).isEqualTo(Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(60));
        fail("ben", "10.0.0.6");
        assertThat(throttle.waitFor("ben", "10.0.0.6", false)).isEqualTo(Duration.ofSeconds(120));
        for (int i = 0; i < 10; i++) {
            clock.advance(throttle.waitFor("ben", "10.0.0.6", false));
            fail("ben", "10.0.0.6");
        }
        assertThat(throttle.waitFor("ben", "10.0.0.6", false)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void oneAddress_guessingManyUsernames_isLockedByAddress() {
        for (int i = 0; i < 19; i++) {
            fail("user" + i, "10.0.0.7");
        }
        assertThat(throttle.waitFor("someone", "10.0.0.7", false)).isZero();
        fail("user19", "10.0.0.7");
        assertThat(throttle.waitFor("someone", "10.0.0.7", false)).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.waitFor("someone", "10.0.0.8", false)).isZero();
        assertThat(throttle.waitForAddress("10.0.0.7")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aLockedAddress_storesNothingMore_whateverItSends() {
        for (int i = 0; i < 20; i++) {
            fail("user" + i, "10.0.0.7");
        }
        LoginThrottle.Sizes before = throttle.sizes();
        for (int i = 0; i < 10_000; i++) {
            assertThat(throttle.admit("new" + i, "10.0.0.7", false, i % 2 == 0)).isPositive();
        }
        assertThat(throttle.sizes()).isEqualTo(before);
    }

    @Test
    void memoryStaysBounded_after300000DistinctLongUsernames_fromAsManyAddresses() {
        String kilobytes = "x".repeat(1_500);
        for (int i = 0; i < 300_000; i++) {
            String address = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
            throttle.admit(kilobytes + i, address, false, false);
            // The longest usernames an account may have, all different: these are stored, up to the cap.
            String digits = Integer.toString(i);
            String longest = "0".repeat(64 - digits.length()) + digits;
            throttle.admit(longest, "fd00::" + Integer.toHexString(i), false, false);
            if (i % 1_000 == 0) {
                clock.advance(Duration.ofSeconds(1));
            }
        }
        LoginThrottle.Sizes s = throttle.sizes();
        assertThat(s.addresses()).isLessThanOrEqualTo(CAP);
        assertThat(s.addressUsernames()).isLessThanOrEqualTo(CAP);
        assertThat(s.unknownUsernames()).isLessThanOrEqualTo(CAP);
        assertThat(s.lastAttempts()).isLessThanOrEqualTo(CAP);
        assertThat(s.accounts())
                .as("no account exists: nothing with the accounts'")
                .isZero();
        assertThat(s.knownAccounts()).isZero();
    }

    @Test
    void usernamesNoAccountCanHave_areStoredNowhere_onlyTheirAddressCounts() {
        throttle.admit("y".repeat(65), "10.0.0.1", false, false);
        throttle.admit("", "10.0.0.1", false, false);
        throttle.admit("anna\nFORGED", "10.0.0.1", false, false);
        throttle.admit(null, "10.0.0.1", false, false);
        LoginThrottle.Sizes s = throttle.sizes();
        assertThat(s.addressUsernames()).isZero();
        assertThat(s.unknownUsernames()).isZero();
        assertThat(s.accounts()).isZero();
        assertThat(s.addresses()).isEqualTo(1);
        assertThat(LoginThrottle.normalUsername("y".repeat(64))).hasSize(64);
        assertThat(LoginThrottle.normalUsername("y".repeat(65))).isNull();
        assertThat(LoginThrottle.normalUsername("Hauswart")).isEqualTo("hauswart");
    }

    @Test
    void purge_afterAnEmptyUsername_doesNotThrow_andForgetsExpiredEntries() {
        throttle.admit("", "10.0.0.3", false, false);
        throttle.admit("   ", "10.0.0.3", false, false);
        throttle.admit(null, "10.0.0.3", false, false);
        throttle.admit("", null, false, false);
        assertThatCode(throttle::purge).doesNotThrowAnyException();
        clock.advance(Duration.ofHours(1));
        throttle.purge();
        assertThat(throttle.sizes()).isEqualTo(new LoginThrottle.Sizes(0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void aFloodFromOtherAddresses_locksStrangersOut_butNotTheCaretakersKnownAddressOrDevice() {
        logIn("hauswart", "192.168.1.10");
        for (int i = 0; i < 100; i++) {
            // 100 neighbours' addresses, 5 wrong passwords each would be 500; the account lock stops them at 10.
            for (int j = 0; j < 5; j++) {
                throttle.admit("hauswart", "192.168.2." + i, false, true);
            }
        }
        assertThat(throttle.waitFor("hauswart", "192.168.3.1", false))
                .as("a stranger")
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.admit("hauswart", "192.168.3.1", false, true))
                .as("refused before the password")
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.waitFor("hauswart", "192.168.1.10", false))
                .as("the caretaker's office")
                .isZero();
        assertThat(throttle.waitFor("hauswart", "192.168.3.1", true))
                .as("the caretaker's phone, with its cookie")
                .isZero();
        logIn("hauswart", "192.168.1.10");
        assertThat(throttle.waitFor("hauswart", "192.168.3.1", false))
                .as("the owner's login does not lift the lock")
                .isPositive();
        // The guessing goes on at one try per lock window, up to 15 minutes.
        int admitted = 0;
        for (int minute = 0; minute < 60; minute++) {
            for (int i = 0; i < 20; i++) {
                if (throttle.admit("hauswart", "10.9." + minute + "." + i, false, true)
                        .isZero()) {
                    admitted++;
                }
            }
            clock.advance(Duration.ofMinutes(1));
        }
        // 1, 2, 4, 8, 16, 31 and 46 minutes in: the lock doubles from 30 s to its 15 min cap.
        assertThat(admitted).as("guesses admitted in an hour of flooding").isEqualTo(7);
        assertThat(throttle.waitFor("hauswart", "192.168.1.10", false)).isZero();
    }

    @Test
    void anAddressIsKnown_onlyToTheAccountThatLoggedInFromIt_andForTheKnownTime() {
        logIn("hauswart", "192.168.1.10");
        for (int i = 0; i < 10; i++) {
            fail("hauswart", "10.0.1." + i);
            fail("anna", "10.0.1." + i);
        }
        assertThat(throttle.waitFor("anna", "192.168.1.10", false))
                .as("known to hauswart, not to anna")
                .isPositive();
        assertThat(throttle.knownAddress("hauswart", "192.168.1.10")).isTrue();
        clock.advance(Duration.ofDays(90));
        assertThat(throttle.knownAddress("hauswart", "192.168.1.10")).isFalse();
    }

    @Test
    void oneResident_loggingInFromManyAddresses_doesNotPushOutTheCaretakersKnownAddress() {
        logIn("hauswart", "192.168.1.10");
        for (int i = 0; i < 5_000; i++) {
            logIn("mallory", "fd00::" + Integer.toHexString(i));
        }
        assertThat(throttle.knownAddress("hauswart", "192.168.1.10")).isTrue();
        assertThat(throttle.sizes().knownAddresses())
                .isLessThanOrEqualTo(2 * LoginThrottle.KNOWN_ADDRESSES_PER_ACCOUNT);
    }

    @Test
    void admittedAttemptsCountInAdvance_soParallelRequestsCannotSlipPastTheThreshold() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.admit("cem", "10.0.0.3", false, true)).isZero(); // five checks running at once
        }
        assertThat(throttle.admit("cem", "10.0.0.3", false, true))
                .as("the sixth waits for their outcome")
                .isPositive();
    }

    @Test
    void success_takesItsAdvanceFailureBack_andClearsTheUsernameAtThatAddress_butNotTheAddress() {
        for (int i = 0; i < 30; i++) {
            logIn("dora" + (i % 3), "10.0.0.2"); // many logins behind one address are no failures
        }
        assertThat(throttle.waitFor(null, "10.0.0.2", false)).isZero();
        for (int i = 0; i < 4; i++) {
            fail("emil", "10.0.0.3");
        }
        logIn("emil", "10.0.0.3");
        for (int i = 0; i < 4; i++) {
            fail("emil", "10.0.0.3");
        }
        assertThat(throttle.waitFor("emil", "10.0.0.3", false))
                .as("the count at the address started again")
                .isZero();
        for (int i = 0; i < 12; i++) {
            fail("x" + i, "10.0.0.3");
        }
        assertThat(throttle.waitFor(null, "10.0.0.3", false))
                .as("the address kept its own failures")
                .isPositive();
    }

    @Test
    void loginPageOfAnAddress_showsTheLockOfTheAttemptLastMadeThere() {
        for (int i = 0; i < 5; i++) {
            fail("dora", "10.0.0.4");
        }
        assertThat(throttle.waitForAddress("10.0.0.4")).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.waitForAddress("10.0.0.99")).isZero();
        // The account lock shows to a stranger, not to a browser with the account's cookie.
        for (int i = 0; i < 10; i++) {
            fail("fritz", "10.0.2." + i);
        }
        throttle.admit("fritz", "10.0.3.1", false, true);
        assertThat(throttle.waitForAddress("10.0.3.1")).isPositive();
        throttle.admit("fritz", "10.0.3.2", true, true);
        assertThat(throttle.waitForAddress("10.0.3.2")).isZero();
    }

    @Test
    void unknownUsernames_areLockedLikeAccounts_soTheLockDoesNotTellWhichNamesExist() {
        for (int i = 0; i < 10; i++) {
            throttle.admit("hauswart", "10.0.4." + i, false, true);
            throttle.admit("nobody", "10.0.4." + i, false, false);
        }
        assertThat(throttle.waitFor("nobody", "10.0.5.1", false))
                .isEqualTo(throttle.waitFor("hauswart", "10.0.5.1", false))
                .isPositive();
    }

    @Test
    void failures_areForgottenAfterTheQuietPeriod() {
        for (int i = 0; i < 4; i++) {
            fail("emil", "10.0.0.1");
        }
        clock.advance(Duration.ofHours(1));
        fail("emil", "10.0.0.1");
        assertThat(throttle.waitFor("emil", "10.0.0.1", false)).isZero();
        clock.advance(Duration.ofHours(2));
        throttle.purge();
        for (int i = 0; i < 4; i++) {
            fail("emil", "10.0.0.1");
        }
        assertThat(throttle.waitFor("emil", "10.0.0.1", false)).isZero();
    }

    @Test
    void inconsistentPolicy_isRefused() {
        assertThatThrownBy(() -> new LoginThrottle.Policy(
                        0,
                        1,
                        1,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofDays(1),
                        10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginThrottle.Policy(
                        5,
                        5,
                        5,
                        Duration.ofMinutes(5),
                        Duration.ofMinutes(1),
                        Duration.ofHours(1),
                        Duration.ofDays(1),
                        10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoginThrottle.Policy(
                        5,
                        5,
                        5,
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(1),
                        Duration.ofHours(1),
                        Duration.ofDays(1),
                        0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
