package org.hausmeter.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import org.hausmeter.allocation.AllocationKey;
import org.junit.jupiter.api.Test;

/** Scenario files: YAML and JSON, and a clear message naming the line and field of a mistake. */
class ScenarioFileTest {

    @Test
    void theExampleInDocs_parses() throws Exception {
        ScenarioFile f = ScenarioFile.parse(Files.readString(Path.of("docs/scenario-example.yaml")));
        assertThat(f.period().first()).isEqualTo(YearMonth.of(2026, 1));
        assertThat(f.scenarios()).extracting(Scenario::name).hasSize(5);
        assertThat(f.scenarios().get(0).battery().capacityKwh()).isEqualByComparingTo("30");
        assertThat(f.scenarios().get(0).investment().lifetimeYears()).isEqualTo(15);
        assertThat(f.scenarios().get(1).pv().additions().get(0).shiftHours()).isEqualTo(2);
        assertThat(f.scenarios().get(2).key()).isEqualTo(AllocationKey.EQUAL_SHARES_WITH_REDISTRIBUTION);
        assertThat(f.scenarios().get(3).shiftEv()).isTrue();
        assertThat(f.scenarios().get(0).shiftEv()).isFalse();
        assertThat(f.scenarios().get(4).tariff().pvPrice()).isEqualByComparingTo(new BigDecimal("0.15"));
    }

    @Test
    void json_parses() {
        ScenarioFile f = ScenarioFile.parse(
                "{\"period\": {\"from\": \"2025-03\", \"months\": 12}, \"scenarios\": [{\"name\": \"x\", \"shiftEv\": true}]}");
        assertThat(f.period().months()).isEqualTo(12);
        assertThat(f.scenarios().get(0).shiftEv()).isTrue();
    }

    @Test
    void mistakes_nameTheLineAndField() {
        assertThatThrownBy(() -> ScenarioFile.parse("period: {from: 2025-03, months: 12}\nscenarios:\n  - name: b\n"
                        + "    battery: {capacityKwh: 30, chargeKw: 10, dischargeKw: 10, roundTripEfficiency: 1.2,"
                        + " minSoc: 0.1, standbyW: 0}\n"))
                .hasMessageContaining("line 4")
                .hasMessageContaining("scenarios[0].battery")
                .hasMessageContaining("battery.roundTripEfficiency must be at most 1, is 1.2");
        assertThatThrownBy(() -> ScenarioFile.parse("period: {from: 2025-3, months: 12}\n"))
                .hasMessageContaining("period.from [2025-3] is not a month YYYY-MM");
        assertThatThrownBy(() -> ScenarioFile.parse(
                        "period: {from: 2025-03, months: 12}\nscenarios:\n  - name: b\n" + "    batery: {}\n"))
                .hasMessageContaining("at scenarios[0].batery: Unrecognized field");
    }
}
