package org.hausmeter.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.ledger.persistence.Meter;
import org.hausmeter.ledger.persistence.MeterReadings;
import org.hausmeter.support.Leftovers;
import org.hausmeter.support.TestTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The building file's {@code installed} key dates a meter at creation, and moves it only where nothing is lost. */
@QuarkusTest
class BuildingTopologyInstalledTest {

    @Inject
    AuditLog audit;

    @Inject
    BuildingSettings settings;

    @Inject
    MeterReadings readings;

    @TempDir
    Path dir;

    private void apply(String name, String installed) throws Exception {
        Files.writeString(
                dir.resolve("b.yaml"), """
                building: Topology test
                buses:
                  - {id: topo-%1$s, type: tcp, host: 192.0.2.1, port: 502}
                meters:
                  - {name: %1$s, bus: topo-%1$s, unitId: 1, model: abb-b23, role: COMMON%2$s}
                """.formatted(name, installed == null ? "" : ", installed: " + installed));
        BuildingTopology topology = new BuildingTopology(
                dir,
                Optional.of("b.yaml"),
                false,
                Clock.fixed(TestTime.PINNED, java.time.ZoneOffset.UTC),
                audit,
                settings);
        topology.load();
        QuarkusTransaction.requiringNew().run(topology::sync);
    }

    private static Instant installedAt(String name) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Meter.installed(name).orElseThrow().installedAt);
    }

    @Test
    void installedDay_datesANewMeter_movesEarlier_andLaterOnlyBeforeAnyValue() throws Exception {
        Files.createSymbolicLink(
                dir.resolve("models"), Path.of("modbus-bus-config/models").toAbsolutePath());
        String name = "topo-" + (System.nanoTime() % 1_000_000);
        Leftovers.afterClass(List.of(
                "DELETE FROM meter_reading WHERE meter_id IN (SELECT id FROM meter WHERE name = '" + name + "')",
                "DELETE FROM meter WHERE name = '" + name + "'"));

        apply(name, null);
        assertThat(installedAt(name)).isEqualTo(TestTime.PINNED);

        apply(name, "2025-01-01");
        assertThat(installedAt(name)).isEqualTo(Instant.parse("2024-12-31T23:00:00Z"));

        readings.enter("hauswart", name, Instant.parse("2025-02-01T00:00:00Z"), 1000, null, "history");
        apply(name, "2025-03-01");
        assertThat(installedAt(name))
                .as("a reading on 1 February keeps the installation")
                .isEqualTo(Instant.parse("2024-12-31T23:00:00Z"));
        apply(name, "2025-01-15");
        assertThat(installedAt(name)).isEqualTo(Instant.parse("2025-01-14T23:00:00Z"));
    }
}
