package org.hausmeter.bus;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.accounts.persistence.Apartment;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.bus.config.BuildingConfig;
import org.hausmeter.bus.config.BuildingConfigLoader;
import org.hausmeter.bus.config.RegisterMapCatalog;
import org.hausmeter.ledger.persistence.Meter;
import org.jboss.logging.Logger;

/**
 * Loads the register maps and the building file from modbus-bus-config/ at start, refuses to start
 * on an invalid file (the message names file, line and problem), and brings the apartments and
 * meters of the database in line with the building file.
 * <p>
 * Without a building file the server runs without polling (a warning says so): the web, the ledger
 * and billing still work on readings entered or imported by other means.
 */
@ApplicationScoped
public class BuildingTopology {

    private static final Logger LOG = Logger.getLogger(BuildingTopology.class);
    public static final String DEMO_BUILDING_FILE = "demo-building.yaml";

    private final Path configDir;
    private final Optional<String> buildingFile;
    private final boolean demo;
    private final Clock clock;
    private final AuditLog audit;
    private final BuildingSettings settings;
    private RegisterMapCatalog catalog;
    private BuildingConfig building;

    BuildingTopology(
            @ConfigProperty(name = "hausmeter.bus.config-dir") Path configDir,
            @ConfigProperty(name = "hausmeter.bus.building-file") Optional<String> buildingFile,
            @ConfigProperty(name = "hausmeter.demo.enabled") boolean demo,
            Clock clock,
            AuditLog audit,
            BuildingSettings settings) {
        this.settings = settings;
        this.configDir = configDir;
        this.buildingFile = buildingFile;
        this.demo = demo;
        this.clock = clock;
        this.audit = audit;
    }

    void onStart(@Observes @Priority(15) StartupEvent event) {
        load();
        if (building != null) {
            QuarkusTransaction.requiringNew().run(this::sync);
        }
    }

    /** Loads and validates; throws {@link org.hausmeter.bus.config.BuildingConfigException} or RegisterMapException. */
    void load() {
        Path models = configDir.resolve("models");
        if (!Files.isDirectory(models)) {
            throw new IllegalStateException("No register maps: directory [" + models.toAbsolutePath()
                    + "] is missing (hausmeter.bus.config-dir)");
        }
        catalog = RegisterMapCatalog.load(models);
        Optional<Path> file = buildingFile
                .map(configDir::resolve)
                .or(() -> demo ? Optional.of(configDir.resolve(DEMO_BUILDING_FILE)) : Optional.empty());
        if (file.isEmpty()) {
            LOG.warnf(
                    "No building file configured (hausmeter.bus.building-file): no meters are polled. %d register maps"
                            + " loaded from [%s]",
                    catalog.ids().size(), models);
            return;
        }
        building = BuildingConfigLoader.load(file.get(), catalog);
        LOG.infof(
                "Building file [%s]: %d buses, %d apartments, %d meters; %d register maps",
                file.get(),
                building.buses().size(),
                building.apartments().size(),
                building.meters().size(),
                catalog.ids().size());
    }

