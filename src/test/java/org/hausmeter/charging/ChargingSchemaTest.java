package org.hausmeter.charging;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The charging tables refuse what the domain forbids, whatever the Java code does (V20). */
@QuarkusTest
@TestProfile(ChargingTestProfile.class)
class ChargingSchemaTest {

    private static final String CHECK = "23514";
    private static final String UNIQUE = "23505";

    @Inject
    AgroalDataSource db;

    private void exec(String sql) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void assertRejected(String state, String sql) {
        assertThatThrownBy(() -> exec(sql))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((SQLException) e).getSQLState())
                        .as(sql)
                        .isEqualTo(state));
    }

    private static final String ANNA = "(SELECT id FROM account WHERE username = 'anna')";
    private static final String TENANCY = "(SELECT id FROM tenancy WHERE resident_id = " + ANNA + " LIMIT 1)";
    private static final String METER = "(SELECT id FROM meter WHERE name = 'charger-1' AND removed_at IS NULL)";

    private static String session(String charger, String uid, String start, String rest) {
        return "INSERT INTO charging_session (charger, meter_id, card_uid, resident_id, tenancy_id, started_at, ended_at, start_wh,"
                + " end_wh, status, end_reason, seen_power, flag_reason, source) VALUES ('" + charger + "', " + METER
                + ", '" + uid
                + "', " + ANNA + ", " + TENANCY + ", '" + start + "', " + rest + ")";
    }

    @Test
    void cards_refuseRandomIds_badUids_caretakers_andDuplicates() throws SQLException {
        String insert = "INSERT INTO charging_card (uid, resident_id, registered_at, registered_by) VALUES ";
        assertRejected(CHECK, insert + "('08A1B2C3', " + ANNA + ", timestamptz '2026-11-20 09:00Z', 'x')");
        assertRejected(CHECK, insert + "('04a1b2c3', " + ANNA + ", timestamptz '2026-11-20 09:00Z', 'x')");
        assertRejected(CHECK, insert + "('04A1B2C3D4', " + ANNA + ", timestamptz '2026-11-20 09:00Z', 'x')");
        assertRejected(
                CHECK,
                insert
                        + "('04A1B2C3', (SELECT id FROM account WHERE username = 'hauswart'), timestamptz '2026-11-20 09:00Z', 'x')");
        exec(insert + "('04AB0000', " + ANNA + ", timestamptz '2026-11-20 09:00Z', 'x')");
        assertRejected(UNIQUE, insert + "('04AB0000', " + ANNA + ", timestamptz '2026-11-20 09:00Z', 'x')");
        assertRejected(
                CHECK, "UPDATE charging_card SET blocked_at = timestamptz '2026-11-20 09:00Z' WHERE uid = '04AB0000'");
    }

    @Test
    void sessions_oneOpenPerChargerAndCard_andOnlyRealEnergyIsClosed() throws SQLException {
        exec(session(
                "ch-s1",
                "04AA0000000001",
                "2024-01-01T10:00:00Z",
                "NULL, 1000, NULL, 'OPEN', NULL, false, NULL, 'READER'"));
        assertRejected(
                UNIQUE,
                session(
                        "ch-s1",
                        "04AA0000000002",
                        "2024-01-01T11:00:00Z",
                        "NULL, 1000, NULL, 'OPEN', NULL, false, NULL, 'READER'"));
        assertRejected(
                UNIQUE,
                session(
                        "ch-s2",
                        "04AA0000000001",
                        "2024-01-01T11:00:00Z",
                        "NULL, 1000, NULL, 'OPEN', NULL, false, NULL, 'READER'"));
        assertRejected(
                CHECK,
                session(
                        "ch-s3",
                        "04AA0000000003",
                        "2024-01-01T10:00:00Z",
                        "'2024-01-01T11:00:00Z', 1000, 900, 'CLOSED', 'CARD', true, NULL, 'READER'"));
        assertRejected(
                CHECK,
                session(
                        "ch-s3",
                        "04AA0000000003",
                        "2024-01-01T10:00:00Z",
                        "'2024-01-01T11:00:00Z', 1000, 1000, 'CLOSED', 'CARD', false, NULL, 'READER'"));
        assertRejected(
                CHECK,
                session(
                        "ch-s3",
                        "04AA0000000003",
                        "2024-01-01T10:00:00Z",
                        "'2024-01-01T11:00:00Z', 1000, 900, 'FLAGGED', 'CARD', true, NULL, 'READER'"));
        assertRejected(
                CHECK,
                session(
                        "ch-s3",
                        "04AA0000000003",
                        "2024-01-01T10:00:00Z",
                        "NULL, 1000, NULL, 'CLOSED', 'CARD', true, NULL, 'READER'"));
        exec(session(
                "ch-s3",
                "04AA0000000003",
                "2024-01-01T10:00:00Z",
                "'2024-01-01T11:00:00Z', 1000, 900, 'FLAGGED', 'CARD', true, 'end below start', 'READER'"));
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM charging_session WHERE charger LIKE 'ch-s%'")) {
            ps.execute();
        }
    }
}
