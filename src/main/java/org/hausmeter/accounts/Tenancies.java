package org.hausmeter.accounts;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.accounts.persistence.Apartment;
import org.hausmeter.accounts.persistence.Tenancy;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.ledger.MeterRole;
import org.hausmeter.ledger.persistence.Meter;
import org.hausmeter.ledger.persistence.MeterReadings;
import org.hausmeter.ledger.persistence.ReadingChanges;

/**
 * Who lives where: the apartments with their tenancies, and the caretaker's handover (move-out,
 * move-in or both on one day). A handover happens at the start of a local day in the building's
 * zone, the boundary bills are split at: the old tenancy ends and the new one begins at that instant.
 * The apartment meter's counter at the handover is entered as a manual reading (reason "handover …")
 * when the caretaker read it off the meter, else the stored reading nearest to the instant is reported.
 * A handover that would change an issued bill, or move a charging session to another tenant, is
 * refused: the bill has to be cancelled first. Every change is audited.
 */
@ApplicationScoped
public class Tenancies {

    /** How far from the handover instant a stored reading still counts as the handover reading. */
    static final Duration READING_WINDOW = Intervals.LENGTH;

    /** A tenancy, [moveIn, moveOut); moveOut null while it runs. */
    public record TenancyView(
            long id,
            String apartmentCode,
            long residentId,
            String residentUsername,
            String residentName,
            Instant moveIn,
            Instant moveOut) {}

    /**
     * An apartment now.
     *
     * @param meters  names of its meters installed now
     * @param current the tenancy running now, or null when vacant
     * @param next    a tenancy starting later, or null
     */
    public record ApartmentView(
            long id,
            String code,
            String name,
            Integer floor,
            BigDecimal areaM2,
            List<String> meters,
            TenancyView current,
            TenancyView next) {}

    /**
     * What a handover did.
     *
     * @param at             the handover instant (start of the local day)
     * @param ended          the tenancy that ended at {@code at}, or null (the apartment was vacant)
     * @param started        the tenancy that begins at {@code at}, or null (the apartment stays vacant)
     * @param meter          the apartment meter, or null when it has none (or several)
     * @param reading        the counter at the handover: the entered one, or the stored one nearest to {@code at}
     *                       within 15 minutes; null when there is none
     * @param readingEntered true when the caretaker entered the reading with this handover
     */
    public record Handover(
            String apartmentCode,
            Instant at,
            TenancyView ended,
            TenancyView started,
            String meter,
            MeterReadings.Reading reading,
            boolean readingEntered) {}

    private final Clock clock;
    private final AuditLog audit;
    private final BuildingSettings settings;
    private final MeterReadings readings;
    private final ReadingChanges changes;
    private final EntityManager em;

    Tenancies(
            Clock clock,
            AuditLog audit,
            BuildingSettings settings,
            MeterReadings readings,
            ReadingChanges changes,
            EntityManager em) {
        this.clock = clock;
        this.audit = audit;
        this.settings = settings;
        this.readings = readings;
        this.changes = changes;
        this.em = em;
    }

    /** Every apartment, by code, with its tenancy now and the next one. */
    @Transactional
    public List<ApartmentView> apartments() {
        Instant now = clock.instant();
        Map<Long, List<Tenancy>> byApartment = new LinkedHashMap<>();
        for (Tenancy t : Tenancy.<Tenancy>list("select t from Tenancy t join fetch t.resident order by t.moveIn")) {
            byApartment.computeIfAbsent(t.apartment.id, k -> new ArrayList<>()).add(t);
        }
        Map<Long, List<String>> meters = new LinkedHashMap<>();
        for (Meter m : Meter.<Meter>list(
                "apartment is not null and installedAt <= ?1 and (removedAt is null or removedAt > ?1)"
                        + " order by name",
                now)) {
            meters.computeIfAbsent(m.apartment.id, k -> new ArrayList<>()).add(m.name);
        }
        List<ApartmentView> out = new ArrayList<>();
        for (Apartment a : Apartment.<Apartment>list("order by code")) {
            out.add(view(a, byApartment.getOrDefault(a.id, List.of()), meters.getOrDefault(a.id, List.of()), now));
        }
        return out;
    }

