package org.hausmeter.building.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hausmeter.building.BuildingSettings;

/** The single row of building settings: name, IANA time zone (day and month boundaries), currency (ISO 4217). */
@Entity
@Table(name = "building")
public class Building extends PanacheEntityBase {
    public static final short THE_ID = 1;

    @Id
    public Short id = THE_ID;

    @Column(nullable = false)
    public String name;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(nullable = false)
    public String currency;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    /** The issuer details as a JSON object; see {@link BuildingSettings.Issuer}. */
    @org.hibernate.annotations.ColumnTransformer(read = "issuer::text", write = "?::jsonb")
    @Column(nullable = false, columnDefinition = "jsonb")
    public String issuer = "{}";

    @Column(name = "payment_days", nullable = false)
    public int paymentDays = 14;
}
