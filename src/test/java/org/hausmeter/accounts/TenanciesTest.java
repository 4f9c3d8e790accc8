package org.hausmeter.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.audit.persistence.AuditEvent;
import org.hausmeter.ledger.LedgerException;
import org.hausmeter.ledger.persistence.MeterReadings;
import org.junit.jupiter.api.Test;

/** Handovers on apartments of the test's own: move-out, move-in, tenant change at a local midnight, with the meter reading. */
@QuarkusTest
class TenanciesTest {

    @jakarta.inject.Inject
    java.time.Clock clock;

    private final java.util.List<TestApartments.Flat> flats = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void removeFlats() {
        flats.forEach(TestApartments::remove);
        flats.clear();
    }

    private TestApartments.Flat flat(String prefix) {
        TestApartments.Flat f = TestApartments.create(prefix, day("2026-06-01"), day("2026-07-01"));
        flats.add(f);
        return f;
    }

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Inject
    Tenancies tenancies;

    @Inject
    MeterReadings readings;

    static Instant day(String d) {
        return LocalDate.parse(d).atStartOfDay(BERLIN).toInstant();
    }

    @Test
    void tenantChange_endsTheOldTenancyAndStartsTheNewOne_atTheDaysStart_andRecordsTheHandoverReading() {
        TestApartments.Flat flat = flat("TC");
        Account old = TestApartments.resident("old");
        Account fresh = TestApartments.resident("new");
        TestApartments.tenancy(flat, old, day("2026-06-01"), null);
        readings.enter("test", flat.meter(), day("2026-06-01"), 1_000_000, null, "first reading");

        Tenancies.Handover h = tenancies.handover(
                flat.code(), LocalDate.parse("2026-06-15"), fresh.username, 1_123_456L, null, "caretaker-test");

        assertThat(h.at()).isEqualTo(Instant.parse("2026-06-14T22:00:00Z"));
        assertThat(h.ended().residentUsername()).isEqualTo(old.username);
        assertThat(h.ended().moveOut()).isEqualTo(h.at());
        assertThat(h.started().residentUsername()).isEqualTo(fresh.username);
        assertThat(h.started().moveIn()).isEqualTo(h.at());
        assertThat(h.readingEntered()).isTrue();
        assertThat(h.meter()).isEqualTo(flat.meter());
        assertThat(tenancies.ofApartment(flat.code()))
                .extracting(
                        Tenancies.TenancyView::residentUsername,
                        Tenancies.TenancyView::moveIn,
                        Tenancies.TenancyView::moveOut)
                .containsExactly(tuple(fresh.username, h.at(), null), tuple(old.username, day("2026-06-01"), h.at()));
        assertThat(readings.readings(flat.meter(), h.at(), h.at().plusSeconds(1)))
                .extracting(MeterReadings.Reading::importWh, MeterReadings.Reading::source)
                .containsExactly(tuple(1_123_456L, "MANUAL"));
        List<String> actions = QuarkusTransaction.requiringNew()
                .call(() -> AuditEvent.<AuditEvent>list("subject = ?1 order by id", "apartment:" + flat.code()).stream()
                        .map(e -> e.action + "/" + e.actor)
                        .toList());
        assertThat(actions).containsExactly("tenancy.end/caretaker-test", "tenancy.start/caretaker-test");
        String reason = QuarkusTransaction.requiringNew()
                .call(
                        () -> AuditEvent.<AuditEvent>find(
                                        "subject = ?1 and action = 'reading.enter'", "meter:" + flat.meter())
                                .list()
                                .stream()
                                .map(e -> ((AuditEvent) e).reason)
                                .filter(r -> r.startsWith("handover"))
                                .findFirst()
                                .orElseThrow());
        assertThat(reason)
                .contains(flat.code())
                .contains("2026-06-15")
                .contains(old.displayName)
                .contains(fresh.displayName);
    }