    /** One apartment now. */
    @Transactional
    public Optional<ApartmentView> apartment(String code) {
        Instant now = clock.instant();
        return Apartment.findByCode(code == null ? "" : code)
                .map(a -> view(
                        a,
                        Tenancy.<Tenancy>list(
                                "select t from Tenancy t join fetch t.resident where t.apartment = ?1 order by t.moveIn",
                                a),
                        Meter.<Meter>list(
                                        "apartment = ?1 and installedAt <= ?2 and (removedAt is null or removedAt > ?2) order by name",
                                        a,
                                        now)
                                .stream()
                                .map(m -> m.name)
                                .toList(),
                        now));
    }

    /** The apartment's tenancies, newest first. */
    @Transactional
    public List<TenancyView> ofApartment(String code) {
        return Tenancy.<Tenancy>list(
                        "select t from Tenancy t join fetch t.resident join fetch t.apartment a"
                                + " where a.code = ?1 order by t.moveIn desc",
                        code)
                .stream()
                .map(Tenancies::view)
                .toList();
    }

    /** The resident's tenancies, newest first. */
    @Transactional
    public List<TenancyView> ofResident(long residentId) {
        return Tenancy.<Tenancy>list(
                        "select t from Tenancy t join fetch t.resident r join fetch t.apartment"
                                + " where r.id = ?1 order by t.moveIn desc",
                        residentId)
                .stream()
                .map(Tenancies::view)
                .toList();
    }

    /**
     * A tenancy of {@code resident} in a vacant apartment from the start of {@code day} (building zone), running
     * until a later handover: a handover on a day the apartment is vacant (refused when it is let then).
     *
     * @throws AccountException naming the field: {@code apartment} (unknown, or let on that day), {@code resident},
     *     {@code moveIn}
     */
    public Handover moveIn(String apartmentCode, LocalDate day, String resident, String actor) {
        if (day == null) {
            throw new AccountException(AccountException.Kind.INVALID, "moveIn", "A tenancy needs its [moveIn] day");
        }
        if (resident == null || resident.isBlank()) {
            throw new AccountException(AccountException.Kind.INVALID, "resident", "A tenancy needs its [resident]");
        }
        if (Account.findByUsername(resident.strip())
                .filter(r -> r.role == Role.RESIDENT)
                .isEmpty()) {
            throw new AccountException(AccountException.Kind.NOT_FOUND, "resident", "No resident [" + resident + "]");
        }
        Instant at = Intervals.dayStart(day, settings.current().zone());
        for (TenancyView t : ofApartment(apartmentCode)) {
            if (!t.moveIn().isAfter(at) && (t.moveOut() == null || t.moveOut().isAfter(at))) {
                throw new AccountException(
                                AccountException.Kind.CONFLICT,
                                "apartment",
                                "Apartment " + apartmentCode + " is let to " + t.residentName() + " on " + day
                                        + ": record a handover instead")
                        .coded("apartment_let", apartmentCode, t.residentName(), day);
            }
        }
        return handover(apartmentCode, day, resident, null, null, actor);
    }

    /**
     * A handover at the start of {@code day} (building zone): the tenancy running then ends, and
     * {@code newResident} (if given) moves in. With {@code importWh} the apartment meter's counter is
     * entered as a manual reading at that instant (only for a moment that has passed) and the quarter
     * hours around it are derived again.
     *
     * @param newResident username of the resident moving in, or null to leave the apartment vacant
     * @param importWh    counter read off the meter at the handover, Wh, or null
     * @param exportWh    export counter, Wh, or null
     * @throws AccountException for an unknown apartment or resident, nothing to do, an overlap with a later
     *     tenancy, an issued bill or a charging session after the handover
     * @throws org.hausmeter.ledger.LedgerException when the reading contradicts the meter's stored readings
     */
    public Handover handover(
            String apartmentCode, LocalDate day, String newResident, Long importWh, Long exportWh, String actor) {
        if (day == null) {
            throw new AccountException(AccountException.Kind.INVALID, "A handover needs its day");
        }
        Handover h = QuarkusTransaction.requiringNew()
                .call(() -> change(apartmentCode, day, newResident, importWh, exportWh, actor));
        if (h.readingEntered()) {
            changes.rederive(h.meter(), h.at());
        }
        return h;
    }

