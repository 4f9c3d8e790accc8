package org.hausmeter.charging.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hausmeter.platform.LogSafe;
import org.jboss.logging.Logger;

/**
 * One charge point's WebSocket. Incoming CALLs are handled one after the other (in the order they came) on a
 * worker thread, never on the event loop; each is checked against its request schema first and its answer against
 * the response schema. Outgoing CALLs ({@link #call}) go one at a time (OCPP-J: no new CALL before the previous
 * one was answered or timed out). A frame that cannot be read is answered with its CALLERROR and logged; nothing a
 * charge point sends ends the connection or the handler.
 */
public final class OcppConnection {

    private static final Logger LOG = Logger.getLogger(OcppConnection.class);
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final String id;
    private final ServerWebSocket ws;
    private final OcppSchemas schemas;
    private final OcppCentralSystem central;
    private final Executor workers;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private CompletableFuture<Void> incoming = CompletableFuture.completedFuture(null);
    private CompletableFuture<Void> outgoing = CompletableFuture.completedFuture(null);
    private volatile boolean open = true;

    private record Pending(String action, CompletableFuture<JsonNode> answer) {}

    OcppConnection(String id, ServerWebSocket ws, OcppSchemas schemas, OcppCentralSystem central, Executor workers) {
        this.id = id;
        this.ws = ws;
        this.schemas = schemas;
        this.central = central;
        this.workers = workers;
    }

    public String chargePointId() {
        return id;
    }

    void start() {
        ws.textMessageHandler(this::onText);
        ws.binaryMessageHandler(b -> ws.writeTextMessage(
                OcppFrame.error("-1", OcppError.Code.FormationViolation, "OCPP-J frames are text messages")));
        ws.exceptionHandler(e -> LOG.debugf("OCPP: %s: %s", LogSafe.quoted(id), e.getMessage()));
    }

    void close() {
        open = false;
        if (!ws.isClosed()) {
            ws.close();
        }
    }

    void closed() {
        open = false;
        pending.values()
                .forEach(p -> workers.execute(() -> p.answer.completeExceptionally(
                        new OcppError(OcppError.Code.GenericError, "Charge point " + id + " disconnected"))));
        pending.clear();
    }

    public boolean isOpen() {
        return open && !ws.isClosed();
    }

    private void onText(String text) {
        OcppFrame frame;
        try {
            frame = OcppFrame.parse(text);
        } catch (OcppFrame.Malformed m) {
            LOG.warnf(
                    "OCPP: %s sent a malformed frame (%s: %s): %s",
                    LogSafe.quoted(id), m.code, m.getMessage(), LogSafe.quoted(text));
            if (m.answer) {
                send(OcppFrame.error(m.uniqueId, m.code, m.getMessage()));
            }
            return;
        }
        if (frame instanceof OcppFrame.Call call) {
            synchronized (this) {
                incoming = incoming.thenRunAsync(() -> handle(call), workers).exceptionally(e -> null);
            }
        } else if (frame instanceof OcppFrame.CallResult r) {
            answer(r.uniqueId(), r.payload(), null);
        } else if (frame instanceof OcppFrame.CallError e) {
            answer(e.uniqueId(), null, e);
        }
    }

