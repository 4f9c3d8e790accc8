package org.hausmeter.accounts.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.Optional;

@Entity
@Table(name = "apartment")
public class Apartment extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    /** Short unique code used in the building file and on bills, e.g. {@code }. */
    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String name;

    public Integer floor;
    /** Floor area in m², the key for sharing common-area consumption by area; null when unknown. */
    @Column(name = "area_m2", precision = 7, scale = 2)
    public BigDecimal areaM2;

    public static Optional<Apartment> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }
}
