package org.hausmeter.accounts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.accounts.persistence.Apartment;
import org.hausmeter.accounts.persistence.Tenancy;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PrivacyTest {

    @jakarta.inject.Inject
    org.hausmeter.support.DemoHistory history;

    @jakarta.inject.Inject
    java.time.Clock clock;

    @Inject
    Privacy privacy;

    @Test
    void resident_exportsTheirOwnApartmentsQuarterHours_only() throws Exception {
        Instant from = Instant.parse("2025-09-01T22:00:00Z");
        Instant to = Instant.parse("2025-09-02T22:00:00Z");
        history.between(from, to);
        String csv = given().auth()
                .preemptive()
                .basic("anna", "anna-demo")
                .queryParam("from", from.toString())
                .queryParam("to", to.toString())
                .when()
                .get("/api/me/intervals.csv")
                .then()
                .statusCode(200)
                .contentType("text/csv")
                .extract()
                .asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("apartment,meter,interval_start_utc,import_kwh,export_kwh,quality,source");
        assertThat(lines).hasSize(1 + 96);
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.startsWith("A-0.1,apt-0.1,"));
        given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .queryParam("from", from.toString())
                .queryParam("to", to.toString())
                .when()
                .get("/api/me/intervals.csv")
                .then()
                .statusCode(403);
        given().when().get("/api/me/intervals.csv").then().statusCode(401);
    }

    @Test
    void formerResident_isErasedAfterTheRetention_butTheTenancyStays() {
        Instant now = clock.instant();
        long[] ids = QuarkusTransaction.requiringNew().call(() -> {
            Apartment apt = new Apartment();
            apt.code = "P-" + (System.nanoTime() % 100_000);
            apt.name = "Privacy test flat";
            apt.persist();
            Account old = resident("old" + System.nanoTime() % 100_000);
            Account recent = resident("recent" + System.nanoTime() % 100_000);
            tenancy(apt, old, now.minus(2000, ChronoUnit.DAYS), now.minus(1500, ChronoUnit.DAYS));
            tenancy(apt, recent, now.minus(1500, ChronoUnit.DAYS), now.minus(300, ChronoUnit.DAYS));
            return new long[] {old.id, recent.id, apt.id};
        });
        try {
            erase(ids);
        } finally {
            // The flat has tenancies in billable months but no meter: other tests' bill runs must not see it.
            TestApartments.remove(new TestApartments.Flat("P", null, ids[2]));
        }
    }

    private void erase(long[] ids) {
        List<Long> erased = privacy.eraseExpired();
        assertThat(erased).contains(ids[0]).doesNotContain(ids[1]);
        QuarkusTransaction.requiringNew().run(() -> {
            Account old = Account.findById(ids[0]);
            assertThat(old.username).isEqualTo("erased-" + ids[0]);
            assertThat(old.displayName).isEqualTo("Former resident");
            assertThat(old.passwordHash).isNull();
            assertThat(Tenancy.count("resident.id", ids[0])).isEqualTo(1);
            assertThat(Account.<Account>findById(ids[1]).username).startsWith("recent");
        });
        assertThat(privacy.eraseExpired()).doesNotContain(ids[0]);
    }

    private static Account resident(String username) {
        Account a = new Account();
        a.username = username;
        a.displayName = "Test " + username;
        a.email = username + "@example.org";
        a.role = Role.RESIDENT;
        a.passwordHash = PasswordHasher.hash("a long password", 4);
        a.createdAt = org.hausmeter.support.TestTime.PINNED;
        a.persist();
        return a;
    }

    private static void tenancy(Apartment apt, Account who, Instant in, Instant out) {
        Tenancy t = new Tenancy();
        t.apartment = apt;
        t.resident = who;
        t.moveIn = in;
        t.moveOut = out;
        t.persist();
    }
}
