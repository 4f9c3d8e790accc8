package org.hausmeter.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.hausmeter.accounts.PasswordHasher;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.accounts.persistence.Apartment;
import org.hausmeter.accounts.persistence.Tenancy;
import org.hausmeter.ledger.persistence.Meter;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DemoBuildingTest {

    @Inject
    DemoBuilding demo;

    @Test
    void seed_isIdempotent() {
        long apartments = QuarkusTransaction.requiringNew().call(() -> Apartment.count());
        long meters = QuarkusTransaction.requiringNew().call(() -> Meter.count());
        boolean createdAgain = QuarkusTransaction.requiringNew().call(demo::seed);
        assertThat(createdAgain).isFalse();
        long apartmentsAfter = QuarkusTransaction.requiringNew().call(() -> Apartment.count());
        long metersAfter = QuarkusTransaction.requiringNew().call(() -> Meter.count());
        assertThat(apartmentsAfter).isEqualTo(apartments);
        assertThat(metersAfter).isEqualTo(meters);
    }

    @Test
    void demoLogins_matchTheirBcryptHashes() {
        for (DemoBuilding.DemoLogin login : DemoBuilding.LOGINS) {
            // The hash is read in a short transaction; the bcrypt checks run outside it (on a loaded machine they
            // take seconds each, and a transaction held across all of them ran into its 60 s timeout).
            String hash = QuarkusTransaction.requiringNew()
                    .call(() -> Account.findByUsername(login.username()).orElseThrow().passwordHash);
            assertThat(hash).startsWith("$2");
            assertThat(PasswordHasher.matches(login.password(), hash)).isTrue();
            assertThat(PasswordHasher.matches(login.password() + "x", hash)).isFalse();
        }
    }

    @Test
    void tenantChange_splitsOneApartmentAtAHandover() {
        QuarkusTransaction.requiringNew().run(() -> {
            var tenancies = Tenancy.<Tenancy>list("apartment.code = ?1 order by moveIn", "A-2.1");
            assertThat(tenancies).hasSize(2);
            assertThat(tenancies.get(0).moveOut).isEqualTo(tenancies.get(1).moveIn);
        });
    }
}
