package org.hausmeter.accounts.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import org.hausmeter.accounts.Role;

/** A person known to the server: a resident (with or without a login) or a caretaker. */
@Entity
@Table(name = "account")
public class Account extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String username;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    public String email;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Role role;
    /** bcrypt hash, see {@link org.hausmeter.accounts.PasswordHasher}; null when the person cannot log in. */
    @Column(name = "password_hash")
    public String passwordHash;

    @Column(nullable = false)
    public String locale = "de";

    @Column(nullable = false)
    public boolean active = true;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    /**
     * Set while the password is a generated one-time password: it logs in only before this instant and must then
     * be changed ({@link org.hausmeter.accounts.OneTimePasswords}); null for a password the holder chose.
     */
    @Column(name = "one_time_until")
    public Instant oneTimeUntil;

    public static Optional<Account> findByUsername(String username) {
        return find("lower(username) = lower(?1)", username).firstResultOptional();
    }
}