    @Test
    void moveOut_leavesTheApartmentVacant_andAMoveIntoAVacantApartmentStartsATenancy_withTheStoredReadingReported() {
        TestApartments.Flat flat = flat("TV");
        Account first = TestApartments.resident("first");
        Account second = TestApartments.resident("second");
        TestApartments.tenancy(flat, first, day("2026-06-01"), null);
        readings.enter("test", flat.meter(), day("2026-06-20"), 2_000_000, null, "read on the 20th");

        Tenancies.Handover out =
                tenancies.handover(flat.code(), LocalDate.parse("2026-06-20"), null, null, null, "caretaker-test");
        assertThat(out.ended().moveOut()).isEqualTo(day("2026-06-20"));
        assertThat(out.started()).isNull();
        assertThat(out.readingEntered()).isFalse();
        assertThat(out.reading().importWh())
                .as("the stored reading at the handover")
                .isEqualTo(2_000_000L);

        Tenancies.Handover in = tenancies.handover(
                flat.code(), LocalDate.parse("2026-06-25"), second.username, null, null, "caretaker-test");
        assertThat(in.ended()).isNull();
        assertThat(in.started().moveIn()).isEqualTo(day("2026-06-25"));
        assertThat(in.reading()).as("no reading within 15 minutes of the 25th").isNull();
        assertThat(tenancies.ofApartment(flat.code())).hasSize(2);
    }

    @Test
    void refusals_nameTheReason_andChangeNothing() {
        TestApartments.Flat flat = flat("TR");
        Account tenant = TestApartments.resident("tenant");
        Account other = TestApartments.resident("other");
        TestApartments.tenancy(flat, tenant, day("2026-06-01"), null);
        readings.enter("test", flat.meter(), day("2026-06-10"), 3_000_000, null, "read on the 10th");

        // A reading below the stored one: the whole handover is rolled back.
        assertThatThrownBy(() -> tenancies.handover(
                        flat.code(), LocalDate.parse("2026-06-12"), other.username, 2_000_000L, null, "caretaker-test"))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("backwards");
        assertThat(tenancies.ofApartment(flat.code()))
                .singleElement()
                .satisfies(t -> assertThat(t.moveOut()).isNull());
        // The same resident again, nobody into a vacant apartment, a handover on the tenancy's first day.
        assertThatThrownBy(() -> tenancies.handover(
                        flat.code(), LocalDate.parse("2026-06-12"), tenant.username, null, null, "x"))
                .isInstanceOf(AccountException.class)
                .hasMessageContaining("already lives");
        assertThatThrownBy(() ->
                        tenancies.handover(flat.code(), LocalDate.parse("2026-06-01"), other.username, null, null, "x"))
                .isInstanceOf(AccountException.class)
                .hasMessageContaining("begins on 2026-06-01");
        assertThatThrownBy(() -> tenancies.handover(flat.code(), LocalDate.parse("2026-05-20"), null, null, null, "x"))
                .isInstanceOf(AccountException.class)
                .hasMessageContaining("vacant");
        // A reading for a handover that is still ahead, an unknown resident and apartment.
        assertThatThrownBy(() -> tenancies.handover(
                        flat.code(),
                        LocalDate.now(clock.withZone(BERLIN)).plusDays(3),
                        other.username,
                        5_000_000L,
                        null,
                        "x"))
                .isInstanceOf(AccountException.class)
                .hasMessageContaining("still ahead");
        assertThatThrownBy(() ->
                        tenancies.handover(flat.code(), LocalDate.parse("2026-06-12"), "nobody-here", null, null, "x"))
                .isInstanceOf(AccountException.class)
                .hasMessageContaining("No resident");
        assertThatThrownBy(() ->
                        tenancies.handover("Z-404", LocalDate.parse("2026-06-12"), other.username, null, null, "x"))
                .isInstanceOf(AccountException.class)
                .hasMessageContaining("No apartment");
        assertThat(tenancies.ofApartment(flat.code()))
                .singleElement()
                .satisfies(t -> assertThat(t.moveOut()).isNull());
    }

    @Test
    void aMoveInBeforeALaterTenancy_isRefused_insteadOfOverlapping() {
        TestApartments.Flat flat = flat("TL");
        Account later = TestApartments.resident("later");
        Account early = TestApartments.resident("early");
        TestApartments.tenancy(flat, later, day("2026-06-20"), null);
        assertThatThrownBy(() ->
                        tenancies.handover(flat.code(), LocalDate.parse("2026-06-05"), early.username, null, null, "x"))
                .isInstanceOf(AccountException.class)
                .hasMessageContaining("later tenancy");
    }

    @Test
    void apartments_listEveryApartmentWithItsTenantNow() {
        List<Tenancies.ApartmentView> all = tenancies.apartments();
        Tenancies.ApartmentView a21 =
                all.stream().filter(a -> a.code().equals("A-2.1")).findFirst().orElseThrow();
        assertThat(a21.current().residentUsername()).isEqualTo("fatma");
        assertThat(a21.meters()).containsExactly("apt-2.1");
        assertThat(tenancies.apartment("A-0.1").orElseThrow().current().residentName())
                .isEqualTo("Anna Berger");
    }
}
