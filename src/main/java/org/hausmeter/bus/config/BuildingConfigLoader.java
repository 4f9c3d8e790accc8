package org.hausmeter.bus.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hausmeter.bus.RegisterMap;
import org.hausmeter.bus.config.BuildingConfig.Apartment;
import org.hausmeter.bus.config.BuildingConfig.Bus;
import org.hausmeter.bus.config.BuildingConfig.Charger;
import org.hausmeter.bus.config.BuildingConfig.Meter;
import org.hausmeter.bus.config.BuildingConfig.Parity;
import org.hausmeter.bus.config.BuildingConfig.RtuBus;
import org.hausmeter.bus.config.BuildingConfig.RtuOverTcpBus;
import org.hausmeter.bus.config.BuildingConfig.TcpBus;
import org.hausmeter.ledger.MeterRole;

/**
 * Loads and validates a building file (schema in {@code modbus-bus-config/README.md}) against a
 * {@link RegisterMapCatalog}. The first problem is refused with a
 * {@link BuildingConfigException} naming file, line and the offending value.
 */
public final class BuildingConfigLoader {

    /** Apartment code: the rule of {@link org.hausmeter.accounts.ApartmentCode}, e.g. {@code } or {@code Whg 117}. */
    public static final Pattern APARTMENT_CODE = org.hausmeter.accounts.ApartmentCode.PATTERN;

