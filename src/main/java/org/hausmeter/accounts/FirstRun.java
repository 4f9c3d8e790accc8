package org.hausmeter.accounts;

import io.quarkus.arc.Unremovable;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.audit.AuditLog;

/**
 * The first caretaker of a real building: there is no default password outside the demo, so the
 * operator runs {@code java -jar quarkus-run.jar create-caretaker NAME} once; it creates the account
 * with a random one-time password and prints it ({@link OneTimePasswords}: it must be changed at the first login);
 * {@code reset-password NAME} gives any account a new one.
 */
@ApplicationScoped
@Unremovable
public class FirstRun {

    /** The created account and its one-time password (shown once, stored only as a bcrypt hash). */
    public record Created(String username, String oneTimePassword, java.time.Instant validUntil) {}

    private final Clock clock;
    private final AuditLog audit;
    private final OneTimePasswords oneTime;
    private final LoginSessions sessions;

    FirstRun(Clock clock, AuditLog audit, OneTimePasswords oneTime, LoginSessions sessions) {
        this.clock = clock;
        this.audit = audit;
        this.oneTime = oneTime;
        this.sessions = sessions;
    }

    public Created createCaretaker(String username) {
        String name = username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
        if (!name.matches("[a-z0-9][a-z0-9._-]{1,63}")) {
            throw new IllegalArgumentException(
                    "Username [" + username + "]: 2-64 lower-case letters, digits, '.', '_' or '-'");
        }
        String password = PasswordHasher.randomPassword(16);
        java.time.Instant until = oneTime.validUntil();
        QuarkusTransaction.requiringNew().run(() -> {
            if (Account.findByUsername(name).isPresent()) {
                throw new IllegalStateException("Account [" + name + "] exists already");
            }
            Account a = new Account();
            a.username = name;
            a.displayName = name;
            a.role = Role.CARETAKER;
            a.passwordHash = PasswordHasher.hash(password);
            a.oneTimeUntil = until;
            a.createdAt = clock.instant();
            a.persist();
            audit.record(
                    "first-run",
                    "account.create",
                    "account:" + name,
                    null,
                    Map.of("role", "CARETAKER"),
                    "first caretaker, one-time password printed to the operator");
        });
        return new Created(name, password, until);
    }

    /**
     * The operator's way back in ({@code reset-password NAME}, server stopped): any active account gets a new
     * one-time password, printed once; every session of the account ends. For a caretaker who forgot theirs, or a
     * one-time password that expired before it was used.
     */
    public Created resetPassword(String username) {
        String name = username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
        String password = PasswordHasher.randomPassword(16);
        java.time.Instant until = oneTime.validUntil();
        QuarkusTransaction.requiringNew().run(() -> {
            Account a = Account.findByUsername(name)
                    .orElseThrow(() -> new IllegalArgumentException("No account [" + name + "]"));
            if (!a.active) {
                throw new IllegalStateException("Account [" + a.username + "] is deactivated");
            }
            a.passwordHash = PasswordHasher.hash(password);
            a.oneTimeUntil = until;
            int ended = sessions.endAll(a.id, LoginSessions.EndReason.PASSWORD);
            audit.record(
                    "operator",
                    "account.password",
                    "account:" + a.username,
                    null,
                    Map.of("oneTimePassword", true, "sessionsEnded", ended),
                    "reset-password: one-time password printed");
        });
        return new Created(name, password, until);
    }
}
