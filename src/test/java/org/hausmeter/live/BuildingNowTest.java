package org.hausmeter.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.hausmeter.ledger.MeterRole;
import org.junit.jupiter.api.Test;

class BuildingNowTest {

    private static final Instant NOW = Instant.parse("2026-06-21T10:00:00Z");
    private static final Map<String, MeterRole> ROLES =
            Map.of("grid", MeterRole.GRID, "pv", MeterRole.PV, "apt-1", MeterRole.APARTMENT);

    private static LiveValues.LivePower p(String meter, long w) {
        return new LiveValues.LivePower(meter, w, NOW.minusSeconds(5));
    }

    @Test
    void feedingIn_isSolarSurplus_andConsumptionIsGridPlusPv() {
        BuildingNow now = BuildingNow.of(
                        Map.of("grid", p("grid", -4_000), "pv", p("pv", -10_000)), ROLES, NOW, Duration.ofSeconds(60))
                .orElseThrow();
        assertThat(now.pvW()).isEqualTo(10_000);
        assertThat(now.consumptionW()).isEqualTo(6_000);
        assertThat(now.signal()).isEqualTo(BuildingNow.Signal.SOLAR_SURPLUS);
        assertThat(now.stale()).isFalse();
    }

    @Test
    void buyingWhilePvProduces_isSomeSolar_andNight_isGridOnly() {
        assertThat(BuildingNow.of(
                                Map.of("grid", p("grid", 2_000), "pv", p("pv", -1_500)),
                                ROLES,
                                NOW,
                                Duration.ofSeconds(60))
                        .orElseThrow()
                        .signal())
                .isEqualTo(BuildingNow.Signal.SOME_SOLAR);
        assertThat(BuildingNow.of(Map.of("grid", p("grid", 900), "pv", p("pv", 0)), ROLES, NOW, Duration.ofSeconds(60))
                        .orElseThrow()
                        .signal())
                .isEqualTo(BuildingNow.Signal.GRID_ONLY);
    }

    @Test
    void oldOrMissingValues_areStaleOrAbsent() {
        assertThat(BuildingNow.of(
                                Map.of("grid", p("grid", 900), "pv", p("pv", 0)),
                                ROLES,
                                NOW.plusSeconds(120),
                                Duration.ofSeconds(60))
                        .orElseThrow()
                        .stale())
                .isTrue();
        assertThat(BuildingNow.of(Map.of("pv", p("pv", -100)), ROLES, NOW, Duration.ofSeconds(60)))
                .isEmpty();
    }
}
