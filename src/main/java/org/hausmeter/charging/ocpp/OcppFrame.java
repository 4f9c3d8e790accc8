package org.hausmeter.charging.ocpp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OCPP-J 1.6 message framing (section 4): a CALL {@code [2, id, action, payload]}, a CALLRESULT
 * {@code [3, id, payload]} and a CALLERROR {@code [4, id, code, description, details]}; the UniqueId is a string
 * of at most 36 characters. Pure: {@link #parse} never throws anything but {@link Malformed}, whatever the text.
 */
public sealed interface OcppFrame {

    int MAX_ID = 36;
    ObjectMapper JSON = new ObjectMapper();

    String uniqueId();

    record Call(String uniqueId, String action, ObjectNode payload) implements OcppFrame {}

    record CallResult(String uniqueId, JsonNode payload) implements OcppFrame {}

    record CallError(String uniqueId, String code, String description, JsonNode details) implements OcppFrame {}

    /**
     * A frame that cannot be read. {@code uniqueId} is the frame's id when it could be read (the CALLERROR answers
     * it), else "-1"; {@code answer} says whether a CALLERROR should go back at all (never for a broken answer).
     */
    final class Malformed extends Exception {
        public final String uniqueId;
        public final OcppError.Code code;
        public final boolean answer;

        Malformed(String uniqueId, OcppError.Code code, String message, boolean answer) {
            super(message);
            this.uniqueId = uniqueId;
            this.code = code;
            this.answer = answer;
        }
    }

    static OcppFrame parse(String text) throws Malformed {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new Malformed("-1", OcppError.Code.FormationViolation, "Not JSON: " + firstLine(e), true);
        }
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new Malformed("-1", OcppError.Code.FormationViolation, "A frame is a JSON array", true);
        }
        JsonNode type = node.get(0);
        String id = node.size() > 1 && node.get(1).isTextual() ? node.get(1).asText() : null;
        if (!type.isInt() || type.asInt() < 2 || type.asInt() > 4) {
            throw new Malformed(
                    id == null ? "-1" : shortId(id),
                    OcppError.Code.FormationViolation,
                    "Message type " + type + " is not 2, 3 or 4",
                    true);
        }
        int t = type.asInt();
        if (id == null) {
            throw new Malformed("-1", OcppError.Code.FormationViolation, "The UniqueId must be a string", t == 2);
        }
        if (id.isEmpty() || id.length() > MAX_ID) {
            throw new Malformed(
                    shortId(id),
                    OcppError.Code.FormationViolation,
                    "The UniqueId must have 1 to " + MAX_ID + " characters, not " + id.length(),
                    t == 2);
        }
        switch (t) {
            case 2 -> {
                if (node.size() != 4 || !node.get(2).isTextual()) {
                    throw new Malformed(
                            id, OcppError.Code.FormationViolation, "A CALL is [2, id, action, payload]", true);
                }
                if (!node.get(3).isObject()) {
                    throw new Malformed(
                            id, OcppError.Code.FormationViolation, "The payload of a CALL is a JSON object", true);
                }
                return new Call(id, node.get(2).asText(), (ObjectNode) node.get(3));
            }
            case 3 -> {
                if (node.size() != 3 || !node.get(2).isObject()) {
                    throw new Malformed(id, OcppError.Code.FormationViolation, "A CALLRESULT is [3, id, {}]", false);
                }
                return new CallResult(id, node.get(2));
            }
            default -> {
                if (node.size() < 4 || !node.get(2).isTextual() || !node.get(3).isTextual()) {
                    throw new Malformed(
                            id, OcppError.Code.FormationViolation, "A CALLERROR is [4, id, code, text, {}]", false);
                }
                return new CallError(
                        id,
                        node.get(2).asText(),
                        node.get(3).asText(),
                        node.size() > 4 ? node.get(4) : JsonNodeFactory.instance.objectNode());
            }
        }
    }

    static String call(String id, String action, ObjectNode payload) {
        ArrayNode a = JSON.createArrayNode().add(2).add(id).add(action);
        a.add(payload);
        return a.toString();
    }

    static String result(String id, JsonNode payload) {
        ArrayNode a = JSON.createArrayNode().add(3).add(id);
        a.add(payload);
        return a.toString();
    }

    static String error(String id, OcppError.Code code, String description) {
        ArrayNode a = JSON.createArrayNode().add(4).add(id).add(code.name()).add(description);
        a.add(JSON.createObjectNode());
        return a.toString();
    }

    private static String shortId(String id) {
        return id.length() > MAX_ID ? id.substring(0, MAX_ID) : id;
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
