package org.hausmeter.bus.sim.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LiveChargerLoadTest {

    private static final SimGrid GRID = SimGrid.minutes(TestBuilding.EPOCH);
    private static final Instant LIVE_FROM = Instant.parse("2025-06-01T10:00:00Z");

    @Test
    void session_11kWForOneHour_is11000WhExactly() {
        LiveChargerLoad live = new LiveChargerLoad(new ConstantLoad(GRID, 0), LIVE_FROM);
        Instant start = LIVE_FROM.plusMillis(123_457);
        live.startSession(start, 11_000);
        live.stopSession(start.plus(Duration.ofHours(1)));

        assertThat(live.energyWh(LIVE_FROM, start.plus(Duration.ofHours(3)))).isEqualTo(11_000);
        assertThat(live.powerW(start.plusSeconds(1))).isEqualTo(11_000);
        assertThat(live.powerW(start.plus(Duration.ofHours(2)))).isZero();
        assertThat(live.sessionActive()).isFalse();
    }

    @Test
    void counter_continuesTheHistory_atLiveFrom() {
        ChargerLoad seeded = new ChargerLoad(GRID, TestBuilding.BERLIN, 4, 11_000);
        LiveChargerLoad live = new LiveChargerLoad(seeded, LIVE_FROM);

        assertThat(live.counterMj(LIVE_FROM.minusSeconds(1))).isEqualTo(seeded.counterMj(LIVE_FROM.minusSeconds(1)));
        assertThat(live.counterMj(LIVE_FROM)).isEqualTo(seeded.counterMj(LIVE_FROM));
        assertThat(live.counterMj(LIVE_FROM.plus(Duration.ofDays(2)))).isEqualTo(seeded.counterMj(LIVE_FROM));
    }

    @Test
    void taper_bySetPower_isIntegratedExactly() {
        LiveChargerLoad live = new LiveChargerLoad(new ConstantLoad(GRID, 0), LIVE_FROM);
        live.startSession(LIVE_FROM, 7_400);
        live.setPowerW(LIVE_FROM.plus(Duration.ofMinutes(30)), 3_700);
        live.setPowerW(LIVE_FROM.plus(Duration.ofMinutes(60)), 1_800);
        live.stopSession(LIVE_FROM.plus(Duration.ofMinutes(80)));

        // 7400·0.5 + 3700·0.5 + 1800/3 = 3700 + 1850 + 600
        assertThat(live.energyWh(LIVE_FROM, LIVE_FROM.plus(Duration.ofHours(2))))
                .isEqualTo(6_150);
        assertThat(live.energyWh(LIVE_FROM, LIVE_FROM.plus(Duration.ofMinutes(45))))
                .isEqualTo(3_700 + 925);
    }

    @Test
    void events_beforeTheFinalHorizon_areRejected() {
        LiveChargerLoad live = new LiveChargerLoad(new ConstantLoad(GRID, 0), LIVE_FROM);
        live.settle(LIVE_FROM.plusSeconds(600));

        assertThatThrownBy(() -> live.startSession(LIVE_FROM.plusSeconds(599), 3_700))
                .isInstanceOf(IllegalArgumentException.class);
        live.startSession(LIVE_FROM.plusSeconds(600), 3_700);
        assertThatThrownBy(() -> live.startSession(LIVE_FROM.plusSeconds(700), 3_700))
                .isInstanceOf(IllegalStateException.class);
        assertThat(live.finalUntil()).isEqualTo(LIVE_FROM.plusSeconds(600));
    }

    @Test
    void stop_withoutSession_isRejected() {
        LiveChargerLoad live = new LiveChargerLoad(new ConstantLoad(GRID, 0), LIVE_FROM);
        assertThatThrownBy(() -> live.stopSession(LIVE_FROM)).isInstanceOf(IllegalStateException.class);
    }
}