    private static final Set<String> TOP_KEYS = Set.of("building", "buses", "apartments", "chargers", "meters");
    private static final Set<String> RTU_KEYS =
            Set.of("id", "type", "device", "baud", "parity", "dataBits", "stopBits");
    private static final Set<String> TCP_KEYS = Set.of("id", "type", "host", "port");
    private static final Set<String> APARTMENT_KEYS = Set.of("code", "name", "floor", "areaM2");
    private static final Set<String> CHARGER_KEYS = Set.of("id", "name", "reader", "control");
    private static final Set<String> CONTROL_FIXED_KEYS = Set.of("profile", "bus", "unitId");
    private static final Pattern PARAMETER_NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,31}");
    private static final Set<String> METER_KEYS = Set.of(
            "name",
            "bus",
            "unitId",
            "model",
            "role",
            "apartment",
            "charger",
            "installed",
            "meteringPoint",
            "importOnly",
            "verified",
            "validUntil");

    private BuildingConfigLoader() {}

    /** Loads {@code file}; messages name it as given (pass a relative path for relative messages). */
    public static BuildingConfig load(Path file, RegisterMapCatalog catalog) {
        YamlNode root = YamlNode.parse(file, file.toString(), BuildingConfigException::new);
        root.onlyKeys("building file", TOP_KEYS);
        String name = root.required("building", "building file").text("building");

        Map<String, Bus> buses = new LinkedHashMap<>();
        Map<String, Integer> devices = new HashMap<>();
        for (YamlNode node : root.required("buses", "building file").asList("buses")) {
            Bus bus = bus(node);
            Bus first = buses.putIfAbsent(bus.id(), bus);
            if (first != null) {
                throw node.required("id", "bus")
                        .error("bus id [" + bus.id() + "] is used twice (first at line " + first.line() + ")");
            }
            if (bus instanceof RtuBus rtu) {
                Integer firstLine = devices.putIfAbsent(rtu.device(), rtu.line());
                if (firstLine != null) {
                    throw node.required("device", "bus")
                            .error("bus [" + rtu.id() + "] device [" + rtu.device()
                                    + "] is already used by another bus (line " + firstLine + ")");
                }
            }
        }

        Map<String, Apartment> apartments = new LinkedHashMap<>();
        YamlNode apartmentsNode = root.optional("apartments");
        for (YamlNode node : apartmentsNode == null ? List.<YamlNode>of() : apartmentsNode.asList("apartments")) {
            node.onlyKeys("apartment", APARTMENT_KEYS);
            YamlNode codeNode = node.required("code", "apartment");
            String code = codeNode.text("apartment code");
            if (!APARTMENT_CODE.matcher(code).matches()) {
                throw codeNode.error("apartment code [" + code + "] " + org.hausmeter.accounts.ApartmentCode.RULE);
            }
            String aptName = node.required("name", "apartment").text("apartment name");
            int floor = (int) node.required("floor", "apartment").integer("floor", -9, 99);
            YamlNode areaNode = node.required("areaM2", "apartment");
            BigDecimal area;
            try {
                area = new BigDecimal(areaNode.text("areaM2"));
            } catch (NumberFormatException e) {
                throw areaNode.error("areaM2 [" + areaNode.text("areaM2") + "] is not a number");
            }
            if (area.signum() <= 0) {
                throw areaNode.error("areaM2 [" + area.toPlainString() + "] must be positive");
            }
            Apartment apartment = new Apartment(code, aptName, floor, area, node.line());
            Apartment first = apartments.putIfAbsent(code, apartment);
            if (first != null) {
                throw codeNode.error(
                        "apartment code [" + code + "] is used twice (first at line " + first.line() + ")");
            }
        }

        Map<String, Charger> chargers = new LinkedHashMap<>();
        YamlNode chargersNode = root.optional("chargers");
        for (YamlNode node : chargersNode == null ? List.<YamlNode>of() : chargersNode.asList("chargers")) {
            node.onlyKeys("charger", CHARGER_KEYS);
            YamlNode idNode = node.required("id", "charger");
            String chargerId = idNode.text("charger id");
            YamlNode readerNode = node.optional("reader");
            Optional<String> reader = readerNode == null ? Optional.empty() : Optional.of(readerNode.text("reader"));
            if (reader.isPresent()) {
                Charger other = chargers.values().stream()
                        .filter(c -> c.reader().equals(reader))
                        .findFirst()
                        .orElse(null);
                if (other != null) {
                    throw readerNode.error(
                            "charger [" + chargerId + "] reader [" + reader.get() + "] is already the reader of"
                                    + " charger [" + other.id() + "] (line " + other.line() + ")");
                }
            }
            YamlNode controlNode = node.optional("control");
            Optional<BuildingConfig.ChargerControl> control =
                    controlNode == null ? Optional.empty() : Optional.of(control(controlNode, chargerId, buses));
            Charger charger = new Charger(
                    chargerId, node.required("name", "charger").text("charger name"), reader, control, node.line());
            Charger first = chargers.putIfAbsent(charger.id(), charger);
            if (first != null) {
                throw idNode.error(
                        "charger id [" + charger.id() + "] is used twice (first at line " + first.line() + ")");
            }
        }

        List<Meter> meters = new ArrayList<>();
        Map<String, Meter> byName = new HashMap<>();
        Map<String, Integer> unitLines = new HashMap<>();
        for (YamlNode node : root.required("meters", "building file").asList("meters")) {
            node.onlyKeys("meter", METER_KEYS);
            YamlNode nameNode = node.required("name", "meter");
            String meterName = nameNode.text("meter name");
            if (byName.containsKey(meterName)) {
                throw nameNode.error("meter name [" + meterName + "] is used twice (first at line "
                        + byName.get(meterName).line() + ")");
            }
            String m = "meter [" + meterName + "] ";
            YamlNode importNode = node.optional("importOnly");
            boolean importOnly = importNode != null && importNode.bool("importOnly");
            Bus bus = null;
            long unitId = 0;
            String modelId = null;
            if (importOnly) {
                for (String key : List.of("bus", "unitId")) {
                    if (node.optional(key) != null) {
                        throw node.optional(key).error(m + "is importOnly and must not have a " + key);
                    }
                }
                YamlNode modelNode = node.optional("model");
                if (modelNode != null) {
                    modelId = modelNode.text("model");
                    if (catalog.find(modelId).isEmpty()) {
                        throw modelNode.error(m + "model [" + modelId + "] is unknown; known: " + catalog.ids());
                    }
                }
            } else {
                YamlNode busNode = node.required("bus", "meter");
                bus = buses.get(busNode.text("bus"));
                if (bus == null) {
                    throw busNode.error(m + "bus [" + busNode.text("bus") + "] is unknown; known: " + buses.keySet());
                }
                YamlNode unitNode = node.required("unitId", "meter");
                java.math.BigInteger unitValue = unitNode.bigInteger("unitId");
                unitId = unitValue.bitLength() > 31 ? -1 : unitValue.longValue();
                if (unitId < 1 || unitId > 247) {
                    throw unitNode.error(m + "unit id [" + unitNode.text("unitId") + "] is out of range 1..247");
                }
                Integer firstUnit = unitLines.putIfAbsent(bus.id() + "/" + unitId, unitNode.line());
                if (firstUnit != null) {
                    throw unitNode.error(m + "unit id [" + unitId + "] is used twice on bus [" + bus.id()
                            + "] (first at line " + firstUnit + ")");
                }
                YamlNode modelNode = node.required("model", "meter");
                String id = modelNode.text("model");
                modelId = id;
                RegisterMap model = catalog.find(id)
                        .orElseThrow(
                                () -> modelNode.error(m + "model [" + id + "] is unknown; known: " + catalog.ids()));
                if (bus instanceof RtuBus rtu && model.maxBaud() != null && rtu.baud() > model.maxBaud()) {
                    throw modelNode.error(
                            m + "model [" + modelId + "] supports at most [" + model.maxBaud() + "] baud but bus ["
                                    + rtu.id() + "] runs at [" + rtu.baud() + "] (line " + rtu.line() + ")");
                }
            }
            YamlNode roleNode = node.required("role", "meter");
            MeterRole role = Arrays.stream(MeterRole.values())
                    .filter(r -> r.name().equals(roleNode.text("role")))
                    .findFirst()
                    .orElseThrow(() -> roleNode.error(m + "role [" + roleNode.text("role") + "] is unknown; known: "
                            + Arrays.toString(MeterRole.values())));
            YamlNode aptNode = node.optional("apartment");
            YamlNode chargerNode = node.optional("charger");
            String apartment = aptNode == null ? null : aptNode.text("apartment");
            String charger = chargerNode == null ? null : chargerNode.text("charger");
            switch (role) {
                case APARTMENT -> {
                    if (apartment == null) {
                        throw node.error(m + "role [APARTMENT] needs an apartment");
                    }
                    if (charger != null) {
                        throw chargerNode.error(m + "role [APARTMENT] must not name a charger [" + charger + "]");
                    }
                    if (!apartments.containsKey(apartment)) {
                        throw aptNode.error(
                                m + "apartment [" + apartment + "] is unknown; known: " + apartments.keySet());
                    }
                }
                case CHARGER -> {
                    if (charger == null) {
                        throw node.error(m + "role [CHARGER] needs a charger");
                    }
                    if (apartment != null) {
                        throw aptNode.error(m + "role [CHARGER] must not name an apartment [" + apartment + "]");
                    }
                    if (!chargers.containsKey(charger)) {
                        throw chargerNode.error(
                                m + "charger [" + charger + "] is unknown; known: " + chargers.keySet());
                    }
                }
                default -> {
                    if (apartment != null) {
                        throw aptNode.error(m + "role [" + role + "] must not name an apartment [" + apartment + "]");
                    }
                    if (charger != null) {
                        throw chargerNode.error(m + "role [" + role + "] must not name a charger [" + charger + "]");
                    }
                }
            }
            YamlNode installedNode = node.optional("installed");
            java.time.LocalDate installed = null;
            if (installedNode != null) {
                try {
                    installed = java.time.LocalDate.parse(installedNode.text("installed"));
                } catch (java.time.format.DateTimeParseException e) {
                    throw installedNode.error(
                            m + "installed [" + installedNode.text("installed") + "] is not a day like 2026-01-01");
                }
            }
            YamlNode pointNode = node.optional("meteringPoint");
            String meteringPoint = null;
            if (pointNode != null) {
                org.hausmeter.ledger.mscons.MeteringPoint.Checked checked =
                        org.hausmeter.ledger.mscons.MeteringPoint.check(pointNode.text("meteringPoint"));
                if (!checked.ok()) {
                    throw pointNode.error(m + checked.problem());
                }
                meteringPoint = checked.id();
            }
            Meter meter = new Meter(
                    meterName,
                    bus == null ? null : bus.id(),
                    (int) unitId,
                    modelId,
                    role,
                    apartment,
                    charger,
                    installed,
                    meteringPoint,
                    node.line(),
                    importOnly,
                    calibration(node, m));
            meters.add(meter);
            byName.put(meterName, meter);
        }
        for (Charger charger : chargers.values()) {
            if (charger.control().isEmpty()) {
                continue;
            }
            BuildingConfig.ChargerControl c = charger.control().get();
            for (Meter meter : meters) {
                if (c.bus().equals(meter.bus())
                        && meter.unitId() == c.unitId()
                        && !charger.id().equals(meter.charger())) {
                    throw new BuildingConfigException(
                            file + ":" + c.line() + ": charger [" + charger.id() + "] control unit ["
                                    + c.unitId() + "] on bus [" + c.bus() + "] is meter [" + meter.name() + "] (line "
                                    + meter.line()
                                    + "), which is not this charger's meter",
                            c.line());
                }
            }
        }
        return new BuildingConfig(
                file.toString(),
                name,
                List.copyOf(buses.values()),
                List.copyOf(apartments.values()),
                List.copyOf(chargers.values()),
                meters);
    }

    /** Keys {@code verified} (a year) and {@code validUntil} (a day) of the calibration register. */
    private static org.hausmeter.ledger.Calibration calibration(YamlNode node, String m) {
        YamlNode verifiedNode = node.optional("verified");
        Integer year = verifiedNode == null
                ? null
                : (int) verifiedNode.integer(
                        "verified",
                        org.hausmeter.ledger.Calibration.MIN_YEAR,
                        org.hausmeter.ledger.Calibration.MAX_YEAR);
        YamlNode untilNode = node.optional("validUntil");
        java.time.LocalDate until = null;
        if (untilNode != null) {
            try {
                until = java.time.LocalDate.parse(untilNode.text("validUntil"));
            } catch (java.time.format.DateTimeParseException e) {
                throw untilNode.error(
                        m + "validUntil [" + untilNode.text("validUntil") + "] is not a day like 2031-12-31");
            }
        }
        try {
            return new org.hausmeter.ledger.Calibration(year, until);
        } catch (IllegalArgumentException e) {
            throw node.error(m + e.getMessage());
        }
    }

    private static BuildingConfig.ChargerControl control(YamlNode node, String chargerId, Map<String, Bus> buses) {
        String c = "charger [" + chargerId + "] control ";
        YamlNode profileNode = node.required("profile", "control");
        String profile = profileNode.text("profile");
        YamlNode busNode = node.required("bus", "control");
        Bus bus = buses.get(busNode.text("bus"));
        if (bus == null) {
            throw busNode.error(c + "bus [" + busNode.text("bus") + "] is unknown; known: " + buses.keySet());
        }
        YamlNode unitNode = node.required("unitId", "control");
        int maxUnit = bus instanceof TcpBus ? 255 : 247;
        java.math.BigInteger unitValue = unitNode.bigInteger("unitId");
        long unitId = unitValue.bitLength() > 31 ? -1 : unitValue.longValue();
        if (unitId < 1 || unitId > maxUnit) {
            throw unitNode.error(c + "unit id [" + unitNode.text("unitId") + "] is out of range 1.." + maxUnit);
        }
        Map<String, Long> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : node.asMap("control").entrySet()) {
            if (CONTROL_FIXED_KEYS.contains(e.getKey())) {
                continue;
            }
            if (!PARAMETER_NAME.matcher(e.getKey()).matches()) {
                throw e.getValue().error(c + "parameter name [" + e.getKey() + "] is not a plain name");
            }
            parameters.put(e.getKey(), e.getValue().integer(e.getKey(), Integer.MIN_VALUE, Integer.MAX_VALUE));
        }
        return new BuildingConfig.ChargerControl(profile, bus.id(), (int) unitId, parameters, node.line());
    }

    private static Bus bus(YamlNode node) {
        YamlNode typeNode = node.required("type", "bus");
        String type = typeNode.text("bus type");
        String id = node.required("id", "bus").text("bus id");
        return switch (type) {
            case "rtu" -> {
                node.onlyKeys("rtu bus", RTU_KEYS);
                YamlNode baudNode = node.required("baud", "bus");
                int baud = (int) baudNode.integer("baud", 1, 1_000_000);
                if (!RegisterMapCatalog.STANDARD_BAUDS.contains(baud)) {
                    throw baudNode.error("bus [" + id + "] baud [" + baud + "] is not a standard rate "
                            + RegisterMapCatalog.STANDARD_BAUDS);
                }
                YamlNode parityNode = node.required("parity", "bus");
                Parity parity = switch (parityNode.text("parity")) {
                    case "none" -> Parity.NONE;
                    case "even" -> Parity.EVEN;
                    case "odd" -> Parity.ODD;
                    default ->
                        throw parityNode.error("bus [" + id + "] parity [" + parityNode.text("parity")
                                + "] must be none, even or odd");
                };
                YamlNode dataNode = node.required("dataBits", "bus");
                int dataBits = (int) dataNode.integer("dataBits", 7, 8);
                YamlNode stopNode = node.required("stopBits", "bus");
                int stopBits = (int) stopNode.integer("stopBits", 1, 2);
                yield new RtuBus(
                        id,
                        node.required("device", "bus").text("device"),
                        baud,
                        parity,
                        dataBits,
                        stopBits,
                        node.line());
            }
            case "tcp", "rtu-over-tcp" -> {
                node.onlyKeys(type + " bus", TCP_KEYS);
                String host = node.required("host", "bus").text("host");
                int port = (int) node.required("port", "bus").integer("port", 1, 65535);
                yield type.equals("tcp")
                        ? new TcpBus(id, host, port, node.line())
                        : new RtuOverTcpBus(id, host, port, node.line());
            }
            default -> throw typeNode.error("bus [" + id + "] type [" + type + "] must be rtu, tcp or rtu-over-tcp");
        };
    }
}
