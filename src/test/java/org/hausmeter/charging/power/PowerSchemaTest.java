package org.hausmeter.charging.power;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The database refuses what V75 and V76 forbid; every statement runs in a transaction that is rolled back. */
@QuarkusTest
class PowerSchemaTest {

    @Inject
    AgroalDataSource db;

    private void refused(String sql, String constraintHint) throws SQLException {
        refused("SELECT 1", sql, constraintHint);
    }

    private void refused(String setup, String sql, String constraintHint) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute(setup);
                assertThatThrownBy(() -> st.executeUpdate(sql))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining(constraintHint);
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void cardGroupsModesAndGroupPrices_areChecked() throws SQLException {
        refused(
                "INSERT INTO charging_card (uid, resident_id, registered_at, registered_by, card_group)"
                        + " SELECT '04AABBCCDD0011', id, now(), 't', 'RESIDENT' FROM account WHERE role = 'RESIDENT'"
                        + " ORDER BY id LIMIT 1",
                "UPDATE charging_card SET card_group = 'guest' WHERE uid = '04AABBCCDD0011'",
                "charging_card_card_group_check");
        String tariff = "INSERT INTO tariff_version (valid_from, pv_price, base_fee_month, ev_pv_price, ev_grid_price,"
                + " feed_in_price, vat_percent, created_by) VALUES ('1990-01-01', 0.2, 9, 0.3, 0.4, 0.08, 19, 't')";
        refused(
                tariff,
                "INSERT INTO tariff_ev_group_price VALUES ('1990-01-01', 'RESIDENT', 0.3, 0.4)",
                "tariff_ev_group_price_card_group_check");
        refused(
                tariff,
                "INSERT INTO tariff_ev_group_price VALUES ('1990-01-01', 'GUEST', -0.3, 0.4)",
                "tariff_ev_group_price_ev_pv_price_check");
    }

    @Test
    void limitChangesAndDimmingPeriods_areChecked() throws SQLException {
        refused(
                "INSERT INTO power_limit_change (at, charger, amps, phases, previous_amps, reason, dimmed, output, ok,"
                        + " error) VALUES (now(), 'ch-2', 6, 2, 0, 'FAST', false, 'MODBUS', true, null)",
                "power_limit_change_phases_check");
        refused(
                "INSERT INTO power_limit_change (at, charger, amps, phases, previous_amps, reason, dimmed, output, ok,"
                        + " error) VALUES (now(), 'ch-2', 6, 3, 0, 'FAST', false, 'MODBUS', true, 'timeout')",
                "power_limit_change_check");
        refused(
                "INSERT INTO grid_dimming_period (started_at, source, limit_w, started_by) VALUES"
                        + " ('2020-01-01T00:00:00Z', 'CARETAKER', 4200, 'a'), ('2020-01-02T00:00:00Z', 'CARETAKER', 4200, 'b')",
                "grid_dimming_period_open");
        refused(
                "INSERT INTO grid_dimming_period (started_at, ended_at, source, limit_w, started_by) VALUES"
                        + " ('2020-01-01T00:00:00Z', '2020-01-01T01:00:00Z', 'INPUT', 4200, 'input')",
                "grid_dimming_period_check");
    }
}
