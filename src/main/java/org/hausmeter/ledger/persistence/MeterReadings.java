package org.hausmeter.ledger.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.ledger.CounterOrder;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.ledger.LedgerException;
import org.hausmeter.ledger.csv.ImportLimits;

/**
 * The caretaker's changes to counter readings: manual readings and corrections (each with a reason),
 * and meter exchanges. Every change is audited (who, when, before, after, reason) in the same
 * transaction. Counters never go backwards: a reading that would contradict its neighbours is refused
 * with the neighbour named, so the caretaker corrects the wrong one.
 */
@ApplicationScoped
public class MeterReadings {

    /** A stored counter reading as the API shows it. */
    public record Reading(Instant readAt, long importWh, Long exportWh, String source) {}

    private final EntityManager em;
    private final AuditLog audit;
    private final ReadingPartitions partitions;
    private final BuildingSettings settings;

    MeterReadings(EntityManager em, AuditLog audit, ReadingPartitions partitions, BuildingSettings settings) {
        this.em = em;
        this.audit = audit;
        this.partitions = partitions;
        this.settings = settings;
    }

    /**
     * Enters a reading at {@code at}, or corrects the one stored there. Returns the reading before
     * the change (empty for a new one).
     */
    @Transactional
    public Optional<Reading> enter(
            String actor, String meterName, Instant at, long importWh, Long exportWh, String reason) {
        requireReason(reason);
        if (importWh < 0 || exportWh != null && exportWh < 0) {
            throw new LedgerException(
                    LedgerException.Kind.INVALID,
                    "Counters cannot be negative: import [" + importWh + "] export [" + exportWh + "]");
        }
        Meter meter = meterAt(meterName, at);
        partitions.ensureCovering(at, at.plusMillis(1));
        checkNeighbours(meter, at, importWh, exportWh);
        Optional<Reading> before = reading(meter.id, at);
        em.createNativeQuery("INSERT INTO meter_reading (meter_id, read_at, import_wh, export_wh, source)"
                        + " VALUES (?1, ?2, ?3, ?4, 'MANUAL') ON CONFLICT (meter_id, read_at) DO UPDATE"
                        + " SET import_wh = EXCLUDED.import_wh, export_wh = EXCLUDED.export_wh, source = 'MANUAL'")
                .setParameter(1, meter.id)
                .setParameter(2, Timestamp.from(at))
                .setParameter(3, importWh)
                .setParameter(4, exportWh)
                .executeUpdate();
        audit.record(
                actor,
                before.isPresent() ? "reading.correct" : "reading.enter",
                "meter:" + meterName,
                before.orElse(null),
                new Reading(at, importWh, exportWh, "MANUAL"),
                reason);
        return before;
    }

    /**
     * Records a meter exchange at {@code at}: the old meter's final reading, the new meter's first
     * reading. The old meter is removed, the new one takes its name, address, role and owner.
     *
     * @param newModel register map of the new meter, null to keep the old model
     */
    @Transactional
    public Meter exchange(
            String actor,
            String meterName,
            Instant at,
            long oldFinalImportWh,
            Long oldFinalExportWh,
            String newModel,
            long newFirstImportWh,
            Long newFirstExportWh,
            String reason) {
        requireReason(reason);
        Meter old = Meter.installed(meterName)
                .orElseThrow(() ->
                        new LedgerException(LedgerException.Kind.NOT_FOUND, "No installed meter [" + meterName + "]"));
        if (!at.isAfter(old.installedAt)) {
            throw new LedgerException(
                    LedgerException.Kind.INVALID,
                    "Exchange at [" + at + "] is not after meter [" + meterName + "] was installed [" + old.installedAt
                            + "]");
        }
        partitions.ensureCovering(at, at.plusMillis(1));
        checkNeighbours(old, at, oldFinalImportWh, oldFinalExportWh);
        Optional<Reading> later = em
                .createNativeQuery("SELECT read_at FROM meter_reading WHERE meter_id = ?1 AND read_at > ?2"
                        + " ORDER BY read_at LIMIT 1")
                .setParameter(1, old.id)
                .setParameter(2, Timestamp.from(at))
                .getResultList()
                .stream()
                .findFirst()
                .map(r -> new Reading(toInstant(r), 0, null, null));
        if (later.isPresent()) {
            throw new LedgerException(
                    LedgerException.Kind.CONFLICT,
                    "Meter [" + meterName + "] has readings after the" + " exchange at [" + at + "] (first at ["
                            + later.get().readAt() + "]): correct or remove those first");
        }
        old.removedAt = at;
        em.flush();
        Meter fresh = new Meter();
        fresh.name = old.name;
        fresh.bus = old.bus;
        fresh.unitId = old.unitId;
        fresh.model = newModel == null ? old.model : newModel;
        fresh.importOnly = old.importOnly;
        fresh.role = old.role;
        fresh.apartment = old.apartment;
        fresh.charger = old.charger;
        fresh.installedAt = at;
        fresh.replacesMeterId = old.id;
        // The metering point is the location's, not the device's: the new meter keeps it.
        fresh.meteringPoint = old.meteringPoint;
        fresh.persist();
        em.flush();
        insertExchangeReading(old.id, at, oldFinalImportWh, oldFinalExportWh);
        insertExchangeReading(fresh.id, at, newFirstImportWh, newFirstExportWh);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("meterId", old.id);
        before.put("model", old.model);
        before.put("finalReading", new Reading(at, oldFinalImportWh, oldFinalExportWh, "EXCHANGE"));
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("meterId", fresh.id);
        after.put("model", fresh.model);
        after.put("firstReading", new Reading(at, newFirstImportWh, newFirstExportWh, "EXCHANGE"));
        audit.record(actor, "meter.exchange", "meter:" + meterName, before, after, reason);
        return fresh;
    }

