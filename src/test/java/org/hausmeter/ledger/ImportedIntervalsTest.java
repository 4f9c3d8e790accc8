package org.hausmeter.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.hausmeter.ledger.persistence.ImportedIntervals;
import org.hausmeter.ledger.persistence.ImportedIntervals.OnConflict;
import org.hausmeter.ledger.persistence.IntervalStore;
import org.hausmeter.ledger.persistence.IntervalStore.ImportedQuarterHour;
import org.hausmeter.support.TestMeters;
import org.junit.jupiter.api.Test;

/** Imported quarter hours keep their provenance; a differing stored value is a conflict, never dropped silently. */
@QuarkusTest
class ImportedIntervalsTest {

    private static final Instant T0 = Instant.parse("2024-03-04T10:00:00Z");

    @Inject
    IntervalStore store;

    @Inject
    AgroalDataSource dataSource;

    private static ImportedQuarterHour q(long meter, int index, long wh, long position) {
        return new ImportedQuarterHour(
                meter, T0.plusSeconds(900L * index), wh, null, IntervalQuality.IMPORTED, position);
    }

    @Test
    void msconsValuesCarryMessageAndPosition_aDifferingSecondMessageIsAConflict_keepOrReplaceWithReason()
            throws SQLException {
        long m = TestMeters.common("prov").id;
        ImportedIntervals.Result first = store.storeImported(
                Provenance.mscons("MSG-1", "hauswart"),
                null,
                List.of(q(m, 0, 100, 4), q(m, 1, 110, 5)),
                OnConflict.REFUSE,
                null);
        assertThat(first.stored()).isTrue();
        assertThat(first.inserted()).isEqualTo(2);
        assertThat(source(m, 0)).isEqualTo("MSCONS message [MSG-1] position [4]");

        // Same value for quarter 0, a different one for quarter 1, a new quarter 2.
        List<ImportedQuarterHour> second = List.of(q(m, 0, 100, 7), q(m, 1, 999, 8), q(m, 2, 120, 9));
        ImportedIntervals.Result refused =
                store.storeImported(Provenance.mscons("MSG-2", "hauswart"), null, second, OnConflict.REFUSE, null);
        assertThat(refused.stored()).isFalse();
        assertThat(refused.conflictCount()).isEqualTo(1);
        ImportedIntervals.Conflict k = refused.conflicts().get(0);
        assertThat(k.storedImportWh()).isEqualTo(110);
        assertThat(k.newImportWh()).isEqualTo(999);
        assertThat(k.storedSource().toString()).isEqualTo("MSCONS message [MSG-1] position [5]");
        assertThat(k.newSource().toString()).isEqualTo("MSCONS message [MSG-2] position [8]");
        assertThat(importWh(m, 2)).isNull();

        assertThatThrownBy(() -> store.storeImported(
                        Provenance.mscons("MSG-2", "hauswart"), null, second, OnConflict.REPLACE, " "))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("reason");

        ImportedIntervals.Result kept =
                store.storeImported(Provenance.mscons("MSG-2", "hauswart"), null, second, OnConflict.KEEP, null);
        assertThat(kept.inserted()).isEqualTo(1);
        assertThat(kept.kept()).isEqualTo(1);
        assertThat(kept.unchanged()).isEqualTo(1);
        assertThat(importWh(m, 1)).isEqualTo(110);
        assertThat(source(m, 0)).isEqualTo("MSCONS message [MSG-1] position [4]");

        ImportedIntervals.Result replaced = store.storeImported(
                Provenance.mscons("MSG-3", "hauswart"),
                null,
                List.of(q(m, 1, 999, 3)),
                OnConflict.REPLACE,
                "operator corrected the value");
        assertThat(replaced.replaced()).isEqualTo(1);
        assertThat(importWh(m, 1)).isEqualTo(999);
        assertThat(source(m, 1)).isEqualTo("MSCONS message [MSG-3] position [3]");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT reason, before::text, after::text FROM audit_event"
                        + " WHERE action = 'import.replace' AND subject = 'import:MSG-3'")) {
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("operator corrected the value");
                assertThat(rs.getString(2)).contains("110").contains("MSG-1");
                assertThat(rs.getString(3)).contains("999").contains("MSG-3");
            }
        }
    }

    @Test
    void theDerivationNeverReplacesImportedRows_evenEstimatedOnes() throws SQLException {
        long m = TestMeters.common("prov-est").id;
        store.storeImported(
                Provenance.csv("hourly.csv", "hauswart"),
                null,
                List.of(new ImportedQuarterHour(m, T0, 25, null, IntervalQuality.ESTIMATED, 2)),
                OnConflict.REFUSE,
                null);
        store.replaceDerived(List.of(new IntervalStore.MeterRows(
                m, T0, T0.plusSeconds(3600), List.of(new IntervalValue(T0, 7, 0, IntervalQuality.ESTIMATED)))));
        assertThat(importWh(m, 0)).isEqualTo(25);
        assertThat(source(m, 0)).isEqualTo("CSV [hourly.csv] line [2]");
    }

    private Long importWh(long meter, int index) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT import_wh FROM interval_energy WHERE meter_id = ? AND interval_start = ?")) {
            ps.setLong(1, meter);
            ps.setTimestamp(2, java.sql.Timestamp.from(T0.plusSeconds(900L * index)));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private String source(long meter, int index) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT s.kind, s.name, e.source_position, s.actor, e.quality"
                        + " FROM interval_energy e LEFT JOIN import_source s ON s.id = e.source_id"
                        + " WHERE e.meter_id = ? AND e.interval_start = ?")) {
            ps.setLong(1, meter);
            ps.setTimestamp(2, java.sql.Timestamp.from(T0.plusSeconds(900L * index)));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long pos = rs.getLong(3);
                return ImportedIntervals.provenance(
                                rs.getString(1),
                                rs.getString(2),
                                rs.wasNull() ? null : pos,
                                rs.getString(4),
                                IntervalQuality.valueOf(rs.getString(5)))
                        .toString();
            }
        }
    }
}
