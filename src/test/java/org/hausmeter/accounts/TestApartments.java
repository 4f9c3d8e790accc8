package org.hausmeter.accounts;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.math.BigDecimal;
import java.time.Instant;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.accounts.persistence.Apartment;
import org.hausmeter.accounts.persistence.Tenancy;
import org.hausmeter.ledger.MeterRole;
import org.hausmeter.ledger.persistence.Meter;

/**
 * Apartments of tests' own, so tenancy changes never touch the demo's tenants (every @QuarkusTest shares one
 * database). The apartment's meter is not on any bus and was removed before today: it is never polled, never
 * reported silent, and takes manual readings only inside [installed, removed).
 */
public final class TestApartments {

    /** A test apartment and its meter. */
    public record Flat(String code, String meter, long apartmentId) {
    }

    private TestApartments() {
    }

    /** A fresh apartment with one APARTMENT meter installed over [installed, removed). */
    public static Flat create(String prefix, Instant installed, Instant removed) {
        String suffix = Long.toString(System.nanoTime() % 1_000_000, 36);
        return QuarkusTransaction.requiringNew().call(() -> {
            Apartment a = new Apartment();
            a.code = prefix + "-" + suffix;
            a.name = "Test flat " + suffix;
            a.areaM2 = new BigDecimal("50.00");
            a.persist();
            Meter m = new Meter();
            m.name = "tm-" + suffix;
            m.bus = "test";
            m.unitId = (short) (200 + Math.floorMod(suffix.hashCode(), 40));
            m.model = "eastron-sdm120";
            m.role = MeterRole.APARTMENT;
            m.apartment = a;
            m.installedAt = installed;
            m.removedAt = removed;
            m.persist();
            return new Flat(a.code, m.name, a.id);
        });
    }

    /**
     * Removes the test apartment with everything hanging on it (readings, quarter hours, flags, tenancies, draft
     * bills, monthly figures), so that later tests' bill runs and key comparisons see the demo building only.
     * Audit events stay: the log is append-only, and it names subjects only.
     */
    public static void remove(Flat flat) {
        QuarkusTransaction.requiringNew().run(() -> {
            var em = Apartment.getEntityManager();
            String meters = "(SELECT id FROM meter WHERE apartment_id = " + flat.apartmentId() + ")";
            String tenancies = "(SELECT id FROM tenancy WHERE apartment_id = " + flat.apartmentId() + ")";
            for (String sql : new String[] {
                    "DELETE FROM bill_line WHERE bill_id IN (SELECT id FROM bill WHERE apartment_id = " + flat.apartmentId()
                            + " AND status = 'DRAFT')",
                    "DELETE FROM bill WHERE apartment_id = " + flat.apartmentId() + " AND status = 'DRAFT'",
                    "DELETE FROM bill_adjustment WHERE tenancy_id IN " + tenancies,
                    "DELETE FROM apartment_month WHERE apartment_id = " + flat.apartmentId(),
                    "DELETE FROM interval_energy WHERE meter_id IN " + meters,
                    "DELETE FROM meter_reading WHERE meter_id IN " + meters,
                    "DELETE FROM review_flag WHERE meter_id IN " + meters,
                    "DELETE FROM tenancy WHERE apartment_id = " + flat.apartmentId(),
                    "DELETE FROM meter WHERE apartment_id = " + flat.apartmentId(),
                    "DELETE FROM apartment WHERE id = " + flat.apartmentId() }) {
                em.createNativeQuery(sql).executeUpdate();
            }
        });
    }

    /** A resident account without a password. */
    public static Account resident(String prefix) {
        String name = prefix + Long.toString(System.nanoTime() % 1_000_000, 36);
        return QuarkusTransaction.requiringNew().call(() -> {
            Account a = new Account();
            a.username = name;
            a.displayName = "Test " + name;
            a.role = Role.RESIDENT;
            a.createdAt = Instant.now();
            a.persist();
            return a;
        });
    }

    /** A tenancy [moveIn, moveOut) of the resident in the test apartment (moveOut null: running). */
    public static void tenancy(Flat flat, Account resident, Instant moveIn, Instant moveOut) {
        QuarkusTransaction.requiringNew().run(() -> {
            Tenancy t = new Tenancy();
            t.apartment = Apartment.findById(flat.apartmentId());
            t.resident = Account.findById(resident.id);
            t.moveIn = moveIn;
            t.moveOut = moveOut;
            t.persist();
        });
    }
}