    private Handover change(
            String code, LocalDate day, String newResident, Long importWh, Long exportWh, String actor) {
        ZoneId zone = settings.current().zone();
        Instant at = Intervals.dayStart(day, zone);
        Instant now = clock.instant();
        Apartment apartment = Apartment.findByCode(code == null ? "" : code)
                .orElseThrow(() -> new AccountException(
                        AccountException.Kind.NOT_FOUND, "apartment", "No apartment [" + code + "]"));
        Account resident = null;
        if (newResident != null && !newResident.isBlank()) {
            resident = Account.findByUsername(newResident.strip())
                    .filter(a -> a.role == Role.RESIDENT)
                    .orElseThrow(() -> new AccountException(
                            AccountException.Kind.NOT_FOUND, "resident", "No resident [" + newResident + "]"));
            if (!resident.active) {
                throw new AccountException(
                        AccountException.Kind.CONFLICT, "Resident [" + resident.username + "] is deactivated");
            }
        }
        List<Tenancy> all = Tenancy.list("apartment = ?1 order by moveIn", apartment);
        Tenancy current = null;
        for (Tenancy t : all) {
            if (!t.moveIn.isAfter(at) && (t.moveOut == null || t.moveOut.isAfter(at))) {
                current = t;
            }
        }
        if (current == null && resident == null) {
            throw new AccountException(
                            AccountException.Kind.INVALID,
                            "Apartment " + code + " is vacant on " + day + ": choose who moves in")
                    .coded("apartment_vacant", code, day);
        }
        if (current != null && current.moveIn.equals(at)) {
            throw new AccountException(
                            AccountException.Kind.CONFLICT,
                            "The tenancy of " + current.resident.displayName + " in " + code + " begins on " + day
                                    + ": a handover on the same day would leave it empty")
                    .coded("handover_same_day", current.resident.displayName, code, day);
        }
        if (current != null && resident != null && current.resident.id.equals(resident.id)) {
            throw new AccountException(
                            AccountException.Kind.INVALID,
                            resident.displayName + " already lives in " + code + " on " + day)
                    .coded("already_lives_there", resident.displayName, code, day);
        }
        for (Tenancy t : all) {
            if (t.moveIn.isAfter(at) && resident != null) {
                throw new AccountException(
                                AccountException.Kind.CONFLICT,
                                "A later tenancy of " + t.resident.displayName + " in " + code + " begins "
                                        + LocalDate.ofInstant(t.moveIn, zone) + ": change that one first")
                        .coded("later_tenancy", t.resident.displayName, code, LocalDate.ofInstant(t.moveIn, zone));
            }
        }
        if (current != null && current.moveOut != null && resident != null) {
            throw new AccountException(
                            AccountException.Kind.CONFLICT,
                            "The tenancy of " + current.resident.displayName + " in " + code + " already ends "
                                    + LocalDate.ofInstant(current.moveOut, zone))
                    .coded(
                            "tenancy_ends",
                            current.resident.displayName,
                            code,
                            LocalDate.ofInstant(current.moveOut, zone));
        }
        requireNoIssuedBillAfter(apartment, at, code);
        Meter meter = null;
        List<Meter> meters = Meter.list(
                "apartment = ?1 and role = ?2 and installedAt <= ?3 and (removedAt is null or removedAt > ?3)",
                apartment,
                MeterRole.APARTMENT,
                at);
        if (meters.size() == 1) {
            meter = meters.get(0);
        }
        if (importWh != null) {
            if (at.isAfter(now)) {
                throw new AccountException(
                        AccountException.Kind.INVALID,
                        "The handover on " + day + " is still ahead:"
                                + " enter its meter reading on the day, or record the handover without one now");
            }
            if (meter == null) {
                throw new AccountException(
                        AccountException.Kind.CONFLICT,
                        "Apartment " + code + " has " + meters.size() + " apartment meters on " + day
                                + ": enter the readings on each meter's page");
            }
        }

        TenancyView ended = null;
        if (current != null) {
            requireNoSessionsAfter(current, at);
            TenancyView before = view(current);
            current.moveOut = at;
            // Hibernate flushes inserts before updates: end the old tenancy first, or the new one overlaps it.
            em.flush();
            ended = view(current);
            audit.record(actor, "tenancy.end", "apartment:" + code, before, ended, "handover " + day);
        }
        TenancyView started = null;
        if (resident != null) {
            Tenancy t = new Tenancy();
            t.apartment = apartment;
            t.resident = resident;
            t.moveIn = at;
            t.moveOut = null;
            t.persist();
            em.flush();
            started = view(t);
            audit.record(actor, "tenancy.start", "apartment:" + code, null, started, "handover " + day);
        }
        em.flush();
        MeterReadings.Reading reading = null;
        boolean entered = false;
        if (importWh != null) {
            String reason = "handover " + code + " " + day + ": " + (ended == null ? "vacant" : ended.residentName())
                    + " → " + (started == null ? "vacant" : started.residentName());
            readings.enter(actor, meter.name, at, importWh, exportWh, reason);
            reading = new MeterReadings.Reading(at, importWh, exportWh, "MANUAL");
            entered = true;
        } else if (meter != null && !at.isAfter(now)) {
            reading = nearest(meter.name, at).orElse(null);
        }
        return new Handover(code, at, ended, started, meter == null ? null : meter.name, reading, entered);
    }

