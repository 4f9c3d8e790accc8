package org.hausmeter.bus.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hausmeter.bus.FunctionCode;
import org.hausmeter.bus.Quantity;
import org.hausmeter.bus.ReadPlanner;
import org.hausmeter.bus.Register;
import org.hausmeter.bus.RegisterMap;
import org.hausmeter.bus.RegisterType;
import org.hausmeter.bus.WordOrder;

/**
 * All meter models of one installation, loaded from {@code modbus-bus-config/models/*.yaml}
 * (schema in {@code modbus-bus-config/README.md}). Loading validates every file and refuses the
 * first problem with a {@link RegisterMapException} naming file and line.
 */
public final class RegisterMapCatalog {

    /** Baud rates accepted for {@code maxBaud} and bus {@code baud}. */
    public static final Set<Integer> STANDARD_BAUDS = Set.of(1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200);

    private static final Set<String> TOP_KEYS = Set.of(
            "model",
            "description",
            "source",
            "maxBaud",
            "minPauseMs",
            "maxRegistersPerRead",
            "function",
            "wordOrder",
            "notAvailable",
            "sunspecModels",
            "registers");
    private static final Set<String> REGISTER_KEYS = Set.of(
            "quantity",
            "function",
            "address",
            "type",
            "wordOrder",
            "multiplier",
            "divisor",
            "unit",
            "scaleFactorAddress",
            "invert",
            "sunspecModels",
            "comment");

    private final Map<String, RegisterMap> maps;

    private RegisterMapCatalog(Map<String, RegisterMap> maps) {
        this.maps = maps;
    }