    /**
     * Sets (or with null/blank clears) the metering point operator's id (MaLo or MeLo) of the installed meter of that
     * name, by which MSCONS imports find it. Refused when the id is malformed or another installed meter has it.
     * Audited with the reason.
     *
     * @return the id before the change (null: none)
     */
    @Transactional
    public String setMeteringPoint(String actor, String meterName, String meteringPoint, String reason) {
        requireReason(reason);
        Meter meter = Meter.installed(meterName)
                .orElseThrow(() ->
                        new LedgerException(LedgerException.Kind.NOT_FOUND, "No installed meter [" + meterName + "]"));
        String id = null;
        if (meteringPoint != null && !meteringPoint.isBlank()) {
            org.hausmeter.ledger.mscons.MeteringPoint.Checked checked =
                    org.hausmeter.ledger.mscons.MeteringPoint.check(meteringPoint);
            if (!checked.ok()) {
                throw new LedgerException(
                        LedgerException.Kind.INVALID, "Meter [" + meterName + "]: " + checked.problem());
            }
            id = checked.id();
            Optional<Meter> other = Meter.<Meter>find(
                            "meteringPoint = ?1 and removedAt is null and id <> ?2", id, meter.id)
                    .firstResultOptional();
            if (other.isPresent()) {
                throw new LedgerException(
                        LedgerException.Kind.CONFLICT,
                        "Metering point [" + id + "] already belongs to meter [" + other.get().name + "]");
            }
        }
        String before = meter.meteringPoint;
        meter.meteringPoint = id;
        Map<String, Object> was = new LinkedHashMap<>();
        was.put("meteringPoint", before);
        Map<String, Object> now = new LinkedHashMap<>();
        now.put("meteringPoint", id);
        audit.record(actor, "meter.metering-point", "meter:" + meterName, was, now, reason);
        return before;
    }

    /**
     * Dates the installed meter of that name: values from {@code installedAt} on can then be imported or entered
     * (e.g. history loaded after the building file created the meter). Refused for a meter that replaced another
     * one (its installation is the exchange) and when a reading or quarter hour of the meter would come before it.
     * Audited with the reason.
     *
     * @return the installation instant before the change
     */
    @Transactional
    public Instant setInstalled(String actor, String meterName, Instant installedAt, String reason) {
        requireReason(reason);
        Meter meter = Meter.installed(meterName)
                .orElseThrow(() ->
                        new LedgerException(LedgerException.Kind.NOT_FOUND, "No installed meter [" + meterName + "]"));
        if (meter.replacesMeterId != null) {
            throw new LedgerException(
                    LedgerException.Kind.INVALID,
                    "Meter [" + meterName + "] replaced another meter:" + " its installation is the exchange at ["
                            + meter.installedAt + "]");
        }
        Instant before = meter.installedAt;
        if (installedAt.isAfter(before)) {
            List<?> earlier = em.createNativeQuery(
                            "SELECT read_at FROM meter_reading WHERE meter_id = ?1 AND read_at < ?2"
                                    + " UNION ALL SELECT interval_start FROM interval_energy WHERE meter_id = ?1 AND interval_start < ?2"
                                    + " ORDER BY 1 LIMIT 1")
                    .setParameter(1, meter.id)
                    .setParameter(2, Timestamp.from(installedAt))
                    .getResultList();
            if (!earlier.isEmpty()) {
                throw new LedgerException(
                        LedgerException.Kind.INVALID,
                        "Meter [" + meterName + "] has values before [" + installedAt + "] (first at ["
                                + toInstant(earlier.get(0)) + "]): correct or remove those first");
            }
        }
        meter.installedAt = installedAt;
        audit.record(
                actor,
                "meter.installed",
                "meter:" + meterName,
                Map.of("installedAt", before.toString()),
                Map.of("installedAt", installedAt.toString()),
                reason);
        return before;
    }

    /**
     * The period whose intervals a reading at {@code at} influences: from the meter's reading before it
     * to the one after it (a gap around it is spread anew), on quarter-hour boundaries.
     */
    @Transactional
    public Instant[] affectedPeriod(String meterName, Instant at) {
        Meter meter = meterAt(meterName, at);
        Instant from = neighbour(meter.id, at, true).map(Reading::readAt).orElse(at);
        Instant to = neighbour(meter.id, at, false).map(Reading::readAt).orElse(at);
        return new Instant[] {Intervals.floor(from), Intervals.floor(to).plusSeconds(Intervals.SECONDS)};
    }

