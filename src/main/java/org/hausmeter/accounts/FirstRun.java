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
 * with a random one-time password and prints it.
 */
@ApplicationScoped
@Unremovable
public class FirstRun {

    /** The created account and its one-time password (shown once, stored only as a bcrypt hash). */
    public record Created(String username, String oneTimePassword) {
    }

    private final Clock clock;
    private final AuditLog audit;

    FirstRun(Clock clock, AuditLog audit) {
        this.clock = clock;
        this.audit = audit;
    }

    public Created createCaretaker(String username) {
        String name = username == null ? "" : username.trim().toLowerCase(java.util.Locale.ROOT);
        if (!name.matches("[a-z0-9][a-z0-9._-]{1,63}")) {
            throw new IllegalArgumentException("Username [" + username + "]: 2-64 lower-case letters, digits, '.', '_' or '-'");
        }
        String password = PasswordHasher.randomPassword(16);
        QuarkusTransaction.requiringNew().run(() -> {
            if (Account.findByUsername(name).isPresent()) {
                throw new IllegalStateException("Account [" + name + "] exists already");
            }
            Account a = new Account();
            a.username = name;
            a.displayName = name;
            a.role = Role.CARETAKER;
            a.passwordHash = PasswordHasher.hash(password);
            a.createdAt = clock.instant();
            a.persist();
            audit.record("first-run", "account.create", "account:" + name, null, Map.of("role", "CARETAKER"),
                    "first caretaker, one-time password printed to the operator");
        });
        return new Created(name, password);
    }
}
