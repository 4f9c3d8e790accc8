package org.hausmeter.charging;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/**
 * The charging tests' server: the demo building with its simulated chargers, a clock the tests move
 * ({@link TestClock}, so energies are exact and no test waits for wall time), and the NFC reader
 * watcher on, with vsmartcard's virtual readers taking the LED/buzzer feedback. One profile for all
 * charging tests: Quarkus restarts once for them.
 */
public class ChargingTestProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(TestClock.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "hausmeter.charging.readers.mode", "on",
                "hausmeter.charging.readers.feedback-readers", "Virtual PCD.*",
                "hausmeter.charging.readers.poll-interval", "100ms",
                // The tests call checkSessions themselves, at instants they choose.
                "hausmeter.charging.monitor-interval", "1h");
    }
}
