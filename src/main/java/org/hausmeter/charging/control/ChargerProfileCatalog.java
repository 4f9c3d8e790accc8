package org.hausmeter.charging.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hausmeter.bus.config.BuildingConfig;
import org.hausmeter.bus.config.YamlNode;
import org.hausmeter.charging.control.ChargerProfile.Parameter;
import org.hausmeter.charging.control.ChargerProfile.Space;
import org.hausmeter.charging.control.ChargerProfile.StateRead;
import org.hausmeter.charging.control.ChargerProfile.Value;
import org.hausmeter.charging.control.ChargerProfile.VehicleRead;
import org.hausmeter.charging.control.ChargerProfile.Write;
import org.hausmeter.charging.control.ChargerProfile.WriteFunction;

/**
 * All charger control profiles of an installation, loaded from {@code modbus-bus-config/chargers/*.yaml}
 * (schema in {@code modbus-bus-config/README.md}). Loading validates every file and refuses the first
 * problem with a {@link ChargerProfileException} naming file and line. Plain Java, no framework.
 */
public final class ChargerProfileCatalog {

    private static final Set<String> TOP_KEYS = Set.of(
            "profile",
            "description",
            "source",
            "transport",
            "parameters",
            "setup",
            "enable",
            "disable",
            "enabledState",
            "vehicle",
            "keepAliveMs",
            "limit");
    private static final Set<String> PARAMETER_KEYS = Set.of("name", "default", "min", "max", "comment");
    private static final Set<String> WRITE_KEYS = Set.of("coil", "holding", "on", "value", "function", "comment");
    private static final Set<String> STATE_KEYS = Set.of("coil", "holding", "input", "comment");
    private static final Set<String> VEHICLE_KEYS =
            Set.of("holding", "input", "lowByte", "unplugged", "plugged", "charging", "comment");
    private static final Pattern PARAMETER_VALUE =
            Pattern.compile("\\$\\{([a-z][A-Za-z0-9]{0,31})}(?:([*/])(\\d{1,6}))?");
    private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,31}");

    private final Map<String, ChargerProfile> profiles;

    private ChargerProfileCatalog(Map<String, ChargerProfile> profiles) {
        this.profiles = profiles;
    }

    /** Loads and validates every {@code *.yaml} file directly in {@code dir}; a missing directory is an empty catalog. */
    public static ChargerProfileCatalog load(Path dir) {
        if (!Files.isDirectory(dir)) {
            return new ChargerProfileCatalog(Map.of());
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list charger profiles in [" + dir + "]", e);
        }
        Map<String, ChargerProfile> profiles = new LinkedHashMap<>();
        for (Path file : files) {
            ChargerProfile p = loadFile(file);
            profiles.put(p.id(), p);
        }
        return new ChargerProfileCatalog(Map.copyOf(profiles));
    }

    public Optional<ChargerProfile> find(String id) {
        return Optional.ofNullable(profiles.get(id));
    }

    public Set<String> ids() {
        return new TreeSet<>(profiles.keySet());
    }

    /**
     * The parameters of a charger's control: the profile's defaults overridden by the building file,
     * every one in its range, no unknown names; every address and written word resolved in 0..65535.
     *
     * @throws ChargerProfileException naming the building file line
     */
    public Map<String, Long> bind(BuildingConfig.ChargerControl control, String chargerId, String buildingFile) {
        String where = buildingFile + ":" + control.line() + ": charger [" + chargerId + "] control ";
        ChargerProfile profile = find(control.profile())
                .orElseThrow(() -> new ChargerProfileException(
                        where + "profile [" + control.profile() + "] is unknown; known: " + ids()));
        Map<String, Long> values = new LinkedHashMap<>();
        for (Parameter p : profile.parameters().values()) {
            if (p.defaultValue() != null) {
                values.put(p.name(), p.defaultValue());
            }
        }
        for (Map.Entry<String, Long> e : control.parameters().entrySet()) {
            Parameter p = profile.parameters().get(e.getKey());
            if (p == null) {
                throw new ChargerProfileException(
                        where + "parameter [" + e.getKey() + "] is not one of profile [" + profile.id() + "]: "
                                + new TreeSet<>(profile.parameters().keySet()));
            }
            if (e.getValue() < p.min() || e.getValue() > p.max()) {
                throw new ChargerProfileException(where + "parameter [" + e.getKey() + "] = [" + e.getValue()
                        + "] is out of range " + p.min() + ".." + p.max());
            }
            values.put(e.getKey(), e.getValue());
        }
        for (Parameter p : profile.parameters().values()) {
            if (!values.containsKey(p.name())) {
                throw new ChargerProfileException(
                        where + "parameter [" + p.name() + "] must be set (" + p.comment() + ")");
            }
        }
        List<Write> writes = new ArrayList<>(profile.setup());
        writes.addAll(profile.enable());
        writes.addAll(profile.disable());
        for (Write w : writes) {
            word(where, "address", w.address().resolve(values));
            if (w.space() == Space.HOLDING) {
                word(where, "value written to [" + w.address() + "]", w.value().resolve(values));
            }
        }
        word(where, "state address", profile.enabledState().address().resolve(values));
        profile.vehicle()
                .ifPresent(v -> word(where, "vehicle address", v.address().resolve(values)));
        profile.keepAlive().ifPresent(k -> {
            if (k.resolve(values) < 100) {
                throw new ChargerProfileException(
                        where + "keep-alive interval [" + k.resolve(values) + "] ms is below 100 ms");
            }
        });
        return Map.copyOf(values);
    }

    private static void word(String where, String what, long v) {
        if (v < 0 || v > 0xFFFF) {
            throw new ChargerProfileException(where + what + " [" + v + "] is out of 0..65535");
        }
    }

    static ChargerProfile loadFile(Path file) {
        YamlNode root = YamlNode.parse(file, file.toString(), (message, line) -> new ChargerProfileException(message));
        root.onlyKeys("charger profile", TOP_KEYS);
        YamlNode idNode = root.required("profile", "charger profile");
        String id = idNode.text("profile");
        String expected = file.getFileName().toString().replaceFirst("\\.yaml$", "");
        if (!id.equals(expected)) {
            throw idNode.error("profile [" + id + "] must equal the file name [" + expected + "]");
        }
        String description = root.required("description", "charger profile").text("description");
        String source = root.required("source", "charger profile").text("source");
        YamlNode transportNode = root.required("transport", "charger profile");
        ChargerProfile.Transport transport = switch (transportNode.text("transport")) {
            case "any" -> ChargerProfile.Transport.ANY;
            case "tcp" -> ChargerProfile.Transport.TCP;
            case "rtu" -> ChargerProfile.Transport.RTU;
            default ->
                throw transportNode.error(
                        "transport [" + transportNode.text("transport") + "] must be any, tcp or rtu");
        };
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        YamlNode paramsNode = root.optional("parameters");
        for (YamlNode node : paramsNode == null ? List.<YamlNode>of() : paramsNode.asList("parameters")) {
            node.onlyKeys("parameter", PARAMETER_KEYS);
            YamlNode nameNode = node.required("name", "parameter");
            String name = nameNode.text("parameter name");
            if (!NAME.matcher(name).matches()) {
                throw nameNode.error("parameter name [" + name + "] is not a plain name");
            }
            long min = node.required("min", "parameter").integer("min", Integer.MIN_VALUE, Integer.MAX_VALUE);
            long max = node.required("max", "parameter").integer("max", min, Integer.MAX_VALUE);
            YamlNode defNode = node.optional("default");
            Long def = defNode == null || defNode.isNull() ? null : defNode.integer("default", min, max);
            String comment = node.required("comment", "parameter").text("comment");
            if (parameters.put(name, new Parameter(name, def, min, max, comment)) != null) {
                throw nameNode.error("parameter [" + name + "] is declared twice");
            }
        }
        List<Write> setup = writes(root.optional("setup"), "setup", parameters);
        List<Write> enable = writes(root.required("enable", "charger profile"), "enable", parameters);
        List<Write> disable = writes(root.required("disable", "charger profile"), "disable", parameters);
        if (enable.isEmpty() || disable.isEmpty()) {
            throw root.error("enable and disable must each have at least one write");
        }
        YamlNode stateNode = root.required("enabledState", "charger profile");
        stateNode.onlyKeys("enabledState", STATE_KEYS);
        SpaceAddress state = spaceAddress(stateNode, "enabledState", parameters, true);
        StateRead enabledState = new StateRead(
                state.space,
                state.address,
                stateNode.required("comment", "enabledState").text("comment"));
        Optional<VehicleRead> vehicle = Optional.empty();
        YamlNode vehicleNode = root.optional("vehicle");
        if (vehicleNode != null) {
            vehicleNode.onlyKeys("vehicle", VEHICLE_KEYS);
            SpaceAddress at = spaceAddress(vehicleNode, "vehicle", parameters, false);
            YamlNode lowNode = vehicleNode.optional("lowByte");
            boolean lowByte = lowNode != null && lowNode.bool("lowByte");
            Set<Integer> unplugged = codes(vehicleNode.required("unplugged", "vehicle"), "unplugged");
            Set<Integer> plugged = codes(vehicleNode.required("plugged", "vehicle"), "plugged");
            Set<Integer> charging = codes(vehicleNode.required("charging", "vehicle"), "charging");
            Set<Integer> all = new HashSet<>();
            for (Set<Integer> s : List.of(unplugged, plugged, charging)) {
                for (int c : s) {
                    if (!all.add(c)) {
                        throw vehicleNode.error("vehicle code [" + c + "] appears in more than one state");
                    }
                }
            }
            vehicle = Optional.of(new VehicleRead(
                    at.space,
                    at.address,
                    lowByte,
                    unplugged,
                    plugged,
                    charging,
                    vehicleNode.required("comment", "vehicle").text("comment")));
        }
        YamlNode keepAliveNode = root.optional("keepAliveMs");
        Optional<Value> keepAlive =
                keepAliveNode == null ? Optional.empty() : Optional.of(value(keepAliveNode, "keepAliveMs", parameters));
        Map<String, Parameter> withLimit = new LinkedHashMap<>(parameters);
        withLimit.put(
                ChargerProfile.LIMIT_PARAMETER,
                new Parameter(
                        ChargerProfile.LIMIT_PARAMETER, null, 0, 80, "current limit set by the power control, A"));
        List<Write> limit = writes(root.optional("limit"), "limit", withLimit);
        for (Write w : limit) {
            if (w.space() != Space.HOLDING
                    || w.value().parameter() == null
                    || !w.value().parameter().equals(ChargerProfile.LIMIT_PARAMETER)) {
                throw root.error("limit writes are holding writes of ${" + ChargerProfile.LIMIT_PARAMETER + "}");
            }
        }
        for (List<Write> ws : List.of(setup, enable, disable)) {
            for (Write w : ws) {
                if (w.value() != null
                        && ChargerProfile.LIMIT_PARAMETER.equals(w.value().parameter())) {
                    throw root.error("${" + ChargerProfile.LIMIT_PARAMETER + "} is only for limit writes");
                }
            }
        }
        return new ChargerProfile(
                id,
                description,
                source,
                transport,
                parameters,
                setup,
                enable,
                disable,
                enabledState,
                vehicle,
                keepAlive,
                limit);
    }

    private record SpaceAddress(Space space, Value address) {}

    private static SpaceAddress spaceAddress(
            YamlNode node, String what, Map<String, Parameter> parameters, boolean coilAllowed) {
        List<SpaceAddress> found = new ArrayList<>();
        for (Space s : Space.values()) {
            YamlNode a = node.optional(s.name().toLowerCase());
            if (a != null) {
                if (s == Space.COIL && !coilAllowed) {
                    throw a.error(what + " cannot be a coil");
                }
                found.add(new SpaceAddress(s, value(a, what + " address", parameters)));
            }
        }
        if (found.size() != 1) {
            throw node.error(what + " needs exactly one of coil, holding, input");
        }
        return found.get(0);
    }

    private static Set<Integer> codes(YamlNode node, String what) {
        Set<Integer> codes = new TreeSet<>();
        for (YamlNode c : node.asList(what)) {
            codes.add((int) c.integer(what, 0, 0xFFFF));
        }
        return Set.copyOf(codes);
    }

    private static List<Write> writes(YamlNode node, String what, Map<String, Parameter> parameters) {
        if (node == null) {
            return List.of();
        }
        List<Write> writes = new ArrayList<>();
        for (YamlNode w : node.asList(what)) {
            w.onlyKeys(what + " write", WRITE_KEYS);
            String comment = w.required("comment", what + " write").text("comment");
            YamlNode coil = w.optional("coil");
            YamlNode holding = w.optional("holding");
            if ((coil == null) == (holding == null)) {
                throw w.error(what + " write needs exactly one of coil, holding");
            }
            if (coil != null) {
                if (w.optional("value") != null || w.optional("function") != null) {
                    throw w.error(what + " coil write takes [on], not value/function");
                }
                writes.add(new Write(
                        Space.COIL,
                        value(coil, "coil address", parameters),
                        w.required("on", "coil write").bool("on"),
                        null,
                        null,
                        comment));
            } else {
                if (w.optional("on") != null) {
                    throw w.error(what + " holding write takes [value], not on");
                }
                YamlNode fn = w.required("function", "holding write");
                WriteFunction function = switch (fn.text("function")) {
                    case "fc06" -> WriteFunction.FC06;
                    case "fc16" -> WriteFunction.FC16;
                    default -> throw fn.error("function [" + fn.text("function") + "] must be fc06 or fc16");
                };
                writes.add(new Write(
                        Space.HOLDING,
                        value(holding, "holding address", parameters),
                        false,
                        value(w.required("value", "holding write"), "value", parameters),
                        function,
                        comment));
            }
        }
        return List.copyOf(writes);
    }

    private static Value value(YamlNode node, String what, Map<String, Parameter> parameters) {
        String text = node.text(what);
        Matcher m = PARAMETER_VALUE.matcher(text);
        if (m.matches()) {
            if (!parameters.containsKey(m.group(1))) {
                throw node.error(what + " [" + text + "] names parameter [" + m.group(1) + "], which is not declared");
            }
            long factor = m.group(3) == null ? 1 : Long.parseLong(m.group(3));
            if (factor == 0) {
                throw node.error(what + " [" + text + "] divides by 0");
            }
            boolean multiply = "*".equals(m.group(2));
            return new Value(null, m.group(1), multiply ? factor : 1, multiply || m.group(2) == null ? 1 : factor);
        }
        return Value.of(node.integer(what, 0, 0xFFFF_FFFFL));
    }
}
