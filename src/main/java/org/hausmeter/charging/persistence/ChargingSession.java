package org.hausmeter.charging.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/**
 * One charging session (table {@code charging_session}, columns in docs/data-model.md). Ids are kept
 * as plain numbers: the session is read by billing with SQL, and nothing here needs the entities behind them.
 */
@Entity
@Table(name = "charging_session")
public class ChargingSession extends PanacheEntityBase {

    public static final String OPEN = "OPEN";
    public static final String CLOSED = "CLOSED";
    public static final String FLAGGED = "FLAGGED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String charger;

    @Column(name = "meter_id", nullable = false)
    public Long meterId;

    @Column(name = "card_uid", nullable = false)
    public String cardUid;

    @Column(name = "card_id")
    public Long cardId;

    @Column(name = "resident_id", nullable = false)
    public Long residentId;

    @Column(name = "tenancy_id", nullable = false)
    public Long tenancyId;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "start_wh", nullable = false)
    public Long startWh;

    @Column(name = "end_wh")
    public Long endWh;

    @Column(nullable = false)
    public String status;

    @Column(name = "flag_reason")
    public String flagReason;

    @Column(name = "end_reason")
    public String endReason;

    @Column(name = "seen_power", nullable = false)
    public boolean seenPower;

    @Column(name = "last_power_at")
    public Instant lastPowerAt;

    @Column(nullable = false)
    public String source;

    /** The card's price group at the start (V75); billing prices the session by it. */
    @Column(name = "card_group", nullable = false)
    public String cardGroup = "RESIDENT";

    /** The resident's choice for the power control (V75): SOLAR_ONLY, SOLAR_PLUS_MIN or FAST. */
    @Column(name = "charge_mode", nullable = false)
    public String chargeMode = "FAST";

    /** The session's signed meter values as the wallbox sent them (OCPP SignedData, e.g. OCMF), or null. */
    @Column(name = "signed_data")
    public String signedData;

    public static Optional<ChargingSession> openOn(String charger) {
        return find("charger = ?1 and status = ?2", charger, OPEN).firstResultOptional();
    }

    public static Optional<ChargingSession> openOfCard(String uid) {
        return find("cardUid = ?1 and status = ?2", uid, OPEN).firstResultOptional();
    }
}
