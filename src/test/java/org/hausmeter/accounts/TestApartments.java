package org.hausmeter.accounts;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.math.BigDecimal;
import java.time.Instant;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.accounts.persistence.Apartment;
import org.hausmeter.accounts.persistence.Tenancy;
import org.hausmeter.ledger.MeterRole;
import org.hausmeter.ledger.persistence.Meter;
import org.hausmeter.support.Leftovers;

/**
 * Apartments of tests' own, so tenancy changes never touch the demo's tenants (every @QuarkusTest shares one
 * database) and are removed when the test class ends ({@link Leftovers}). The apartment's meter is not on any bus and was removed before today: it is never polled, never
 * reported silent, and takes manual readings only inside [installed, removed).
 */
public final class TestApartments {

    /** A test apartment and its meter. */
    public record Flat(String code, String meter, long apartmentId) {}

    private TestApartments() {}

    /** A fresh apartment with one APARTMENT meter installed over [installed, removed). */
    public static Flat create(String prefix, Instant installed, Instant removed) {
        String suffix = Long.toString(System.nanoTime() % 1_000_000, 36);
        Flat flat = QuarkusTransaction.requiringNew().call(() -> {
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
        // Other classes' bill runs and key comparisons must see the demo's apartments only.
        Leftovers.afterClass(Leftovers.apartment(flat.apartmentId()));
        return flat;
    }

    /**
     * Removes the test apartment now, with everything hanging on it (see {@link Leftovers#apartment}); without
     * this call it is removed when the test class ends.
     */
    public static void remove(Flat flat) {
        QuarkusTransaction.requiringNew().run(() -> {
            var em = Apartment.getEntityManager();
            for (String sql : Leftovers.apartment(flat.apartmentId())) {
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
            a.createdAt = org.hausmeter.support.TestTime.PINNED;
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
