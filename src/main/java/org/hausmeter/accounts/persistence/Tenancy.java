package org.hausmeter.accounts.persistence;

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

/**
 * A resident living in an apartment over the half-open period [moveIn, moveOut); moveOut is null
 * while the tenancy runs. The database refuses overlapping tenancies of one apartment.
 */
@Entity
@Table(name = "tenancy")
public class Tenancy extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "apartment_id", nullable = false)
    public Apartment apartment;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "resident_id", nullable = false)
    public Account resident;

    @Column(name = "move_in", nullable = false)
    public Instant moveIn;

    @Column(name = "move_out")
    public Instant moveOut;
}
