package org.hausmeter.audit.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One caretaker change. Immutable here and append-only in the database (a trigger refuses UPDATE/DELETE). */
@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String subject;
    /** State before the change as JSON; null for a creation. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String before;
    /** State after the change as JSON; null for a removal. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String after;

    public String reason;
}
