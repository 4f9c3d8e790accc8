package org.hausmeter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hausmeter.accounts.PasswordHasher;
import org.hausmeter.accounts.Role;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.accounts.persistence.Apartment;
import org.hausmeter.accounts.persistence.Tenancy;
import org.hausmeter.ledger.persistence.LedgerChecks;
import org.hausmeter.ledger.persistence.Meter;
import org.hausmeter.ledger.persistence.ReadingStore;
import org.junit.jupiter.api.Test;

/** The anomaly rules on stored data: a silent meter, an occupied apartment without consumption, a 3x jump. */
@QuarkusTest
class AnomalyChecksTest {

    @jakarta.inject.Inject
    java.time.Clock clock;

    @Inject
    LedgerChecks checks;

    @Inject
    ReadingStore store;

    @Inject
    AgroalDataSource db;

    @Test
    void silentMeter_idleOccupiedApartment_andConsumptionJump_areFlagged() throws Exception {
        Instant now = clock.instant().truncatedTo(ChronoUnit.HOURS);
        long[] ids = QuarkusTransaction.requiringNew().call(() -> {
            Apartment apt = new Apartment();
            apt.code = "Q-" + (System.nanoTime() % 100_000);
            apt.name = "Anomaly test flat";
            apt.persist();
            Account a = new Account();
            a.username = "anomaly" + System.nanoTime() % 100_000;
            a.displayName = "Anomaly Tester";
            a.role = Role.RESIDENT;
            a.passwordHash = PasswordHasher.hash("a long password", 4);
            a.createdAt = now;
            a.persist();
            Tenancy t = new Tenancy();
            t.apartment = apt;
            t.resident = a;
            // Moved in five days ago: occupied for the idle rule, yet no tenant of months that bill-run tests issue.
            t.moveIn = now.minus(Duration.ofDays(5));
            t.persist();
            Meter m = new Meter();
            m.name = "anomaly-" + System.nanoTime() % 100_000;
            m.bus = "anomaly-bus-" + m.name;
            m.unitId = 1;
            m.model = "eastron-sdm630";
            m.role = MeterRole.APARTMENT;
            m.apartment = apt;
            m.installedAt = now.minus(Duration.ofDays(500));
            m.persist();
            return new long[] {m.id, apt.id};
        });
        // A running tenancy without regular readings: other classes' bill runs must not see this flat.
        org.hausmeter.support.Leftovers.afterClass(org.hausmeter.support.Leftovers.apartment(ids[1]));
        findings(ids[0]);
    }

    private void findings(long meterId) throws Exception {
        Instant now = clock.instant().truncatedTo(ChronoUnit.HOURS);
        // Last answered three days ago.
        store.store(
                List.of(new CounterReading(meterId, now.minus(Duration.ofDays(3)), 1_000L, 0L, ReadingSource.POLL)));
        // Four days without any consumption, and (for the monthly rule) a busy last month after a quiet one.
        try (Connection c = db.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("INSERT INTO interval_energy (meter_id, interval_start, import_wh,"
                                + " export_wh, quality) VALUES (?, ?, ?, 0, 'MEASURED')")) {
            Instant start = Instant.ofEpochSecond(now.minus(Duration.ofDays(4)).getEpochSecond() / 900 * 900);
            for (Instant t = start; t.isBefore(now); t = t.plusSeconds(900)) {
                ps.setLong(1, meterId);
                ps.setTimestamp(2, Timestamp.from(t));
                ps.setLong(3, 0);
                ps.addBatch();
            }
            java.time.YearMonth thisMonth =
                    java.time.YearMonth.now(clock.withZone(java.time.ZoneId.of("Europe/Berlin")));
            Instant quiet = thisMonth
                    .minusMonths(3)
                    .atDay(10)
                    .atStartOfDay(java.time.ZoneId.of("Europe/Berlin"))
                    .toInstant();
            Instant busy = thisMonth
                    .minusMonths(2)
                    .atDay(10)
                    .atStartOfDay(java.time.ZoneId.of("Europe/Berlin"))
                    .toInstant();
            for (int i = 0; i < 4; i++) {
                ps.setLong(1, meterId);
                ps.setTimestamp(2, Timestamp.from(quiet.plusSeconds(900L * i)));
                ps.setLong(3, 1_000);
                ps.addBatch();
                ps.setLong(1, meterId);
                ps.setTimestamp(2, Timestamp.from(busy.plusSeconds(900L * i)));
                ps.setLong(3, 5_000);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        checks.anomalies();
        List<String> kinds = checks.openFlags().stream()
                .filter(f -> f.meterId() != null && f.meterId() == meterId)
                .map(LedgerChecks.Flag::kind)
                .toList();
        assertThat(kinds).contains("METER_SILENT", "NO_CONSUMPTION", "CONSUMPTION_JUMP");
        int before = checks.openFlags().size();
        checks.anomalies();
        assertThat(checks.openFlags()).as("the same findings, not copies").hasSize(before);
    }
}
