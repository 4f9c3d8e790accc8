package org.hausmeter.bus.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A YAML document as a small tree whose every node remembers its 1-based line, so that a
 * validator can report {@code file:line: problem}. Scalars keep their source text; numbers are
 * parsed here (decimal or {@code 0x} hex), never by the YAML library. Duplicate mapping keys
 * are refused.
 */
public final class YamlNode {

    private static final YAMLFactory YAML = new YAMLFactory();

    private final String file;
    private final int line;
    private final String scalar;
    private final boolean isNull;
    private final Map<String, YamlNode> map;
    private final List<YamlNode> list;
    private final BiFunction<String, Integer, RuntimeException> errors;

    private YamlNode(
            String file,
            int line,
            String scalar,
            boolean isNull,
            Map<String, YamlNode> map,
            List<YamlNode> list,
            BiFunction<String, Integer, RuntimeException> errors) {
        this.file = file;
        this.line = line;
        this.scalar = scalar;
        this.isNull = isNull;
        this.map = map;
        this.list = list;
        this.errors = errors;
    }

    /**
     * Parses a whole file. {@code errors} builds the exception thrown for any problem from a
     * message of the form {@code file:line: problem} and the line.
     */
    public static YamlNode parse(Path path, String displayName, BiFunction<String, Integer, RuntimeException> errors) {
        try (JsonParser parser = YAML.createParser(Files.newBufferedReader(path))) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw errors.apply(displayName + ":1: file is empty", 1);
            }
            YamlNode root = read(parser, displayName, errors);
            return root;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw errors.apply(displayName + ":" + line + ": not valid YAML: " + e.getOriginalMessage(), line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read [" + displayName + "]", e);
        }
    }

    private static YamlNode read(JsonParser parser, String file, BiFunction<String, Integer, RuntimeException> errors)
            throws IOException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, YamlNode> map = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = parser.currentTokenLocation().getLineNr();
                parser.nextToken();
                YamlNode value = read(parser, file, errors);
                if (map.containsKey(key)) {
                    throw errors.apply(
                            file + ":" + keyLine + ": key [" + key + "] appears twice (first at line "
                                    + map.get(key).line + ")",
                            keyLine);
                }
                map.put(key, value);
            }
            return new YamlNode(file, line, null, false, Collections.unmodifiableMap(map), null, errors);
        }
        if (token == JsonToken.START_ARRAY) {
            List<YamlNode> list = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                list.add(read(parser, file, errors));
            }
            return new YamlNode(file, line, null, false, null, List.copyOf(list), errors);
        }
        boolean isNull = token == JsonToken.VALUE_NULL;
        return new YamlNode(file, line, isNull ? null : parser.getText(), isNull, null, null, errors);
    }

    public int line() {
        return line;
    }

    public String file() {
        return file;
    }

    /** An exception for a problem at this node's line. */
    public RuntimeException error(String problem) {
        return errors.apply(file + ":" + line + ": " + problem, line);
    }

    public boolean isNull() {
        return isNull;
    }

    public boolean isMap() {
        return map != null;
    }

    public Map<String, YamlNode> asMap(String what) {
        if (map == null) {
            throw error(what + " must be a mapping");
        }
        return map;
    }

    public List<YamlNode> asList(String what) {
        if (list == null) {
            throw error(what + " must be a list");
        }
        return list;
    }

    /** Refuses keys outside {@code allowed}, naming the first unknown one. */
    public void onlyKeys(String what, Set<String> allowed) {
        for (Map.Entry<String, YamlNode> e : asMap(what).entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw e.getValue().error("unknown key [" + e.getKey() + "] in " + what + "; allowed: " + allowed);
            }
        }
    }

    /** The child, or an error at this node's line if it is missing. Present but null is allowed. */
    public YamlNode required(String key, String what) {
        YamlNode child = asMap(what).get(key);
        if (child == null) {
            throw error(what + " has no [" + key + "]");
        }
        return child;
    }

    /** The child or {@code null} if the key is absent. */
    public YamlNode optional(String key) {
        return map == null ? null : map.get(key);
    }

    public String text(String what) {
        if (scalar == null) {
            throw error(what + " must be a non-empty value");
        }
        if (scalar.isBlank()) {
            throw error(what + " must not be blank");
        }
        return scalar;
    }

    /** Whole number, decimal or {@code 0x}-prefixed hex, within {@code min..max}. */
    public long integer(String what, long min, long max) {
        BigInteger value = bigInteger(what);
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw error(what + " [" + scalar + "] is out of range " + min + ".." + max);
        }
        return value.longValue();
    }

    public BigInteger bigInteger(String what) {
        String text = text(what).trim().replace("_", "");
        try {
            boolean negative = text.startsWith("-");
            String digits = negative || text.startsWith("+") ? text.substring(1) : text;
            BigInteger value = digits.startsWith("0x") || digits.startsWith("0X")
                    ? new BigInteger(digits.substring(2), 16)
                    : new BigInteger(digits);
            return negative ? value.negate() : value;
        } catch (NumberFormatException e) {
            throw error(what + " [" + scalar + "] is not a whole number");
        }
    }

    public boolean bool(String what) {
        String text = text(what);
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(what + " [" + text + "] must be true or false");
        };
    }
}
