package org.hausmeter.charging.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A charge point simulator for tests: an OCPP 1.6J client on the JDK's own WebSocket
 * ({@code java.net.http.WebSocket}), not the server's Vert.x. It sends CALLs and waits for their answers, answers the
 * server's CALLs (ChangeConfiguration, GetLocalListVersion, SendLocalList, remote commands) like a wallbox that keeps
 * its configuration and Local Auth List, and can send raw text to test malformed frames.
 */
public final class OcppSimulator implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The server answered a CALL with a CALLERROR. */
    public static final class CallError extends RuntimeException {
        final String code;

        CallError(String code, String description) {
            super(code + ": " + description);
            this.code = code;
        }
    }

    public final String id;
    private WebSocket ws;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    /** Frames the server sent that answered nothing we asked (CALLERRORs to raw text). */
    final LinkedBlockingQueue<JsonNode> unsolicited = new LinkedBlockingQueue<>();
    /** The server's CALLs, in order: [action, payload]. */
    final List<JsonNode> serverCalls = Collections.synchronizedList(new ArrayList<>());

    final Map<String, String> configuration = new ConcurrentHashMap<>();
    final Map<String, JsonNode> localList = new ConcurrentHashMap<>();
    public volatile int localListVersion;
    final Map<String, Function<JsonNode, ObjectNode>> handlers = new ConcurrentHashMap<>();

    private OcppSimulator(String id) {
        this.id = id;
        handlers.put("ChangeConfiguration", p -> {
            configuration.put(p.get("key").asText(), p.get("value").asText());
            return obj().put("status", "Accepted");
        });
        handlers.put("GetConfiguration", p -> {
            ObjectNode out = obj();
            ArrayNode keys = out.putArray("configurationKey");
            new java.util.TreeMap<>(configuration)
                    .forEach((k, v) -> keys.addObject()
                            .put("key", k)
                            .put("readonly", false)
                            .put("value", v));
            return out;
        });
        handlers.put("GetLocalListVersion", p -> obj().put("listVersion", localListVersion));
        handlers.put("SendLocalList", p -> {
            if (p.get("updateType").asText().equals("Full")) {
                localList.clear();
            } else if (p.get("listVersion").asInt() <= localListVersion) {
                return obj().put("status", "VersionMismatch");
            }
            for (JsonNode e : p.path("localAuthorizationList")) {
                if (e.has("idTagInfo")) {
                    localList.put(e.get("idTag").asText(), e.get("idTagInfo"));
                } else {
                    localList.remove(e.get("idTag").asText());
                }
            }
            localListVersion = p.get("listVersion").asInt();
            return obj().put("status", "Accepted");
        });
        handlers.put("RemoteStartTransaction", p -> obj().put("status", "Accepted"));
        handlers.put("RemoteStopTransaction", p -> obj().put("status", "Accepted"));
        handlers.put("UnlockConnector", p -> obj().put("status", "Unlocked"));
        handlers.put("Reset", p -> obj().put("status", "Accepted"));
    }

    public static ObjectNode obj() {
        return JSON.createObjectNode();
    }

    /** Connects to {@code base}/ocpp/{id}, with HTTP Basic when a password is given. */
    public static OcppSimulator connect(URI base, String id, String password) {
        OcppSimulator s = new OcppSimulator(id);
        s.open(base, password);
        return s;
    }

    /**
     * The HTTP status of a refused handshake, or 101 when it was accepted (the connection is then closed again).
     */
    static int handshakeStatus(URI base, String id, String user, String password, String subprotocol) {
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        if (subprotocol != null) {
            b.subprotocols(subprotocol);
        }
        if (user != null) {
            b.header("Authorization", basic(user, password));
        }
        try {
            WebSocket ws =
                    b.buildAsync(wsUri(base, id), new WebSocket.Listener() {}).get(30, TimeUnit.SECONDS);
            ws.abort();
            return 101;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void open(URI base, String password) {
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(WAIT).subprotocols(OcppServer.SUBPROTOCOL);
        if (password != null) {
            b.header("Authorization", basic(id, password));
        }
        try {
            ws = b.buildAsync(wsUri(base, id), new Listener()).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Connect " + id + ": " + e, e);
        }
        if (!OcppServer.SUBPROTOCOL.equals(ws.getSubprotocol())) {
            throw new IllegalStateException("The server chose subprotocol [" + ws.getSubprotocol() + "]");
        }
    }

    private static URI wsUri(URI base, String id) {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/ocpp/" + id);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a CALL and waits for the CALLRESULT's payload; a CALLERROR throws {@link CallError}. */
    public JsonNode call(String action, ObjectNode payload) {
        try {
            return callAsync(action, payload).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof CallError ce) {
                throw ce;
            }
            throw new IllegalStateException(e.getCause());
        } catch (Exception e) {
            throw new IllegalStateException(action + " of " + id + ": " + e, e);
        }
    }

    public CompletionStage<JsonNode> callAsync(String action, ObjectNode payload) {
        String uid = id + "-" + ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(uid, f);
        ArrayNode frame = JSON.createArrayNode().add(2).add(uid).add(action);
        frame.add(payload);
        sendText(frame.toString());
        return f;
    }

    synchronized void sendText(String text) {
        ws.sendText(text, true).join();
    }

    /** Sends raw text and waits for the frame the server sends back for it. */
    JsonNode raw(String text) {
        sendText(text);
        try {
            JsonNode n = unsolicited.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (n == null) {
                throw new IllegalStateException("No answer to " + text);
            }
            return n;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<JsonNode> callsOf(String action) {
        synchronized (serverCalls) {
            return serverCalls.stream()
                    .filter(c -> c.get(0).asText().equals(action))
                    .map(c -> c.get(1))
                    .toList();
        }
    }

    // --- messages a wallbox sends -------------------------------------------------------------------------

    public JsonNode boot() {
        return call(
                "BootNotification", obj().put("chargePointVendor", "Hausmeter").put("chargePointModel", "Sim-1"));
    }

    public JsonNode status(int connector, String status, String at) {
        return call(
                "StatusNotification",
                obj().put("connectorId", connector)
                        .put("errorCode", "NoError")
                        .put("status", status)
                        .put("timestamp", at));
    }

    JsonNode start(int connector, String idTag, long meterStart, String at) {
        return call(
                "StartTransaction",
                obj().put("connectorId", connector)
                        .put("idTag", idTag)
                        .put("meterStart", meterStart)
                        .put("timestamp", at));
    }

    public JsonNode meterValues(int connector, Integer transactionId, String at, long wh, long powerW) {
        return call("MeterValues", meterValuesPayload(connector, transactionId, at, wh, powerW));
    }

    public static ObjectNode meterValuesPayload(int connector, Integer transactionId, String at, long wh, long powerW) {
        ObjectNode p = obj().put("connectorId", connector);
        if (transactionId != null) {
            p.put("transactionId", transactionId);
        }
        ObjectNode mv = p.putArray("meterValue").addObject().put("timestamp", at);
        ArrayNode sv = mv.putArray("sampledValue");
        sv.addObject()
                .put("value", Long.toString(wh))
                .put("context", "Sample.Clock")
                .put("measurand", "Energy.Active.Import.Register")
                .put("unit", "Wh");
        for (String phase : List.of("L1", "L2", "L3")) {
            sv.addObject()
                    .put("value", Long.toString(powerW / 3))
                    .put("measurand", "Power.Active.Import")
                    .put("phase", phase)
                    .put("unit", "W");
        }
        return p;
    }

    JsonNode stop(int transactionId, long meterStop, String at, String reason, ObjectNode... transactionData) {
        ObjectNode p = obj().put("transactionId", transactionId)
                .put("meterStop", meterStop)
                .put("timestamp", at);
        if (reason != null) {
            p.put("reason", reason);
        }
        if (transactionData.length > 0) {
            ArrayNode td = p.putArray("transactionData");
            for (ObjectNode mv : transactionData) {
                td.add(mv);
            }
        }
        return call("StopTransaction", p);
    }

    static ObjectNode energyValue(String at, long wh) {
        ObjectNode mv = obj().put("timestamp", at);
        mv.putArray("sampledValue")
                .addObject()
                .put("value", Long.toString(wh))
                .put("context", "Sample.Clock")
                .put("measurand", "Energy.Active.Import.Register")
                .put("unit", "Wh");
        return mv;
    }

    static ObjectNode signedValue(String at, String signed) {
        ObjectNode mv = obj().put("timestamp", at);
        mv.putArray("sampledValue")
                .addObject()
                .put("value", signed)
                .put("context", "Transaction.End")
                .put("format", "SignedData")
                .put("measurand", "Energy.Active.Import.Register");
        return mv;
    }

    @Override
    public void close() {
        if (ws != null && !ws.isOutputClosed()) {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                ws.abort();
            }
        }
    }

    /** Whether the server has not closed the connection (yet). */
    public boolean isOpen() {
        return ws != null && !ws.isInputClosed();
    }

    /** Drops the connection without a close handshake (a wallbox losing its network). */
    void abort() {
        ws.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder part = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                String text = part.toString();
                part.setLength(0);
                try {
                    onFrame(JSON.readTree(text));
                } catch (Exception e) {
                    unsolicited.add(JSON.createArrayNode().add("unreadable").add(text));
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    private void onFrame(JsonNode f) {
        int type = f.get(0).asInt();
        String uid = f.get(1).asText();
        if (type == 2) {
            String action = f.get(2).asText();
            serverCalls.add(JSON.createArrayNode().add(action).add(f.get(3)));
            Function<JsonNode, ObjectNode> h = handlers.get(action);
            ArrayNode answer = JSON.createArrayNode();
            if (h == null) {
                answer.add(4)
                        .add(uid)
                        .add("NotImplemented")
                        .add("Simulator has no " + action)
                        .add(obj());
            } else {
                answer.add(3).add(uid).add(h.apply(f.get(3)));
            }
            CompletableFuture.runAsync(() -> sendText(answer.toString()));
            return;
        }
        CompletableFuture<JsonNode> p = pending.remove(uid);
        if (p == null) {
            unsolicited.add(f);
        } else if (type == 3) {
            p.complete(f.get(2));
        } else {
            p.completeExceptionally(new CallError(f.get(2).asText(), f.get(3).asText()));
        }
    }

    static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static RuntimeException unwrap(CompletionException e) {
        return e.getCause() instanceof RuntimeException r ? r : e;
    }
}
