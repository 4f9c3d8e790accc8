package org.hausmeter.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hausmeter.billing.Bills;
import org.hausmeter.scenario.persistence.ScenarioLoader;
import org.hausmeter.support.DemoHistory;
import org.hausmeter.support.Leftovers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 19, item 3: the unchanged scenario reproduces the issued bills to the cent. July and August 2026 (months no
 * other class bills; their issued bills are removed when the class ends) of the demo building's simulated history
 * are run and issued through the real bill run ({@link Bills#issueMonth}); the loader reads the same months from
 * the ledger and the engine's baseline must give every issued bill's net and gross, tenancy by tenancy.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenarioBaselineTest {

    static final YearMonth JULY = YearMonth.of(2026, 7);
    static final YearMonth AUGUST = YearMonth.of(2026, 8);

    @Inject
    DemoHistory history;

    @Inject
    Bills bills;

    @Inject
    ScenarioLoader loader;

    @Inject
    AgroalDataSource db;

    @BeforeAll
    void issuedYear() throws Exception {
        Leftovers.afterClass(Leftovers.issuedMonth(JULY));
        Leftovers.afterClass(Leftovers.issuedMonth(AUGUST));
        history.month(JULY);
        history.month(AUGUST);
        for (YearMonth m : List.of(JULY, AUGUST)) {
            Bills.MonthIssue issue = bills.issueMonth(m, "scenario-test");
            assertThat(issue.notIssued()).as("%s: drafts left", m).isEmpty();
            assertThat(issue.issued()).as("%s: issued", m).isNotEmpty();
        }
    }

    @Test
    void baseline_reproducesEveryIssuedBill_toTheCent() throws Exception {
        ScenarioYear year = loader.load(JULY, 2);
        ScenarioResult base = ScenarioEngine.compare(year, List.of()).baseline();

        Map<String, String> engine = new TreeMap<>();
        for (ScenarioResult.Bill b : base.bills()) {
            engine.put(
                    b.tenancyId() + " " + b.month(),
                    b.net().toPlainString() + " / " + b.gross().toPlainString());
        }
        Map<String, String> issued = new TreeMap<>();
        BigDecimal gross = BigDecimal.ZERO;
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT tenancy_id, month, net, gross FROM bill"
                        + " WHERE month IN (?, ?) AND kind = 'INVOICE' AND status = 'ISSUED'")) {
            ps.setDate(1, Date.valueOf(JULY.atDay(1)));
            ps.setDate(2, Date.valueOf(AUGUST.atDay(1)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    issued.put(
                            rs.getLong(1) + " " + YearMonth.from(rs.getDate(2).toLocalDate()),
                            rs.getBigDecimal(3).toPlainString() + " / "
                                    + rs.getBigDecimal(4).toPlainString());
                    gross = gross.add(rs.getBigDecimal(4));
                }
            }
        }
        assertThat(issued).hasSizeGreaterThanOrEqualTo(2);
        assertThat(engine).isEqualTo(issued);
        assertThat(base.money().billsGross()).isEqualByComparingTo(gross);
        // The apartments' yearly bills add up to the same.
        BigDecimal perApartment = base.apartments().stream()
                .map(ScenarioResult.Apartment::billsGross)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(perApartment).isEqualByComparingTo(gross);
        // and the baseline's flows balance
        ScenarioResult.Energy e = base.energy();
        assertThat(e.batteryInWh()).isZero();
        assertThat(e.pvWh() + e.gridImportWh()).isEqualTo(e.consumptionWh() + e.feedInWh());
        List<String> months = new ArrayList<>();
        base.months().forEach(m -> months.add(m.month().toString()));
        assertThat(months).containsExactly("2026-07", "2026-08");
    }
}
