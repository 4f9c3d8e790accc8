package org.hausmeter.bus.sim.profile;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** A demo building for the tests: 12 apartments, common area, 2 chargers, 30 kWp PV in Berlin. */
final class TestBuilding {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 2025-01-01T00:00 Europe/Berlin. */
    static final Instant EPOCH = Instant.parse("2024-12-31T23:00:00Z");
    /** 2026-01-01T00:00 Europe/Berlin. */
    static final Instant YEAR_END = Instant.parse("2025-12-31T23:00:00Z");

    static final PvSite BERLIN_ROOF = new PvSite(52.52, 13.40, 30_000, 30, 0);

    final SimGrid grid = SimGrid.minutes(EPOCH);
    final List<PowerProfile> consumers = new ArrayList<>();
    final PvProduction pv;

    TestBuilding(long seed) {
        for (int i = 0; i < 12; i++) {
            consumers.add(new ApartmentLoad(grid, BERLIN, seed * 100 + i));
        }
        consumers.add(new CommonArea(grid, BERLIN, seed));
        consumers.add(new ChargerLoad(grid, BERLIN, seed * 100 + 50, 11_000));
        consumers.add(new ChargerLoad(grid, BERLIN, seed * 100 + 51, 7_400));
        pv = new PvProduction(grid, BERLIN_ROOF, seed);
    }

    List<PowerProfile> meters() {
        List<PowerProfile> all = new ArrayList<>(consumers);
        all.add(pv);
        return all;
    }

    BuildingEnergy energy() {
        return new BuildingEnergy(grid, consumers, pv);
    }
}
