package org.hausmeter.charging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.hausmeter.charging.SessionRules.Limits;
import org.hausmeter.charging.SessionRules.Running;
import org.hausmeter.charging.control.ChargerController.Vehicle;
import org.junit.jupiter.api.Test;

class SessionRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-05T17:00:00Z");
    private static final Limits LIMITS = new Limits(Duration.ofMinutes(15), Duration.ofMinutes(30), 50);

    @Test
    void idle_endsFifteenMinutesAfterTheLastPower_onlyOnceTheCarHadCharged() {
        Running charged = new Running(T0, true, Optional.of(T0.plusSeconds(3600)));
        assertThat(SessionRules.endReason(charged, T0.plusSeconds(3600 + 899), Optional.empty(), LIMITS))
                .isEmpty();
        assertThat(SessionRules.endReason(charged, T0.plusSeconds(3600 + 900), Optional.empty(), LIMITS))
                .contains(Reason.IDLE);
    }

    @Test
    void neverCharged_endsAfterItsOwnTimeout() {
        Running waiting = new Running(T0, false, Optional.empty());
        assertThat(SessionRules.endReason(waiting, T0.plus(Duration.ofMinutes(29)), Optional.empty(), LIMITS))
                .isEmpty();
        assertThat(SessionRules.endReason(waiting, T0.plus(Duration.ofMinutes(30)), Optional.empty(), LIMITS))
                .contains(Reason.NEVER_CHARGED);
    }

    @Test
    void unplugged_endsAtOnce() {
        Running charging = new Running(T0, true, Optional.of(T0.plusSeconds(10)));
        assertThat(SessionRules.endReason(charging, T0.plusSeconds(11), Optional.of(Vehicle.UNPLUGGED), LIMITS))
                .contains(Reason.UNPLUGGED);
        assertThat(SessionRules.endReason(charging, T0.plusSeconds(11), Optional.of(Vehicle.PLUGGED), LIMITS))
                .isEmpty();
    }

    @Test
    void close_billsOnlyRealEnergy_andFlagsTheRest() {
        assertThat(SessionRules.close(1000, Optional.of(6500L), true, Optional.empty())
                        .billable())
                .isTrue();
        assertThat(SessionRules.close(1000, Optional.of(1200L), false, Optional.empty())
                        .billable())
                .as("a counter that rose is power seen")
                .isTrue();
        SessionRules.Closing never = SessionRules.close(1000, Optional.of(1000L), false, Optional.empty());
        assertThat(never.status()).isEqualTo("FLAGGED");
        assertThat(never.flagReason().get()).contains("never drew power");
        SessionRules.Closing backwards = SessionRules.close(1000, Optional.of(900L), true, Optional.empty());
        assertThat(backwards.flagReason().get())
                .isEqualTo("end reading 900 Wh is below the start reading 1000 Wh (meter exchanged or reset?)");
        SessionRules.Closing unread = SessionRules.close(1000, Optional.empty(), true, Optional.of("timeout"));
        assertThat(unread.flagReason().get()).isEqualTo("end meter reading failed: timeout");
    }

    @Test
    void drawing_startsAtTheThreshold() {
        assertThat(SessionRules.drawing(49, LIMITS)).isFalse();
        assertThat(SessionRules.drawing(50, LIMITS)).isTrue();
    }
}
