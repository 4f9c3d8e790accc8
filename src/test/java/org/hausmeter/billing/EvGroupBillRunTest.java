package org.hausmeter.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.hausmeter.support.DemoHistory;
import org.hausmeter.support.Leftovers;
import org.junit.jupiter.api.Test;

/**
 * A month's bill run prices each EV session by the card group it started with: a guest session with the
 * tariff's GUEST prices, a resident session of the same tenant with the resident prices, each split into PV
 * and grid as always and rounded once to the cent.
 */
@QuarkusTest
class EvGroupBillRunTest {

    /** A month no other test class bills. */
    static final YearMonth JULY = YearMonth.of(2026, 7);

    @Inject
    DemoHistory history;

    @Inject
    BillRuns runs;

    @Inject
    Bills bills;

    @Inject
    TariffStore tariffs;

    @Inject
    AgroalDataSource db;

    @Test
    void guestSession_isPricedWithTheGuestPrices_andTheResidentSessionWithTheResidentPrices() throws Exception {
        history.month(JULY);
        LocalDate validFrom = tariffs.at(JULY.atDay(1)).version().validFrom();
        Leftovers.afterClass(List.of(
                "DELETE FROM bill_line WHERE bill_id IN (SELECT id FROM bill WHERE month = '" + JULY.atDay(1)
                        + "' AND status = 'DRAFT')",
                "DELETE FROM bill WHERE month = '" + JULY.atDay(1) + "' AND status = 'DRAFT'",
                "DELETE FROM bill_flag WHERE month = '" + JULY.atDay(1) + "'",
                "DELETE FROM apartment_month WHERE month = '" + JULY.atDay(1) + "'",
                "DELETE FROM charging_session WHERE card_uid = '04AA11BB22CC33'",
                "DELETE FROM tariff_ev_group_price WHERE valid_from = '" + validFrom + "' AND card_group = 'GUEST'"));
        runs.run(JULY, "test");
        StoredBill before = draft("A-3.1");
        try (Connection c = db.getConnection()) {
            // the fixture enters the guest prices directly: TariffStore refuses changing a version issued bills used
            c.createStatement()
                    .executeUpdate("INSERT INTO tariff_ev_group_price VALUES ('" + validFrom
                            + "', 'GUEST', 0.450000, 0.610000)");
            for (String[] s : List.of(
                    new String[] {"GUEST", "2026-07-14T09:07:00Z", "2026-07-14T13:52:00Z", "100000", "112345"},
                    new String[] {"RESIDENT", "2026-07-15T16:00:00Z", "2026-07-15T18:00:00Z", "200000", "207777"})) {
                c.createStatement().executeUpdate("""
                        INSERT INTO charging_session (charger, meter_id, card_uid, resident_id, tenancy_id, started_at,
                            ended_at, start_wh, end_wh, status, end_reason, seen_power, source, card_group)
                        SELECT 'ch-1', m.id, '04AA11BB22CC33', b.resident_id, b.tenancy_id, '%s', '%s', %s, %s,
                            'CLOSED', 'CARD', true, 'SIMULATED_TAP', '%s'
                        FROM meter m, bill b WHERE m.charger = 'ch-1' AND m.removed_at IS NULL AND b.id = %d""".formatted(s[1], s[2], s[3], s[4], s[0], before.id()));
            }
        }
        runs.run(JULY, "test");
        List<StoredLine> ev = draft("A-3.1").lines().stream()
                .filter(l -> l.key().equals(BillCalculator.EV_SESSION))
                .toList();
        assertThat(ev).hasSize(2);
        StoredLine guest = ev.get(0);
        StoredLine resident = ev.get(1);
        Map<?, ?> g = guest.details();
        assertThat(g.get("group")).isEqualTo("GUEST");
        assertThat(g.get("priceGroup")).isEqualTo("GUEST");
        assertThat(new BigDecimal(g.get("pvPrice").toString())).isEqualByComparingTo("0.45");
        assertThat(new BigDecimal(g.get("gridPrice").toString())).isEqualByComparingTo("0.61");
        assertCentExact(guest, "12.345");
        Map<?, ?> r = resident.details();
        assertThat(r.containsKey("group")).isFalse();
        var v = tariffs.at(JULY.atDay(15)).version();
        assertThat(new BigDecimal(r.get("pvPrice").toString()))
                .isEqualByComparingTo(v.evPvPrice().perKwh());
        assertThat(new BigDecimal(r.get("gridPrice").toString()))
                .isEqualByComparingTo(v.evGridPrice().perKwh());
        assertCentExact(resident, "7.777");
    }

    /** Quantity = PV + grid kWh; net = PV kWh × PV price + grid kWh × grid price, rounded once HALF_UP. */
    private static void assertCentExact(StoredLine l, String kwh) {
        Map<?, ?> d = l.details();
        BigDecimal pv = new BigDecimal(d.get("pvKwh").toString());
        BigDecimal grid = new BigDecimal(d.get("gridKwh").toString());
        assertThat(pv.add(grid)).isEqualByComparingTo(kwh);
        assertThat(l.quantity()).isEqualByComparingTo(kwh);
        BigDecimal exact = pv.multiply(new BigDecimal(d.get("pvPrice").toString()))
                .add(grid.multiply(new BigDecimal(d.get("gridPrice").toString())));
        assertThat(l.net()).isEqualByComparingTo(exact.setScale(2, RoundingMode.HALF_UP));
    }

    private StoredBill draft(String apartment) {
        return bills.month(JULY).stream()
                .filter(b -> b.apartmentCode().equals(apartment) && b.isDraft())
                .findFirst()
                .orElseThrow();
    }
}
