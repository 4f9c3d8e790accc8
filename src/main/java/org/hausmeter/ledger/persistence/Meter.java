package org.hausmeter.ledger.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hausmeter.accounts.persistence.Apartment;
import org.hausmeter.ledger.MeterRole;

/**
 * A physical meter at a unit id on a bus, installed over [installedAt, removedAt). A meter
 * exchange removes one row and installs another at the same address.
 */
@Entity
@Table(name = "meter")
public class Meter extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String name;

    /** The bus it is polled on; null for an import-only meter. */
    public String bus;
    /** Modbus unit id, 1–247; null for an import-only meter. */
    @Column(name = "unit_id")
    public Short unitId;
    /** Register map id, the file name of its map in modbus-bus-config/; may be null for an import-only meter. */
    public String model;
    /** True when the meter's values arrive only by import: it has no bus, is never polled and never reported silent. */
    @Column(name = "import_only", nullable = false)
    public boolean importOnly;
    /** Year of the verification or conformity declaration (calibration register), null when unknown. */
    @Column(name = "verified_year")
    public Short verifiedYear;
    /** Explicit last valid day of the calibration, null: computed ({@link org.hausmeter.ledger.Calibration}). */
    @Column(name = "valid_until")
    public java.time.LocalDate validUntil;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MeterRole role;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "apartment_id")
    public Apartment apartment;

    public String charger;

    @Column(name = "installed_at", nullable = false)
    public Instant installedAt;

    @Column(name = "removed_at")
    public Instant removedAt;
    /** The meter this one replaced in a meter exchange; null for a first installation. */
    @Column(name = "replaces_meter_id")
    public Long replacesMeterId;

    /**
     * The metering point operator's id of the meter's location (MaLo or MeLo, see
     * {@link org.hausmeter.ledger.mscons.MeteringPoint}); MSCONS imports find the meter by it. Null: none.
     */
    @Column(name = "metering_point")
    public String meteringPoint;

    /** The meter's calibration as the pure rule sees it. */
    public org.hausmeter.ledger.Calibration calibration() {
        return new org.hausmeter.ledger.Calibration(verifiedYear == null ? null : verifiedYear.intValue(), validUntil);
    }

    /** The meter installed now under {@code name}, if any. */
    public static java.util.Optional<Meter> installed(String name) {
        return find("name = ?1 and removedAt is null", name).firstResultOptional();
    }
}