    /** Creates or updates apartments and meters so the database matches the building file. */
    void sync() {
        Instant now = clock.instant();
        int created = 0;
        int updated = 0;
        Map<String, Apartment> apartments = new LinkedHashMap<>();
        for (BuildingConfig.Apartment a : building.apartments()) {
            Apartment apt = Apartment.findByCode(a.code()).orElse(null);
            if (apt == null) {
                apt = new Apartment();
                apt.code = a.code();
                created++;
            } else if (Objects.equals(apt.name, a.name())
                    && Objects.equals(apt.floor, a.floor())
                    && (apt.areaM2 == null
                            ? a.areaM2() == null
                            : a.areaM2() != null && apt.areaM2.compareTo(a.areaM2()) == 0)) {
                apartments.put(a.code(), apt);
                continue;
            } else {
                updated++;
            }
            apt.name = a.name();
            apt.floor = a.floor();
            apt.areaM2 = a.areaM2();
            apt.persist();
            apartments.put(a.code(), apt);
        }
        ZoneId zone = settings.current().zone();
        for (BuildingConfig.Meter m : building.meters()) {
            Meter meter = Meter.<Meter>find("name = ?1 and removedAt is null", m.name())
                    .firstResult();
            Apartment apt = m.apartment() == null ? null : apartments.get(m.apartment());
            Instant installed = m.installed() == null
                    ? null
                    : m.installed().atStartOfDay(zone).toInstant();
            if (meter == null) {
                meter = new Meter();
                meter.name = m.name();
                meter.installedAt = installed == null ? now : installed;
                created++;
            } else if (installed != null && !installed.equals(meter.installedAt)) {
                if (installedMayMove(meter, installed)) {
                    audit.record(
                            "building-file",
                            "meter.installed",
                            "meter:" + m.name(),
                            Map.of("installedAt", meter.installedAt.toString()),
                            Map.of("installedAt", installed.toString()),
                            "changed in " + building.file() + ":" + m.line());
                    meter.installedAt = installed;
                    updated++;
                } else {
                    LOG.warnf(
                            "Building file %s:%d: meter [%s] keeps its installation [%s]: [%s] is after its first"
                                    + " reading or quarter hour, or the meter replaced another one",
                            building.file(), m.line(), m.name(), meter.installedAt, m.installed());
                }
            }
            if (m.meteringPoint() != null && !m.meteringPoint().equals(meter.meteringPoint)) {
                // The file sets the metering point id (MSCONS imports find the meter by it); absent, the file leaves
                // the one set through the API alone.
                if (meter.id != null) {
                    java.util.Map<String, Object> was = new java.util.HashMap<>();
                    was.put("meteringPoint", meter.meteringPoint);
                    audit.record(
                            "building-file",
                            "meter.metering-point",
                            "meter:" + m.name(),
                            was,
                            Map.of("meteringPoint", m.meteringPoint()),
                            "changed in " + building.file() + ":" + m.line());
                    updated++;
                }
                meter.meteringPoint = m.meteringPoint();
            }
            if (meter.id == null) {
                // created above
            } else if (Objects.equals(meter.bus, m.bus())
                    && Objects.equals(meter.unitId, unitId(m))
                    && Objects.equals(meter.model, m.model())
                    && meter.importOnly == m.importOnly()
                    && calibrationKept(meter, m)
                    && meter.role == m.role()
                    && Objects.equals(meter.charger, m.charger())
                    && Objects.equals(meter.apartment == null ? null : meter.apartment.code, m.apartment())) {
                continue;
            } else {
                audit.record(
                        "building-file",
                        "meter.update",
                        "meter:" + m.name(),
                        meterAudit(
                                meter.bus,
                                meter.unitId,
                                meter.model,
                                meter.role,
                                meter.importOnly,
                                meter.verifiedYear,
                                meter.validUntil),
                        meterAudit(
                                m.bus(),
                                unitId(m),
                                m.model(),
                                m.role(),
                                m.importOnly(),
                                verifiedYear(m),
                                m.calibration().validUntil()),
                        "changed in " + building.file() + ":" + m.line());
                updated++;
            }
            meter.bus = m.bus();
            meter.unitId = unitId(m);
            meter.model = m.model();
            meter.importOnly = m.importOnly();
            if (m.calibration().verifiedYear() != null) {
                meter.verifiedYear = verifiedYear(m);
            }
            if (m.calibration().validUntil() != null) {
                meter.validUntil = m.calibration().validUntil();
            }
            meter.role = m.role();
            meter.apartment = apt;
            meter.charger = m.charger();
            meter.persist();
        }
        if (created + updated > 0) {
            LOG.infof("Building file applied: %d created, %d updated (apartments and meters)", created, updated);
        }
    }

    /**
     * The file's calibration keys set the register only when written: a year or day entered by the caretaker (form or
     * API) stays when the file has no such key.
     */
    private static boolean calibrationKept(Meter meter, BuildingConfig.Meter m) {
        return (m.calibration().verifiedYear() == null || Objects.equals(meter.verifiedYear, verifiedYear(m)))
                && (m.calibration().validUntil() == null
                        || Objects.equals(meter.validUntil, m.calibration().validUntil()));
    }

    private static Short unitId(BuildingConfig.Meter m) {
        return m.importOnly() ? null : (short) m.unitId();
    }

    private static Short verifiedYear(BuildingConfig.Meter m) {
        Integer y = m.calibration().verifiedYear();
        return y == null ? null : y.shortValue();
    }

    /** The audited fields of a meter (null values are left out: Map.of takes none). */
    private static Map<String, Object> meterAudit(
            String bus,
            Short unitId,
            String model,
            org.hausmeter.ledger.MeterRole role,
            boolean importOnly,
            Short verifiedYear,
            java.time.LocalDate validUntil) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (bus != null) {
            out.put("bus", bus);
            out.put("unitId", unitId);
        }
        if (model != null) {
            out.put("model", model);
        }
        out.put("role", role);
        if (importOnly) {
            out.put("importOnly", true);
        }
        if (verifiedYear != null) {
            out.put("verifiedYear", verifiedYear);
        }
        if (validUntil != null) {
            out.put("validUntil", validUntil.toString());
        }
        return out;
    }

    /**
     * A meter's installation moves to the file's day only when nothing the meter measured would come before it, and
     * never for a meter that replaced another one (its installation is the exchange).
     */
    private static boolean installedMayMove(Meter meter, Instant installed) {
        if (meter.replacesMeterId != null) {
            return false;
        }
        if (!installed.isAfter(meter.installedAt)) {
            return true;
        }
        Number values = (Number) Meter.getEntityManager()
                .createNativeQuery("SELECT (SELECT count(*) FROM (SELECT 1 FROM"
                        + " meter_reading WHERE meter_id = ?1 AND read_at < ?2 LIMIT 1) r) + (SELECT count(*) FROM (SELECT 1 FROM"
                        + " interval_energy WHERE meter_id = ?1 AND interval_start < ?2 LIMIT 1) i)")
                .setParameter(1, meter.id)
                .setParameter(2, java.sql.Timestamp.from(installed))
                .getSingleResult();
        return values.longValue() == 0;
    }

    public RegisterMapCatalog catalog() {
        return catalog;
    }

    public Optional<BuildingConfig> building() {
        return Optional.ofNullable(building);
    }
}
