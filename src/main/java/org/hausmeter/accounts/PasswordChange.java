package org.hausmeter.accounts;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.platform.LogSafe;
import org.jboss.logging.Logger;

/**
 * An account holder changes their own password (residents on /me/account, caretakers on /caretaker/account; the
 * same rules for both): the current password is required and wrong ones are throttled like logins; the new one
 * has at least {@code hausmeter.login.password-min-length} characters and at most {@link PasswordHasher#MAX_BYTES}
 * UTF-8 bytes (bcrypt reads no more: a longer one is refused, never cut silently), is typed twice and differs from
 * the current one. A change ends every other session of the account, clears a one-time password's deadline and is
 * audited (without the password).
 */
@ApplicationScoped
public class PasswordChange {

    private static final Logger LOG = Logger.getLogger(PasswordChange.class);

    /** Why a change was refused. */
    public enum Refusal {
        THROTTLED,
        WRONG_CURRENT,
        TOO_SHORT,
        TOO_LONG,
        MISMATCH,
        SAME
    }

    /**
     * @param refusal     null when the password was changed
     * @param waitSeconds for {@link Refusal#THROTTLED}: how long to wait
     */
    public record Outcome(Refusal refusal, long waitSeconds) {
        public boolean changed() {
            return refusal == null;
        }
    }

    private final LoginThrottle throttle;
    private final LoginSessions sessions;
    private final AuditLog audit;
    private final int minLength;

    PasswordChange(
            LoginThrottle throttle,
            LoginSessions sessions,
            AuditLog audit,
            @ConfigProperty(name = "hausmeter.login.password-min-length", defaultValue = "10") int minLength) {
        this.throttle = throttle;
        this.sessions = sessions;
        this.audit = audit;
        this.minLength = minLength;
    }

    /** Shortest password a holder may choose. */
    public int minLength() {
        return minLength;
    }

    /**
     * Changes the password of the logged-in account {@code accountId}; the request's own session stays open.
     *
     * @param rc the request (client address for the throttle, the session to keep)
     */
    public Outcome change(
            long accountId, String username, String current, String password, String repeat, RoutingContext rc) {
        String address = AccountIdentityProvider.clientAddress(rc);
        // The session shows this browser logged in as the holder: like a device cookie, it is not locked out by
        // failures from elsewhere; its own address's limits apply. Admitted means counted as a failure already.
        Duration wait = throttle.admit(username, address, true, true);
        if (!wait.isZero()) {
            return new Outcome(Refusal.THROTTLED, LoginCheck.seconds(wait));
        }
        String hash = QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById(accountId).passwordHash);
        if (current == null || hash == null || !PasswordHasher.matches(current, hash)) {
            LOG.warnf("Password change of %s refused: wrong current password", LogSafe.quoted(username));
            return new Outcome(Refusal.WRONG_CURRENT, 0);
        }
        throttle.succeeded(username, address, true);
        Refusal refusal = judge(current, password, repeat);
        if (refusal != null) {
            return new Outcome(refusal, 0);
        }
        String newHash = PasswordHasher.hash(password);
        QuarkusTransaction.requiringNew().run(() -> {
            Account a = Account.findById(accountId);
            boolean oneTime = a.oneTimeUntil != null;
            a.passwordHash = newHash;
            a.oneTimeUntil = null;
            // Every other session of the account ends with the old password; this browser stays logged in.
            int ended = sessions.endOthers(accountId, rc, LoginSessions.EndReason.PASSWORD);
            audit.record(
                    username,
                    "account.password.change",
                    "account:" + accountId,
                    Map.of("oneTimePassword", oneTime),
                    Map.of("passwordChanged", true, "otherSessionsEnded", ended),
                    null);
        });
        LOG.infof("Password of %s changed", LogSafe.quoted(username));
        return new Outcome(null, 0);
    }

    /** The rules for the new password, in the order a person fixes them; null when it is acceptable. */
    Refusal judge(String current, String password, String repeat) {
        if (password == null || password.codePointCount(0, password.length()) < minLength) {
            return Refusal.TOO_SHORT;
        }
        if (!PasswordHasher.fitsBcrypt(password)) {
            return Refusal.TOO_LONG;
        }
        if (!password.equals(repeat)) {
            return Refusal.MISMATCH;
        }
        if (password.equals(current)) {
            return Refusal.SAME;
        }
        return null;
    }
}
