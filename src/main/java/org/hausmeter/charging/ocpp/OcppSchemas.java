package org.hausmeter.charging.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The official OCPP 1.6 JSON schemas (draft 4), carried in {@code src/main/resources/ocpp/v16/schemas} (source,
 * commit and licence in its README), and the check of a payload against them. Each violation maps to the
 * CALLERROR code of OCPP-J 1.6 table 7: a wrong JSON type is a TypeConstraintViolation, a missing required field
 * an OccurenceConstraintViolation, a value outside its enumeration, length, range or format a
 * PropertyConstraintViolation, an unknown field a FormationViolation. Framework-free; thread-safe.
 */
public final class OcppSchemas {

    /** A payload that breaks its schema: the code to answer and the first violation as text. */
    public record Violation(OcppError.Code code, String description) {}

    private static final String DIR = "ocpp/v16/schemas/";
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private final SchemaValidatorsConfig config =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<String, Optional<JsonSchema>> schemas = new ConcurrentHashMap<>();

    /** Whether OCPP 1.6 has this action (a schema for its request). */
    public boolean knows(String action) {
        return schema(action).isPresent();
    }

    /** Checks a request ({@code response = false}) or a response of {@code action}. */
    public Optional<Violation> check(String action, boolean response, JsonNode payload) {
        Optional<JsonSchema> s = schema(response ? action + "Response" : action);
        if (s.isEmpty()) {
            return Optional.of(new Violation(OcppError.Code.NotImplemented, "No schema for " + action));
        }
        Set<ValidationMessage> messages = s.get().validate(payload);
        if (messages.isEmpty()) {
            return Optional.empty();
        }
        ValidationMessage first = messages.stream()
                .sorted((a, b) -> Integer.compare(rank(a.getType()), rank(b.getType())))
                .findFirst()
                .orElseThrow();
        return Optional.of(new Violation(codeOf(first.getType()), first.getMessage()));
    }

    private static int rank(String type) {
        return switch (type) {
            case "type" -> 0;
            case "required" -> 1;
            case "additionalProperties" -> 2;
            default -> 3;
        };
    }

    static OcppError.Code codeOf(String type) {
        return switch (type) {
            case "type" -> OcppError.Code.TypeConstraintViolation;
            case "required", "minItems", "maxItems" -> OcppError.Code.OccurenceConstraintViolation;
            case "additionalProperties" -> OcppError.Code.FormationViolation;
            default -> OcppError.Code.PropertyConstraintViolation;
        };
    }

    private Optional<JsonSchema> schema(String name) {
        if (!name.matches("[A-Za-z]{1,60}")) {
            return Optional.empty();
        }
        return schemas.computeIfAbsent(name, n -> {
            try (InputStream in = OcppSchemas.class.getClassLoader().getResourceAsStream(DIR + n + ".json")) {
                return in == null ? Optional.empty() : Optional.of(factory.getSchema(in, config));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