    /** Readings of the meter installed under {@code name} at some point in [from, to), oldest first. */
    @Transactional
    public List<Reading> readings(String meterName, Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT r.read_at, r.import_wh, r.export_wh, r.source FROM meter_reading r"
                                + " JOIN meter m ON m.id = r.meter_id WHERE m.name = ?1 AND r.read_at >= ?2 AND r.read_at < ?3"
                                + " ORDER BY r.read_at, m.installed_at")
                .setParameter(1, meterName)
                .setParameter(2, Timestamp.from(from))
                .setParameter(3, Timestamp.from(to))
                .getResultList();
        return rows.stream()
                .map(r -> new Reading(
                        toInstant(r[0]),
                        ((Number) r[1]).longValue(),
                        r[2] == null ? null : ((Number) r[2]).longValue(),
                        (String) r[3]))
                .toList();
    }

    private void insertExchangeReading(long meterId, Instant at, long importWh, Long exportWh) {
        em.createNativeQuery("INSERT INTO meter_reading (meter_id, read_at, import_wh, export_wh, source)"
                        + " VALUES (?1, ?2, ?3, ?4, 'EXCHANGE')")
                .setParameter(1, meterId)
                .setParameter(2, Timestamp.from(at))
                .setParameter(3, importWh)
                .setParameter(4, exportWh)
                .executeUpdate();
    }

    /**
     * The meter of that name installed at {@code at}. A time before the first installation of that name is refused
     * (400) with the same wording as an import ({@link ImportLimits#installedRefusal}); no meter of that name: 404.
     */
    private Meter meterAt(String name, Instant at) {
        Optional<Meter> found = Meter.<Meter>find(
                        "name = ?1 and installedAt <= ?2 and (removedAt is null or removedAt >= ?2)", name, at)
                .firstResultOptional();
        if (found.isPresent()) {
            return found.get();
        }
        Optional<Meter> first =
                Meter.<Meter>find("name = ?1 order by installedAt", name).firstResultOptional();
        if (first.isPresent() && at.isBefore(first.get().installedAt)) {
            throw new LedgerException(
                    LedgerException.Kind.INVALID,
                    ImportLimits.installedRefusal(
                            name,
                            at,
                            first.get().installedAt,
                            settings.current().zone(),
                            "Reading"));
        }
        throw new LedgerException(LedgerException.Kind.NOT_FOUND, "No meter [" + name + "] installed at [" + at + "]");
    }

    /** The shared counter rule ({@link CounterOrder}) against the stored neighbours; refused with the neighbour named. */
    private void checkNeighbours(Meter meter, Instant at, long importWh, Long exportWh) {
        neighbour(meter.id, at, true).ifPresent(prev -> {
            if (CounterOrder.backwards(prev.importWh(), prev.exportWh(), importWh, exportWh)) {
                throw new LedgerException(
                        LedgerException.Kind.INVALID,
                        "Counter would go backwards: [" + importWh + "/"
                                + exportWh + "] Wh at [" + at + "] is below the reading [" + prev.importWh() + "/"
                                + prev.exportWh() + "] Wh at [" + prev.readAt() + "]");
            }
        });
        neighbour(meter.id, at, false).ifPresent(next -> {
            if (CounterOrder.backwards(importWh, exportWh, next.importWh(), next.exportWh())) {
                throw new LedgerException(
                        LedgerException.Kind.INVALID,
                        "Counter would go backwards: [" + importWh + "/"
                                + exportWh + "] Wh at [" + at + "] is above the later reading [" + next.importWh() + "/"
                                + next.exportWh() + "] Wh at [" + next.readAt() + "]");
            }
        });
    }

    private Optional<Reading> neighbour(long meterId, Instant at, boolean before) {
        String sql = before
                ? "SELECT read_at, import_wh, export_wh, source FROM meter_reading WHERE meter_id = ?1 AND read_at < ?2"
                        + " ORDER BY read_at DESC LIMIT 1"
                : "SELECT read_at, import_wh, export_wh, source FROM meter_reading WHERE meter_id = ?1 AND read_at > ?2"
                        + " ORDER BY read_at LIMIT 1";
        return first(em.createNativeQuery(sql)
                .setParameter(1, meterId)
                .setParameter(2, Timestamp.from(at))
                .getResultList());
    }

    private Optional<Reading> reading(long meterId, Instant at) {
        return first(em.createNativeQuery("SELECT read_at, import_wh, export_wh, source FROM meter_reading"
                        + " WHERE meter_id = ?1 AND read_at = ?2")
                .setParameter(1, meterId)
                .setParameter(2, Timestamp.from(at))
                .getResultList());
    }

    private static Optional<Reading> first(List<?> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        return Optional.of(new Reading(
                toInstant(r[0]),
                ((Number) r[1]).longValue(),
                r[2] == null ? null : ((Number) r[2]).longValue(),
                (String) r[3]));
    }

    private static Instant toInstant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + o.getClass());
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new LedgerException(
                    LedgerException.Kind.INVALID, "A reason is required for every change of readings");
        }
    }
}
