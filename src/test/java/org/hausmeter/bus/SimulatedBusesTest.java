package org.hausmeter.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hausmeter.bus.sim.BuildingSimulator;
import org.junit.jupiter.api.Test;

/** hausmeter.sim.buses: only the named buses are answered by the simulator, the others keep their real transport. */
class SimulatedBusesTest {

    private static BuildingSimulator.Endpoint endpoint(String bus, int port) {
        return new BuildingSimulator.Endpoint(bus, "127.0.0.1", port, false, Optional.empty());
    }

    private final Map<String, BuildingSimulator.Endpoint> all =
            Map.of("rtu0", endpoint("rtu0", 5020), "garage", endpoint("garage", 5021));

    @Test
    void theDemo_simulatesEveryBus() {
        assertThat(SimulatorStartup.simulated(all, Set.of())).isEqualTo(all);
    }

    @Test
    void namedBuses_areSimulated_theOthersAreNot() {
        assertThat(SimulatorStartup.simulated(all, Set.of("garage"))).containsOnlyKeys("garage");
    }
}
