package org.hausmeter.charging.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One line of the caretaker's decision log (table {@code charging_decision}). */
@Entity
@Table(name = "charging_decision")
public class ChargingDecision extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public Instant at;

    public String charger;
    public String reader;

    @Column(name = "card_uid")
    public String cardUid;

    @Column(nullable = false)
    public String origin;

    @Column(nullable = false)
    public String outcome;

    @Column(nullable = false)
    public String reason;

    @Column(nullable = false)
    public String message;

    @Column(name = "session_id")
    public Long sessionId;

    @Column(name = "resident_id")
    public Long residentId;
}