    private void handle(OcppFrame.Call call) {
        String action = call.action();
        if (!schemas.knows(action)) {
            LOG.infof("OCPP: %s sent unknown action %s", LogSafe.quoted(id), LogSafe.quoted(action));
            send(OcppFrame.error(call.uniqueId(), OcppError.Code.NotImplemented, "Unknown action " + action));
            return;
        }
        Optional<OcppSchemas.Violation> v = schemas.check(action, false, call.payload());
        if (v.isPresent()) {
            LOG.warnf(
                    "OCPP: %s sent an invalid %s (%s: %s)",
                    LogSafe.quoted(id),
                    action,
                    v.get().code(),
                    LogSafe.quoted(v.get().description()));
            send(OcppFrame.error(call.uniqueId(), v.get().code(), v.get().description()));
            return;
        }
        ObjectNode result;
        try {
            result = central.handle(id, action, call.payload());
        } catch (OcppError e) {
            send(OcppFrame.error(call.uniqueId(), e.code(), e.getMessage()));
            return;
        } catch (RuntimeException e) {
            LOG.errorf(e, "OCPP: %s: %s failed", LogSafe.quoted(id), action);
            send(OcppFrame.error(call.uniqueId(), OcppError.Code.InternalError, "The central system failed"));
            return;
        }
        Optional<OcppSchemas.Violation> out = schemas.check(action, true, result);
        if (out.isPresent()) {
            LOG.errorf("OCPP: answer to %s %s breaks its schema: %s", LogSafe.quoted(id), action, out.get());
            send(OcppFrame.error(call.uniqueId(), OcppError.Code.InternalError, "Invalid answer"));
            return;
        }
        send(OcppFrame.result(call.uniqueId(), result));
        try {
            central.afterAnswer(id, action, call.payload(), result);
        } catch (RuntimeException e) {
            LOG.errorf(e, "OCPP: %s: follow-up of %s failed", LogSafe.quoted(id), action);
        }
    }

    private void answer(String uniqueId, JsonNode payload, OcppFrame.CallError error) {
        Pending p = pending.remove(uniqueId);
        if (p == null) {
            LOG.warnf("OCPP: %s answered %s, which nobody asked", LogSafe.quoted(id), LogSafe.quoted(uniqueId));
            return;
        }
        if (error != null) {
            OcppError.Code code;
            try {
                code = OcppError.Code.valueOf(error.code());
            } catch (IllegalArgumentException e) {
                code = OcppError.Code.GenericError;
            }
            OcppError failure = new OcppError(code, error.description());
            workers.execute(() -> p.answer.completeExceptionally(failure));
            return;
        }
        Optional<OcppSchemas.Violation> v = schemas.check(p.action(), true, payload);
        if (v.isPresent()) {
            LOG.warnf("OCPP: %s answered %s against its schema: %s", LogSafe.quoted(id), p.action(), v.get());
            OcppError failure = new OcppError(v.get().code(), v.get().description());
            workers.execute(() -> p.answer.completeExceptionally(failure));
            return;
        }
        // Off the event loop: whoever waits for the answer may go on to the database.
        workers.execute(() -> p.answer.complete(payload));
    }

    /**
     * Sends a CALL after the previous one was answered or timed out; the payload is checked against the action's
     * request schema before it goes out, the answer against the response schema.
     */
    public CompletionStage<JsonNode> call(String action, ObjectNode payload) {
        Optional<OcppSchemas.Violation> v = schemas.check(action, false, payload);
        if (v.isPresent()) {
            return CompletableFuture.failedFuture(
                    new OcppError(v.get().code(), v.get().description()));
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        synchronized (this) {
            outgoing = outgoing.thenCompose(x -> {
                        if (!isOpen()) {
                            answer.completeExceptionally(new OcppError(
                                    OcppError.Code.GenericError, "Charge point " + id + " is not connected"));
                            return CompletableFuture.completedFuture(null);
                        }
                        String uniqueId = UUID.randomUUID().toString();
                        pending.put(uniqueId, new Pending(action, answer));
                        send(OcppFrame.call(uniqueId, action, payload));
                        CompletableFuture<JsonNode> timed =
                                answer.orTimeout(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                        return timed.handle((r, e) -> {
                            if (e instanceof TimeoutException) {
                                pending.remove(uniqueId);
                            }
                            return null;
                        });
                    })
                    .thenApply(x -> (Void) null);
        }
        return answer;
    }

    private void send(String text) {
        if (!ws.isClosed()) {
            ws.writeTextMessage(text);
        }
    }
}
