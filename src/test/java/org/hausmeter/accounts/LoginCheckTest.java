package org.hausmeter.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.hausmeter.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The login decision on fakes: which checks run in which order, what is counted, what reaches the log. */
class LoginCheckTest {

    /** bcrypt at cost 4 keeps the test fast; the production dummy's cost is checked in PasswordHasherTest. */
    private static final String CARETAKER_HASH = PasswordHasher.hash("the-right-password", 4);

    private static final String DUMMY = PasswordHasher.hash("nobody knows this one", 4);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T09:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(
            new LoginThrottle.Policy(
                    20,
                    5,
                    10,
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(15),
                    Duration.ofHours(1),
                    Duration.ofDays(90),
                    10_000),
            clock);
    private final Map<String, LoginCheck.Account> table = Map.of(
            "hauswart", new LoginCheck.Account("hauswart", CARETAKER_HASH, Role.CARETAKER, true),
            "moved-out", new LoginCheck.Account("moved-out", CARETAKER_HASH, Role.RESIDENT, false),
            "no-password", new LoginCheck.Account("no-password", null, Role.RESIDENT, true),
            "new-resident",
                    new LoginCheck.Account(
                            "new-resident",
                            CARETAKER_HASH,
                            Role.RESIDENT,
                            true,
                            Instant.parse("2026-12-04T09:00:00Z")));
    private final List<String> lookups = new ArrayList<>();
    private final List<String> checkedHashes = new ArrayList<>();
    private final LoginCheck check = new LoginCheck(
            throttle,
            name -> {
                lookups.add(name);
                return Optional.ofNullable(table.get(name));
            },
            (password, hash) -> {
                checkedHashes.add(hash);
                return PasswordHasher.matches(password, hash);
            },
            DUMMY,
            new VerifiedCredentials(Duration.ofMinutes(5), clock),
            clock);

    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLog() {
        Logger.getLogger(LoginCheck.class.getName()).addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        Logger.getLogger(LoginCheck.class.getName()).removeHandler(capture);
    }

    @Test
    void anUnknownUser_costsOneBcryptCheck_againstTheDummy_likeAWrongPassword() {
        assertThat(check.check("nobody", "guess", "10.0.0.1", false).loggedIn()).isFalse();
        assertThat(checkedHashes).containsExactly(DUMMY);
        checkedHashes.clear();
        assertThat(check.check("hauswart", "guess", "10.0.0.1", false).loggedIn())
                .isFalse();
        assertThat(checkedHashes).containsExactly(CARETAKER_HASH);
        checkedHashes.clear();
        check.check("moved-out", "the-right-password", "10.0.0.1", false);
        check.check("no-password", "anything", "10.0.0.1", false);
        assertThat(checkedHashes)
                .as("an inactive account, one without a password")
                .containsExactly(DUMMY, DUMMY);
    }

    @Test
    void theRightPassword_logsIn() {
        LoginCheck.Outcome o = check.check("Hauswart", "the-right-password", "10.0.0.1", false);
        assertThat(o.loggedIn()).isTrue();
        assertThat(o.account().role()).isEqualTo(Role.CARETAKER);
        assertThat(check.check("moved-out", "the-right-password", "10.0.0.1", false)
                        .loggedIn())
                .isFalse();
    }

    @Test
    void aOneTimePassword_logsIn_untilItsDeadline_thenNotEvenRight() {
        LoginCheck.Outcome first = check.check("new-resident", "the-right-password", "10.0.0.1", false);
        assertThat(first.loggedIn()).isTrue();
        assertThat(first.account().oneTime())
                .as("the session must lead to the password change")
                .isTrue();
        clock.set(Instant.parse("2026-12-04T09:00:00Z"));
        assertThat(check.check("new-resident", "the-right-password", "10.0.0.1", false)
                        .loggedIn())
                .isFalse();
        assertThat(logged).anySatisfy(r -> assertThat(formatted(r)).contains("one-time password expired"));
    }

    @Test
    void theCaretaker_logsIn_whileTheirNameIsFloodedFromOtherAddresses() {
        assertThat(check.check("hauswart", "the-right-password", "192.168.1.10", false)
                        .loggedIn())
                .as("the office, once")
                .isTrue();
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 5; j++) {
                check.check("hauswart", "guess-" + j, "192.168.2." + i, false);
            }
        }
        LoginCheck.Outcome stranger = check.check("hauswart", "the-right-password", "192.168.3.1", false);
        assertThat(stranger.loggedIn())
                .as("an unknown client, even with the right password")
                .isFalse();
        assertThat(stranger.throttled()).isTrue();
        assertThat(throttle.waitForAddress("192.168.3.1"))
                .as("what its login page then says")
                .isPositive();
        assertThat(check.check("hauswart", "the-right-password", "192.168.1.10", false)
                        .loggedIn())
                .as("the office")
                .isTrue();
        assertThat(check.check("hauswart", "the-right-password", "192.168.3.1", true)
                        .loggedIn())
                .as("a new address, with the device cookie")
                .isTrue();
        // The first login and the 10 guesses before the lock; later logins hit the cache of checked passwords.
        assertThat(checkedHashes).hasSize(11);
    }

    @Test
    void aThrottledAttempt_isRefusedBeforeTheDatabaseAndBcrypt() {
        for (int i = 0; i < 5; i++) {
            check.check("hauswart", "guess-" + i, "10.0.0.7", false);
        }
        lookups.clear();
        checkedHashes.clear();
        LoginCheck.Outcome o = check.check("hauswart", "the-right-password", "10.0.0.7", false);
        assertThat(o.throttled()).isTrue();
        assertThat(o.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(lookups).isEmpty();
        assertThat(checkedHashes).isEmpty();
    }

    @Test
    void aUsernameNoAccountCanHave_isNeitherLookedUpNorChecked_norStored() {
        check.check("x".repeat(1_500), "guess", "10.0.0.8", false);
        check.check("", "guess", "10.0.0.8", false);
        assertThat(lookups).isEmpty();
        assertThat(checkedHashes).isEmpty();
        assertThat(throttle.sizes().unknownUsernames()).isZero();
        assertThat(throttle.sizes().addressUsernames()).isZero();
        assertThat(throttle.sizes().addresses()).as("the address counts").isEqualTo(1);
    }

    @Test
    void aUsernameWithALineBreak_cannotForgeALogLine() {
        check.check(
                "anna\n2026-11-20 10:00:00 INFO  [or.ha.ac.LoginCheck] Login of \"hauswart\" succeeded",
                "guess",
                "10.0.0.9",
                false);
        check.check("ben\r\u2028\u202e", "guess", "10.0.0.9", false);
        assertThat(logged).hasSize(2);
        for (LogRecord r : logged) {
            assertThat(formatted(r)).doesNotContain("\n", "\r", "\u2028", "\u202e");
        }
        assertThat(formatted(logged.get(0))).startsWith("Failed login of \"anna\\n2026-11-20 10:00:00 INFO");
        assertThat(formatted(logged.get(1))).contains("\"ben\\r\\u2028\\u202e\"");
    }

    private static String formatted(LogRecord r) {
        if (r instanceof org.jboss.logmanager.ExtLogRecord ext) {
            return ext.getFormattedMessage();
        }
        Object[] params = r.getParameters();
        if (params == null || params.length == 0) {
            return r.getMessage();
        }
        return String.format(r.getMessage(), params);
    }
}
