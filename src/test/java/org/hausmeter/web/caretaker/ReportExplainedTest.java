package org.hausmeter.web.caretaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import org.hausmeter.allocation.BuildingTotal;
import org.hausmeter.billing.run.MonthBilling;
import org.hausmeter.tariff.Money;
import org.hausmeter.web.i18n.A11yMessages;
import org.junit.jupiter.api.Test;

/** The month report's measured and allocated figures side by side (issue 17, item 6): the arithmetic. */
class ReportExplainedTest {

    /** Texts as "key[args]", so the test sees which difference each line names. */
    static final A11yMessages TEXTS = (A11yMessages) Proxy.newProxyInstance(
            A11yMessages.class.getClassLoader(),
            new Class<?>[] {A11yMessages.class},
            (proxy, method, args) -> method.getName() + (args == null ? "" : Arrays.toString(args)));

    @Test
    void consumptionPvAndExport_measuredAgainstAllocated_withTheirDifference() {
        // Produced 4,000 kWh; consumers 2,700 kWh of which 1,250 kWh PV (so 2,750 kWh PV counts as exported) and
        // 1,450 kWh grid. The connection measured 1,510 kWh import and 2,740 kWh export.
        BuildingTotal b = new BuildingTotal(4_000_000, 2_700_000, 1_250_000, 2_750_000, 1_450_000);
        MonthBilling.Report r = new MonthBilling.Report(
                b, 1_510_000, 2_740_000, Money.ofMinor(Currency.getInstance("EUR"), 0), 1_100_000, 100_000, 50_000);
        List<CaretakerBillingResource.MeasuredAllocated> rows =
                CaretakerBillingResource.explained(r, TEXTS, Locale.GERMANY);
        assertThat(rows)
                .extracting(CaretakerBillingResource.MeasuredAllocated::figure)
                .containsExactly("report_consumption_row", "report_pv_row", "report_export_row");
        // Building: 1,510 + 4,000 − 2,740 = 2,770 kWh at the connection against 2,700 kWh on the consumers' meters.
        assertThat(rows.get(0).measuredWh()).isEqualTo(2_770_000);
        assertThat(rows.get(0).allocatedWh()).isEqualTo(2_700_000);
        assertThat(rows.get(0).why()).isEqualTo("report_consumption_why[+70,0 kWh]");
        assertThat(rows.get(1).measuredWh()).isEqualTo(4_000_000);
        assertThat(rows.get(1).allocatedWh()).isEqualTo(1_250_000);
        assertThat(rows.get(1).why()).isEqualTo("report_pv_why[+2.750,0 kWh]");
        assertThat(rows.get(2).measuredWh()).isEqualTo(2_740_000);
        assertThat(rows.get(2).allocatedWh()).isEqualTo(2_750_000);
        assertThat(rows.get(2).why()).isEqualTo("report_export_why[−10,0 kWh]");
    }

    @Test
    void aDifferenceBelowOneKwh_isGivenInWh() {
        BuildingTotal b = new BuildingTotal(10_000, 9_990, 9_000, 1_000, 990);
        MonthBilling.Report r =
                new MonthBilling.Report(b, 1_000, 1_000, Money.ofMinor(Currency.getInstance("EUR"), 0), 9_000, 0, 0);
        var rows = CaretakerBillingResource.explained(r, TEXTS, Locale.ENGLISH);
        // 1,000 + 10,000 − 1,000 = 10,000 Wh measured against 9,990 Wh allocated.
        assertThat(rows.get(0).why()).isEqualTo("report_consumption_why[+10 Wh]");
    }

    @Test
    void noDifference_isSaidInWords() {
        BuildingTotal b = new BuildingTotal(1_000, 1_000, 1_000, 0, 0);
        MonthBilling.Report r =
                new MonthBilling.Report(b, 0, 0, Money.ofMinor(Currency.getInstance("EUR"), 0), 1_000, 0, 0);
        var rows = CaretakerBillingResource.explained(r, TEXTS, Locale.ENGLISH);
        assertThat(rows).allSatisfy(row -> assertThat(row.why()).endsWith("[report_same]"));
    }
}
