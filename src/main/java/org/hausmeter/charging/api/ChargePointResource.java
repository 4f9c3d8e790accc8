package org.hausmeter.charging.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.charging.ChargingException;
import org.hausmeter.charging.ocpp.ChargePointCalls;
import org.hausmeter.charging.ocpp.ChargePoints;
import org.hausmeter.charging.ocpp.OcppConnection;
import org.hausmeter.charging.ocpp.OcppError;
import org.hausmeter.web.CurrentAccount;

/**
 * Caretaker API for OCPP charge points (docs/ocpp.md): the list with each connector's live state, accept, reject,
 * set the password, and the remote commands RemoteStartTransaction, RemoteStopTransaction, UnlockConnector, Reset,
 * GetConfiguration and ChangeConfiguration. A command answers the charge point's CALLRESULT payload; 409 when the
 * charge point is not connected, 502 with its error code when it answered a CALLERROR, 504 when it did not answer.
 * Every command is audited.
 */
@Path("/api/ocpp/charge-points")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("CARETAKER")
public class ChargePointResource {

    public record AcceptInput(String password) {}

    public record PasswordInput(String password) {}

    public record RemoteStartInput(String idTag, Integer connectorId) {}

    public record RemoteStopInput(Integer transactionId) {}

    public record ConnectorInput(Integer connectorId) {}

    public record ResetInput(String type) {}

    public record ConfigurationInput(String key, String value) {}

    private final ChargePoints chargePoints;
    private final ChargePointCalls calls;
    private final CurrentAccount account;
    private final AuditLog audit;

    ChargePointResource(ChargePoints chargePoints, ChargePointCalls calls, CurrentAccount account, AuditLog audit) {
        this.chargePoints = chargePoints;
        this.calls = calls;
        this.account = account;
        this.audit = audit;
    }

    @GET
    public List<ChargePoints.ChargePointView> list() {
        return chargePoints.list(calls::connected);
    }

    @GET
    @Path("{id}")
    public ChargePoints.ChargePointView one(@PathParam("id") String id) {
        return chargePoints
                .find(id, calls::connected)
                .orElseThrow(
                        () -> new ChargingException(ChargingException.Kind.NOT_FOUND, "No charge point [" + id + "]"));
    }

    @POST
    @Path("{id}/accept")
    public ChargePoints.ChargePointView accept(@PathParam("id") String id, AcceptInput input) {
        chargePoints.accept(id, input == null ? null : input.password(), actor());
        calls.disconnect(id);
        return one(id);
    }

    @POST
    @Path("{id}/reject")
    public ChargePoints.ChargePointView reject(@PathParam("id") String id) {
        chargePoints.reject(id, actor());
        calls.disconnect(id);
        return one(id);
    }

    @PUT
    @Path("{id}/password")
    public ChargePoints.ChargePointView password(@PathParam("id") String id, PasswordInput input) {
        chargePoints.setPassword(id, input == null ? null : input.password(), actor());
        calls.disconnect(id);
        return one(id);
    }

    @POST
    @Path("{id}/remote-start")
    public Response remoteStart(@PathParam("id") String id, RemoteStartInput in) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        if (in == null || in.idTag() == null) {
            throw new ChargingException(ChargingException.Kind.INVALID, "RemoteStartTransaction needs an idTag");
        }
        p.put("idTag", in.idTag());
        if (in.connectorId() != null) {
            p.put("connectorId", in.connectorId());
        }
        return command(id, "RemoteStartTransaction", p);
    }

    @POST
    @Path("{id}/remote-stop")
    public Response remoteStop(@PathParam("id") String id, RemoteStopInput in) {
        if (in == null || in.transactionId() == null) {
            throw new ChargingException(ChargingException.Kind.INVALID, "RemoteStopTransaction needs a transactionId");
        }
        return command(
                id,
                "RemoteStopTransaction",
                JsonNodeFactory.instance.objectNode().put("transactionId", in.transactionId()));
    }

    @POST
    @Path("{id}/unlock")
    public Response unlock(@PathParam("id") String id, ConnectorInput in) {
        int connector = in == null || in.connectorId() == null ? 1 : in.connectorId();
        return command(
                id, "UnlockConnector", JsonNodeFactory.instance.objectNode().put("connectorId", connector));
    }

    @POST
    @Path("{id}/reset")
    public Response reset(@PathParam("id") String id, ResetInput in) {
        String type = in == null || in.type() == null ? "Soft" : in.type();
        return command(id, "Reset", JsonNodeFactory.instance.objectNode().put("type", type));
    }

    @GET
    @Path("{id}/configuration")
    public Response configuration(@PathParam("id") String id, @QueryParam("key") List<String> keys) {
        ObjectNode p = JsonNodeFactory.instance.objectNode();
        if (keys != null && !keys.isEmpty()) {
            keys.forEach(p.putArray("key")::add);
        }
        return command(id, "GetConfiguration", p);
    }

    @PUT
    @Path("{id}/configuration")
    public Response changeConfiguration(@PathParam("id") String id, ConfigurationInput in) {
        if (in == null || in.key() == null || in.value() == null) {
            throw new ChargingException(ChargingException.Kind.INVALID, "ChangeConfiguration needs key and value");
        }
        return command(
                id,
                "ChangeConfiguration",
                JsonNodeFactory.instance.objectNode().put("key", in.key()).put("value", in.value()));
    }

    private Response command(String id, String action, ObjectNode payload) {
        one(id);
        if (!action.startsWith("Get")) {
            io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                    .run(() -> audit.record(
                            actor(),
                            "ocpp."
                                    + action.replaceAll("([a-z])([A-Z])", "$1-$2")
                                            .toLowerCase(java.util.Locale.ROOT),
                            "charge-point:" + id,
                            null,
                            payload.toString(),
                            null));
        }
        try {
            JsonNode answer = calls.call(id, action, payload)
                    .toCompletableFuture()
                    .get(OcppConnection.CALL_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            return Response.ok(answer).build();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException) {
                return error(504, "Charge point " + id + " did not answer " + action);
            }
            if (cause instanceof OcppError o) {
                boolean offline = o.code() == OcppError.Code.GenericError
                        && o.getMessage().contains("not connected");
                return offline
                        ? error(409, o.getMessage())
                        : error(502, id + " answered " + action + " with " + o.code() + ": " + o.getMessage());
            }
            return error(502, String.valueOf(cause.getMessage()));
        } catch (TimeoutException e) {
            return error(504, "Charge point " + id + " did not answer " + action);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(503, "Interrupted");
        }
    }

    private static Response error(int status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", message))
                .build();
    }

    private String actor() {
        return account.username().orElse("");
    }
}