    /** Loads and validates every {@code *.yaml} file directly in {@code dir}. */
    public static RegisterMapCatalog load(Path dir) {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list register maps in [" + dir + "]", e);
        }
        Map<String, RegisterMap> maps = new LinkedHashMap<>();
        for (Path file : files) {
            RegisterMap map = loadFile(file);
            maps.put(map.id(), map);
        }
        return new RegisterMapCatalog(maps);
    }

    /** A catalog of already built maps (tests, simulators). */
    public static RegisterMapCatalog of(List<RegisterMap> maps) {
        Map<String, RegisterMap> byId = new LinkedHashMap<>();
        maps.forEach(m -> byId.put(m.id(), m));
        return new RegisterMapCatalog(byId);
    }

    /** The model ids, in file-name order. */
    public Set<String> ids() {
        return maps.keySet();
    }

    /** The map of model {@code id}, if loaded. */
    public Optional<RegisterMap> find(String id) {
        return Optional.ofNullable(maps.get(id));
    }

    /**
     * The map of model {@code id}.
     *
     * @throws IllegalArgumentException if there is no such model
     */
    public RegisterMap get(String id) {
        RegisterMap map = maps.get(id);
        if (map == null) {
            throw new IllegalArgumentException("unknown meter model [" + id + "]; known: " + maps.keySet());
        }
        return map;
    }

    /** Loads and validates one register-map file. */
    public static RegisterMap loadFile(Path file) {
        String name = file.toString();
        YamlNode root = YamlNode.parse(file, name, RegisterMapException::new);
        root.onlyKeys("register map", TOP_KEYS);
        String stem = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        YamlNode modelNode = root.required("model", "register map");
        String id = modelNode.text("model");
        if (!id.equals(stem)) {
            throw modelNode.error("model id [" + id + "] differs from the file name [" + stem + "]");
        }
        String description = root.required("description", "register map").text("description");
        String source = root.required("source", "register map").text("source");
        Integer maxBaud = optionalInt(root.required("maxBaud", "register map"), "maxBaud", 1200, 115200);
        if (maxBaud != null && !STANDARD_BAUDS.contains(maxBaud)) {
            throw root.optional("maxBaud").error("maxBaud [" + maxBaud + "] is not a standard rate " + STANDARD_BAUDS);
        }
        Integer minPause = optionalInt(root.required("minPauseMs", "register map"), "minPauseMs", 0, 60_000);
        YamlNode maxReadNode = root.optional("maxRegistersPerRead");
        int maxRead = maxReadNode == null
                ? ReadPlanner.MODBUS_MAX_REGISTERS
                : (int) maxReadNode.integer("maxRegistersPerRead", 1, ReadPlanner.MODBUS_MAX_REGISTERS);
        FunctionCode defaultFunction = function(root.required("function", "register map"));
        WordOrder defaultOrder = wordOrder(root.required("wordOrder", "register map"));
        Map<RegisterType, Long> notAvailable = notAvailable(root.optional("notAvailable"));
        Map<Integer, YamlNode> sunspecModels = sunspecModels(root.optional("sunspecModels"));

        YamlNode registersNode = root.required("registers", "register map");
        List<YamlNode> entries = registersNode.asList("registers");
        if (entries.isEmpty()) {
            throw registersNode.error("registers must not be empty");
        }
        List<Register> registers = new ArrayList<>();
        for (YamlNode entry : entries) {
            registers.add(register(entry, defaultFunction, defaultOrder, sunspecModels));
        }
        checkConsistency(name, entries, registers);
        return new RegisterMap(id, description, source, maxBaud, minPause, maxRead, notAvailable, registers, name);
    }

    private static Register register(
            YamlNode entry,
            FunctionCode defaultFunction,
            WordOrder defaultOrder,
            Map<Integer, YamlNode> declaredModels) {
        entry.onlyKeys("register", REGISTER_KEYS);
        YamlNode qNode = entry.required("quantity", "register");
        String qText = qNode.text("quantity");
        Quantity quantity = Arrays.stream(Quantity.values())
                .filter(q -> q.name().equals(qText))
                .findFirst()
                .orElseThrow(() ->
                        qNode.error("unknown quantity [" + qText + "]; known: " + Arrays.toString(Quantity.values())));
        YamlNode tNode = entry.required("type", "register");
        RegisterType type = RegisterType.ofYaml(tNode.text("type"));
        if (type == null || type == RegisterType.SUNSSF) {
            throw tNode.error("unknown register type [" + tNode.text("type") + "]; known: "
                    + Arrays.stream(RegisterType.values())
                            .filter(t -> t != RegisterType.SUNSSF)
                            .map(RegisterType::yamlName)
                            .toList()
                    + " (sunssf only through scaleFactorAddress)");
        }
        YamlNode aNode = entry.required("address", "register");
        int address = (int) aNode.integer("address", 0, 65535);
        if (address + type.words() - 1 > 65535) {
            throw aNode.error(
                    "address [" + aNode.text("address") + "] + " + type.words() + " registers runs past 65535");
        }
        FunctionCode function =
                entry.optional("function") == null ? defaultFunction : function(entry.optional("function"));
        WordOrder order = entry.optional("wordOrder") == null ? defaultOrder : wordOrder(entry.optional("wordOrder"));
        long multiplier = entry.optional("multiplier") == null
                ? 1
                : entry.optional("multiplier").integer("multiplier", 1, 1_000_000);
        long divisor = entry.optional("divisor") == null
                ? 1
                : entry.optional("divisor").integer("divisor", 1, 1_000_000);
        YamlNode uNode = entry.required("unit", "register");
        String unit = uNode.text("unit");
        if (quantity.unit().factorFrom(unit) == 0) {
            throw uNode.error("unit [" + unit + "] cannot be converted to " + quantity.unit() + " for " + quantity
                    + "; allowed: " + quantity.unit().datasheetUnits());
        }
        Integer sfAddress = null;
        YamlNode sfNode = entry.optional("scaleFactorAddress");
        if (sfNode != null) {
            if (type == RegisterType.FLOAT32) {
                throw sfNode.error("scaleFactorAddress is not allowed on a float32 register");
            }
            sfAddress = (int) sfNode.integer("scaleFactorAddress", 0, 65535);
        }
        boolean invert =
                entry.optional("invert") != null && entry.optional("invert").bool("invert");
        List<Integer> models = new ArrayList<>();
        YamlNode mNode = entry.optional("sunspecModels");
        if (mNode != null) {
            for (YamlNode m : mNode.asList("sunspecModels")) {
                int model = (int) m.integer("SunSpec model id", 1, 65534);
                if (!declaredModels.containsKey(model)) {
                    throw m.error("SunSpec model [" + model + "] is not declared under sunspecModels");
                }
                models.add(model);
            }
            if (models.isEmpty()) {
                throw mNode.error("sunspecModels must not be empty");
            }
        } else if (!declaredModels.isEmpty()) {
            throw entry.error("register [" + quantity + "] needs sunspecModels in a SunSpec map");
        }
        String comment = entry.optional("comment") == null
                ? null
                : entry.optional("comment").text("comment");
        if (comment == null) {
            throw entry.error("register [" + quantity + "] has no comment with the datasheet row");
        }
        return new Register(
                quantity,
                function,
                address,
                type,
                order,
                multiplier,
                divisor,
                unit,
                sfAddress,
                invert,
                models,
                comment,
                entry.line());
    }

    /** Overlapping registers and duplicate quantities, per function code and SunSpec model. */
    private static void checkConsistency(String file, List<YamlNode> entries, List<Register> registers) {
        record Cell(FunctionCode function, int model, int address) {}
        Map<Cell, Register> values = new HashMap<>();
        Map<Cell, Register> scaleFactors = new HashMap<>();
        Map<String, Register> quantities = new HashMap<>();
        for (int i = 0; i < registers.size(); i++) {
            Register r = registers.get(i);
            YamlNode entry = entries.get(i);
            List<Integer> models = r.sunspecModels().isEmpty() ? List.of(0) : r.sunspecModels();
            for (int model : models) {
                Register first = quantities.putIfAbsent(r.quantity() + "/" + model, r);
                if (first != null) {
                    throw entry.error("quantity [" + r.quantity() + "] appears twice"
                            + (model == 0 ? "" : " in SunSpec model [" + model + "]") + " (first at line "
                            + first.line() + ")");
                }
                for (int a = r.address(); a < r.end(); a++) {
                    Cell cell = new Cell(r.function(), model, a);
                    Register other = values.get(cell);
                    if (other == null) {
                        other = scaleFactors.get(cell);
                    }
                    if (other != null) {
                        throw entry.error("register [" + r.quantity() + "] at [" + Register.hex(r.address()) + ".."
                                + Register.hex(r.end() - 1) + "] overlaps [" + other.quantity() + "] (line "
                                + other.line() + ")");
                    }
                    values.put(cell, r);
                }
            }
        }
        for (int i = 0; i < registers.size(); i++) {
            Register r = registers.get(i);
            if (r.scaleFactorAddress() == null) {
                continue;
            }
            List<Integer> models = r.sunspecModels().isEmpty() ? List.of(0) : r.sunspecModels();
            for (int model : models) {
                Register other = values.get(new Cell(r.function(), model, r.scaleFactorAddress()));
                if (other != null) {
                    throw entries.get(i)
                            .optional("scaleFactorAddress")
                            .error("scale factor of [" + r.quantity() + "] at [" + Register.hex(r.scaleFactorAddress())
                                    + "] overlaps [" + other.quantity() + "] (line " + other.line() + ")");
                }
            }
        }
    }

    private static Integer optionalInt(YamlNode node, String what, long min, long max) {
        return node.isNull() ? null : (int) node.integer(what, min, max);
    }

    private static FunctionCode function(YamlNode node) {
        String text = node.text("function");
        return switch (text) {
            case "input" -> FunctionCode.INPUT;
            case "holding" -> FunctionCode.HOLDING;
            default -> throw node.error("unknown function [" + text + "]; allowed: [input, holding]");
        };
    }

    private static WordOrder wordOrder(YamlNode node) {
        WordOrder order = WordOrder.ofYaml(node.text("wordOrder"));
        if (order == null) {
            throw node.error("unknown word order [" + node.text("wordOrder") + "]; allowed: [msw-first, lsw-first]");
        }
        return order;
    }

    private static Map<RegisterType, Long> notAvailable(YamlNode node) {
        Map<RegisterType, Long> result = new EnumMap<>(RegisterType.class);
        if (node == null) {
            return result;
        }
        for (Map.Entry<String, YamlNode> e : node.asMap("notAvailable").entrySet()) {
            RegisterType type = RegisterType.ofYaml(e.getKey());
            if (type == null) {
                throw e.getValue().error("unknown register type [" + e.getKey() + "] in notAvailable");
            }
            var value = e.getValue().bigInteger("notAvailable." + e.getKey());
            if (value.signum() < 0 || value.bitLength() > 16 * type.words()) {
                throw e.getValue()
                        .error("notAvailable [" + e.getValue().text("notAvailable") + "] does not fit "
                                + type.yamlName() + " (write the raw bit pattern in hex)");
            }
            result.put(type, value.longValue());
        }
        return result;
    }

    private static Map<Integer, YamlNode> sunspecModels(YamlNode node) {
        Map<Integer, YamlNode> result = new LinkedHashMap<>();
        if (node == null) {
            return result;
        }
        for (YamlNode m : node.asList("sunspecModels")) {
            m.onlyKeys("SunSpec model", Set.of("id", "name", "comment"));
            YamlNode idNode = m.required("id", "SunSpec model");
            int id = (int) idNode.integer("SunSpec model id", 1, 65534);
            m.required("name", "SunSpec model").text("name");
            if (result.containsKey(id)) {
                throw idNode.error("SunSpec model [" + id + "] is declared twice (first at line "
                        + result.get(id).line() + ")");
            }
            result.put(id, m);
        }
        return result;
    }

    @Override
    public String toString() {
        return maps.keySet().stream().collect(Collectors.joining(", ", "RegisterMapCatalog[", "]"));
    }
}
