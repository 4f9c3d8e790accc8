package org.hausmeter.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import org.hausmeter.audit.persistence.AuditEvent;
import org.hausmeter.ledger.persistence.LedgerChecks;
import org.junit.jupiter.api.Test;

/** Resolving a review flag: it leaves the open list, stays in the table, is audited with the note, and a re-found flag stays resolved. */
@QuarkusTest
class ReviewFlagResolveTest {

    @Inject
    LedgerChecks checks;

    @Inject
    AgroalDataSource db;

    static long flag(AgroalDataSource db, String kind, Instant from) throws Exception {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO review_flag (kind, meter_id,"
                        + " period_start, period_end, detail, size_wh) VALUES (?, (SELECT id FROM meter WHERE name = 'apt-1.1'"
                        + " AND removed_at IS NULL), ?, ?, 'test finding', 1234) RETURNING id")) {
            ps.setString(1, kind);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(from.plusSeconds(3600)));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void resolve_closesTheFlag_auditsTheNote_andARepeatedFindingStaysResolved() throws Exception {
        Instant from = Instant.parse("2026-02-03T10:00:00Z");
        long id = flag(db, "TEST_RESOLVE", from);
        assertThat(checks.openFlags()).extracting(LedgerChecks.Flag::id).contains(id);

        LedgerChecks.Flag before = checks.resolve(id, "caretaker-test", "  meter read on site, value plausible ");

        assertThat(before.meter()).isEqualTo("apt-1.1");
        assertThat(checks.openFlags()).extracting(LedgerChecks.Flag::id).doesNotContain(id);
        AuditEvent e = QuarkusTransaction.requiringNew()
                .call(() -> AuditEvent.<AuditEvent>find("subject = ?1", "review-flag:" + id)
                        .firstResult());
        assertThat(e.action).isEqualTo("review-flag.resolve");
        assertThat(e.reason).isEqualTo("meter read on site, value plausible");
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO review_flag (kind, meter_id,"
                        + " period_start, period_end, detail) SELECT kind, meter_id, period_start, period_end, detail FROM review_flag"
                        + " WHERE id = ? ON CONFLICT DO NOTHING")) {
            ps.setLong(1, id);
            assertThat(ps.executeUpdate())
                    .as("the same finding again is not a new flag")
                    .isZero();
        }
        assertThatThrownBy(() -> checks.resolve(id, "caretaker-test", "again"))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("was resolved by [caretaker-test]");
    }

    @Test
    void resolve_needsANote_andAnExistingFlag() throws Exception {
        long id = flag(db, "TEST_NOTE", Instant.parse("2026-02-04T10:00:00Z"));
        assertThatThrownBy(() -> checks.resolve(id, "caretaker-test", " "))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("note");
        assertThat(checks.openFlags()).extracting(LedgerChecks.Flag::id).contains(id);
        assertThatThrownBy(() -> checks.resolve(-1, "caretaker-test", "x"))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("No review flag");
        checks.resolve(id, "caretaker-test", "test flag, not a finding");
    }
}
