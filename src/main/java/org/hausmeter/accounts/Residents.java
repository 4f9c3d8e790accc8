package org.hausmeter.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.accounts.persistence.Tenancy;
import org.hausmeter.audit.AuditLog;

/**
 * The caretaker's residents: listing, new resident accounts and new initial passwords. A password is
 * generated here, shown to the caretaker once (to hand to the resident) and stored only as a bcrypt hash.
 * Every change is audited; the audit log never holds a password.
 */
@ApplicationScoped
public class Residents {

    /** Length of generated passwords: 12 of 56 unambiguous characters, about 70 bits. */
    public static final int PASSWORD_LENGTH = 12;

    /**
     * A resident as the caretaker's pages show it.
     *
     * @param apartments codes of the apartments with a tenancy of this resident running now
     * @param canLogIn   true when the account has a password and is active
     */
    public record ResidentView(
            long id,
            String username,
            String displayName,
            String email,
            String locale,
            boolean active,
            boolean canLogIn,
            List<String> apartments) {}

    /**
     * A new one-time password for {@code username}: give it to the resident; it is not stored in clear anywhere, logs
     * in until {@code validUntil} and must be replaced at the first login ({@link OneTimePasswords}).
     */
    public record Password(String username, String displayName, String password, Instant validUntil) {}

    private final Clock clock;
    private final AuditLog audit;
    private final LoginSessions sessions;
    private final OneTimePasswords oneTime;

    Residents(Clock clock, AuditLog audit, LoginSessions sessions, OneTimePasswords oneTime) {
        this.clock = clock;
        this.audit = audit;
        this.sessions = sessions;
        this.oneTime = oneTime;
    }

    /** Every resident account, by display name. */
    @Transactional
    public List<ResidentView> all() {
        Instant now = clock.instant();
        Map<Long, List<String>> living = new LinkedHashMap<>();
        for (Tenancy t : Tenancy.<Tenancy>list(
                "select t from Tenancy t join fetch t.apartment"
                        + " where t.moveIn <= ?1 and (t.moveOut is null or t.moveOut > ?1) order by t.apartment.code",
                now)) {
            living.computeIfAbsent(t.resident.id, k -> new java.util.ArrayList<>())
                    .add(t.apartment.code);
        }
        return Account.<Account>list("role = ?1 order by lower(displayName), username", Role.RESIDENT).stream()
                .map(a -> view(a, living.getOrDefault(a.id, List.of())))
                .toList();
    }

    /** One resident, by username (case-insensitive). */
    @Transactional
    public Optional<ResidentView> find(String username) {
        Instant now = clock.instant();
        return Account.findByUsername(username == null ? "" : username)
                .filter(a -> a.role == Role.RESIDENT)
                .map(a -> view(
                        a,
                        Tenancy.<Tenancy>list(
                                        "select t from Tenancy t join fetch t.apartment where t.resident = ?1"
                                                + " and t.moveIn <= ?2 and (t.moveOut is null or t.moveOut > ?2) order by t.apartment.code",
                                        a,
                                        now)
                                .stream()
                                .map(t -> t.apartment.code)
                                .toList()));
    }

    /**
     * Creates a resident account with a generated password.
     *
     * @param username    2-64 characters: lower-case letters, digits, '.', '_', '-' (upper case is lowered)
     * @param displayName the name on bills and pages
     * @param email       optional
     * @param locale      "de" or "en", the language of pages and bills
     * @return the account's username and its password, to be shown once
     */
    @Transactional
    public Password create(String username, String displayName, String email, String locale, String actor) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z0-9][a-z0-9._-]{1,63}")) {
            throw new AccountException(
                    AccountException.Kind.INVALID,
                    "username",
                    "Username [" + username
                            + "]: 2-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        String display = displayName == null ? "" : displayName.strip();
        if (display.isEmpty() || display.length() > 100) {
            throw new AccountException(
                    AccountException.Kind.INVALID, "displayName", "The resident's name needs 1 to 100 characters");
        }
        String mail = email == null || email.isBlank() ? null : email.strip();
        if (mail != null && !mail.matches("[^@\\s]+@[^@\\s]+")) {
            throw new AccountException(
                    AccountException.Kind.INVALID, "email", "E-mail address [" + email + "] is not valid");
        }
        String lang = locale == null || locale.isBlank() ? "de" : locale.strip();
        if (!lang.equals("de") && !lang.equals("en")) {
            throw new AccountException(
                    AccountException.Kind.INVALID, "locale", "Language must be de or en, not [" + locale + "]");
        }
        if (Account.findByUsername(name).isPresent()) {
            throw new AccountException(AccountException.Kind.CONFLICT, "username", "Username [" + name + "] is taken")
                    .coded("username_taken", name);
        }
        String password = PasswordHasher.randomPassword(PASSWORD_LENGTH);
        Account a = new Account();
        a.username = name;
        a.displayName = display;
        a.email = mail;
        a.role = Role.RESIDENT;
        a.locale = lang;
        a.passwordHash = PasswordHasher.hash(password);
        a.oneTimeUntil = oneTime.validUntil();
        a.createdAt = clock.instant();
        a.persist();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("username", name);
        after.put("displayName", display);
        after.put("email", mail);
        after.put("locale", lang);
        after.put("role", Role.RESIDENT.name());
        audit.record(
                actor, "account.create", "account:" + name, null, after, "initial password shown to the caretaker");
        return new Password(name, display, password, a.oneTimeUntil);
    }

    /** Replaces a resident's password by a generated one (a forgotten password, a first login for an account without one). */
    @Transactional
    public Password newPassword(String username, String actor) {
        Account a = Account.findByUsername(username == null ? "" : username)
                .filter(x -> x.role == Role.RESIDENT)
                .orElseThrow(
                        () -> new AccountException(AccountException.Kind.NOT_FOUND, "No resident [" + username + "]"));
        if (!a.active) {
            throw new AccountException(AccountException.Kind.CONFLICT, "Resident [" + a.username + "] is deactivated")
                    .coded("resident_deactivated", a.displayName);
        }
        String password = PasswordHasher.randomPassword(PASSWORD_LENGTH);
        boolean had = a.passwordHash != null;
        a.passwordHash = PasswordHasher.hash(password);
        a.oneTimeUntil = oneTime.validUntil();
        // Whoever is logged in with the old password is logged out (same transaction as the new hash).
        int ended = sessions.endAll(a.id, LoginSessions.EndReason.PASSWORD);
        audit.record(
                actor,
                "account.password",
                "account:" + a.username,
                Map.of("hadPassword", had),
                Map.of("hasPassword", true, "sessionsEnded", ended),
                "new password shown to the caretaker");
        return new Password(a.username, a.displayName, password, a.oneTimeUntil);
    }

    private static ResidentView view(Account a, List<String> apartments) {
        return new ResidentView(
                a.id,
                a.username,
                a.displayName,
                a.email,
                a.locale,
                a.active,
                a.active && a.passwordHash != null,
                List.copyOf(apartments));
    }
}
