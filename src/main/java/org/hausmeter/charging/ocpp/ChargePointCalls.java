package org.hausmeter.charging.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sends a CALL to a connected charge point: the way other parts of the server (the caretaker's commands, power
 * control's SetChargingProfile) talk to a wallbox. The payload is checked against the action's OCPP 1.6 request
 * schema before it goes out; the CALLRESULT's payload against the response schema. CALLs to one charge point go
 * one at a time. The stage fails with an {@link OcppError} (the charge point's CALLERROR, a schema violation, or
 * GenericError "not connected" / "disconnected"), or a {@link java.util.concurrent.TimeoutException} after
 * {@link OcppConnection#CALL_TIMEOUT}.
 */
@ApplicationScoped
public class ChargePointCalls {

    private final OcppServer server;

    ChargePointCalls(OcppServer server) {
        this.server = server;
    }

    public CompletionStage<JsonNode> call(String chargePointId, String action, ObjectNode payload) {
        return server.connection(chargePointId)
                .filter(OcppConnection::isOpen)
                .map(c -> c.call(action, payload))
                .orElseGet(() -> CompletableFuture.failedFuture(new OcppError(
                        OcppError.Code.GenericError, "Charge point " + chargePointId + " is not connected")));
    }

    /**
     * Closes the charge point's connection, e.g. after its password was set or it was accepted: a connection opened
     * without the password must not outlive it.
     */
    public void disconnect(String chargePointId) {
        server.drop(chargePointId);
    }

    public boolean connected(String chargePointId) {
        return server.connection(chargePointId).filter(OcppConnection::isOpen).isPresent();
    }
}
