package org.hausmeter.charging.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.hausmeter.accounts.persistence.Account;

/** A card registered to a resident (table {@code charging_card}, docs/data-model.md). */
@Entity
@Table(name = "charging_card")
public class ChargingCard extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    /** Upper-case hex, 8, 14 or 20 digits. */
    @Column(nullable = false)
    public String uid;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "resident_id", nullable = false)
    public Account resident;

    public String label;

    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;

    @Column(name = "registered_by", nullable = false)
    public String registeredBy;
    /** Last local day the card is accepted; null: no expiry. */
    @Column(name = "expires_on")
    public LocalDate expiresOn;

    @Column(name = "blocked_at")
    public Instant blockedAt;

    @Column(name = "blocked_reason")
    public String blockedReason;

    /** Price group (V75): RESIDENT unless the caretaker chose another ({@code CardService#setGroup}). */
    @Column(name = "card_group", nullable = false)
    public String cardGroup = "RESIDENT";

    public static Optional<ChargingCard> findByUid(String uid) {
        return find("uid", uid).firstResultOptional();
    }
}