    private Optional<MeterReadings.Reading> nearest(String meter, Instant at) {
        return readings
                .readings(
                        meter, at.minus(READING_WINDOW), at.plus(READING_WINDOW).plusMillis(1))
                .stream()
                .min(java.util.Comparator.comparing(
                        r -> Duration.between(r.readAt(), at).abs()));
    }

    private void requireNoIssuedBillAfter(Apartment apartment, Instant at, String code) {
        @SuppressWarnings("unchecked")
        List<Object> numbers = em.createNativeQuery(
                        "SELECT number FROM bill WHERE apartment_id = ?1 AND kind = 'INVOICE'"
                                + " AND status = 'ISSUED' AND period_to > ?2 ORDER BY period_from")
                .setParameter(1, apartment.id)
                .setParameter(2, Timestamp.from(at))
                .getResultList();
        if (!numbers.isEmpty()) {
            throw new AccountException(
                    AccountException.Kind.CONFLICT,
                    "Issued bill " + numbers.get(0) + " of " + code
                            + " covers days after the handover: cancel it first (Billing), then record the handover");
        }
    }

    private void requireNoSessionsAfter(Tenancy t, Instant at) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery(
                        "SELECT id FROM charging_session WHERE tenancy_id = ?1 AND started_at >= ?2"
                                + " ORDER BY started_at")
                .setParameter(1, t.id)
                .setParameter(2, Timestamp.from(at))
                .getResultList();
        if (!ids.isEmpty()) {
            throw new AccountException(
                    AccountException.Kind.CONFLICT,
                    "Charging session " + ids.get(0) + " of " + t.resident.displayName
                            + " started after the handover: a handover cannot move it to another tenant");
        }
    }

    private static ApartmentView view(Apartment a, List<Tenancy> tenancies, List<String> meters, Instant now) {
        TenancyView current = null;
        TenancyView next = null;
        for (Tenancy t : tenancies) {
            if (!t.moveIn.isAfter(now) && (t.moveOut == null || t.moveOut.isAfter(now))) {
                current = view(t);
            } else if (t.moveIn.isAfter(now) && next == null) {
                next = view(t);
            }
        }
        return new ApartmentView(a.id, a.code, a.name, a.floor, a.areaM2, List.copyOf(meters), current, next);
    }

    private static TenancyView view(Tenancy t) {
        return new TenancyView(
                t.id,
                t.apartment.code,
                t.resident.id,
                t.resident.username,
                t.resident.displayName,
                t.moveIn,
                t.moveOut);
    }
}
