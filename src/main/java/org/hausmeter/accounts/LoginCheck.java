package org.hausmeter.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.hausmeter.platform.LogSafe;
import org.jboss.logging.Logger;

/**
 * One login attempt, for the form and for HTTP basic alike ({@link AccountIdentityProvider} wires it to the
 * database and the request). The order is the point:
 * <ol>
 * <li>a username no account can have (longer than 64 characters, blank, characters the account table refuses) is
 * not looked up, not checked and not stored (only the address counts);</li>
 * <li>a locked address, address and username, or account ({@link LoginThrottle}) is refused before the database
 * and before bcrypt;</li>
 * <li>the attempt is counted as a failure in advance ({@link LoginThrottle#admit});</li>
 * <li>exactly one bcrypt verification runs whether the account exists or not: an unknown user, an inactive
 * account or one without a password is checked against {@link PasswordHasher#dummyHash()}, so a wrong password
 * of a real account takes as long as an invented username;</li>
 * <li>only a match logs in and takes the advance failure back; a one-time password past its deadline
 * ({@link OneTimePasswords}) is no match.</li>
 * </ol>
 * Usernames reach the log through {@link LogSafe} only. Pure apart from its collaborators (tests pass fakes).
 */
final class LoginCheck {

    private static final Logger LOG = Logger.getLogger(LoginCheck.class);

    /**
     * An account as the login sees it.
     *
     * @param oneTimeUntil set while the password is a one-time password: it logs in only before then
     */
    record Account(String username, String passwordHash, Role role, boolean active, Instant oneTimeUntil) {
        Account(String username, String passwordHash, Role role, boolean active) {
            this(username, passwordHash, role, active, null);
        }

        boolean canLogIn() {
            return active && passwordHash != null;
        }

        boolean oneTime() {
            return oneTimeUntil != null;
        }
    }

    /** Finds the account of a lower-case username. */
    interface Accounts {
        Optional<Account> find(String username);
    }

    /** bcrypt verification ({@link PasswordHasher#matches} in production). */
    interface Passwords {
        boolean matches(String password, String hash);
    }

    /**
     * What an attempt came to.
     *
     * @param account the account logged in, or null
     * @param retryAfter when refused by the throttle, how long to wait; else zero
     */
    record Outcome(Account account, Duration retryAfter) {
        boolean loggedIn() {
            return account != null;
        }

        boolean throttled() {
            return !retryAfter.isZero();
        }
    }

    private static final Outcome WRONG = new Outcome(null, Duration.ZERO);

    private final LoginThrottle throttle;
    private final Accounts accounts;
    private final Passwords passwords;
    private final String dummyHash;
    private final VerifiedCredentials verified;
    private final Clock clock;

    LoginCheck(
            LoginThrottle throttle,
            Accounts accounts,
            Passwords passwords,
            String dummyHash,
            VerifiedCredentials verified,
            Clock clock) {
        this.clock = clock;
        this.throttle = throttle;
        this.accounts = accounts;
        this.passwords = passwords;
        this.dummyHash = dummyHash;
        this.verified = verified;
    }

    /**
     * @param address     the client's address, or null when unknown
     * @param knownDevice the client showed this username's device cookie
     */
    Outcome check(String username, String password, String address, boolean knownDevice) {
        String name = LoginThrottle.normalUsername(username);
        Duration wait = throttle.ask(name, address, knownDevice);
        if (!wait.isZero()) {
            return refused(username, address, wait);
        }
        Account account = name == null ? null : accounts.find(name).orElse(null);
        wait = throttle.admit(name, address, knownDevice, account != null);
        if (!wait.isZero()) {
            return refused(username, address, wait);
        }
        String pw = password == null ? "" : password;
        boolean ok;
        if (account != null && account.canLogIn()) {
            ok = verified.recentlyMatched(name, pw, account.passwordHash())
                    || verified.remember(
                            name, pw, account.passwordHash(), passwords.matches(pw, account.passwordHash()));
            if (ok && !OneTimePasswords.usable(account.oneTimeUntil(), clock.instant())) {
                // The right one-time password, too late: the same answer as a wrong password (it is one now); the
                // log tells the caretaker why, who gives a new one.
                LOG.infof(
                        "Login of %s refused: the one-time password expired at %s; the caretaker can give a new one",
                        LogSafe.quoted(username), account.oneTimeUntil());
                ok = false;
            }
        } else {
            if (name != null) {
                passwords.matches(pw, dummyHash); // the same work as a wrong password of a real account
            }
            ok = false;
        }
        if (!ok) {
            Duration now = throttle.waitFor(name, address, knownDevice);
            if (now.isZero()) {
                LOG.infof("Failed login of %s from %s", LogSafe.quoted(username), address);
            } else {
                LOG.warnf(
                        "Failed login of %s from %s; further attempts refused for %d s",
                        LogSafe.quoted(username), address, seconds(now));
            }
            return WRONG;
        }
        throttle.succeeded(name, address, true);
        return new Outcome(account, Duration.ZERO);
    }

    private static Outcome refused(String username, String address, Duration wait) {
        // One line per refused attempt would be 200,000 lines in a flood: the lock itself was logged when it began.
        LOG.debugf("Login of %s from %s refused: throttled for %d s", LogSafe.quoted(username), address, seconds(wait));
        return new Outcome(null, wait);
    }

    static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
