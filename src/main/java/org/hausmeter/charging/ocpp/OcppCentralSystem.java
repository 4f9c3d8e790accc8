package org.hausmeter.charging.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hausmeter.charging.DecisionLog;
import org.hausmeter.charging.Outcome;
import org.hausmeter.platform.LogSafe;
import org.jboss.logging.Logger;

/**
 * The central system's answers to a charge point's CALLs (OCPP 1.6 core profile), after the connection checked the
 * request against its schema. A charge point the caretaker has not accepted gets Pending (Rejected when refused)
 * at BootNotification and a SecurityError for anything but BootNotification and Heartbeat. DataTransfer is refused
 * politely (UnknownVendorId). After an accepted BootNotification the server configures clock-aligned metering
 * ({@link #CONFIGURATION}) and sends the Local Auth List ({@link LocalLists}).
 */
@ApplicationScoped
public class OcppCentralSystem {

    private static final Logger LOG = Logger.getLogger(OcppCentralSystem.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** The configuration keys the server sets after each accepted BootNotification, in this order. */
    public static final Map<String, String> CONFIGURATION = configuration();

    private static Map<String, String> configuration() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("MeterValuesAlignedData", "Energy.Active.Import.Register,Power.Active.Import");
        m.put("ClockAlignedDataInterval", "900");
        m.put("MeterValuesSampledData", "Energy.Active.Import.Register,Power.Active.Import");
        m.put("MeterValueSampleInterval", "900");
        m.put("StopTxnAlignedData", "Energy.Active.Import.Register");
        m.put("LocalAuthListEnabled", "true");
        m.put("LocalAuthorizeOffline", "true");
        return m;
    }

    private final ChargePoints chargePoints;
    private final IdTags idTags;
    private final OcppTransactions transactions;
    private final LocalLists localLists;
    private final ChargePointCalls calls;
    private final DecisionLog decisions;
    private final Clock clock;
    private final Duration heartbeat;
    private final Duration pendingRetry;

    OcppCentralSystem(
            ChargePoints chargePoints,
            IdTags idTags,
            OcppTransactions transactions,
            LocalLists localLists,
            ChargePointCalls calls,
            DecisionLog decisions,
            Clock clock,
            @ConfigProperty(name = "hausmeter.ocpp.heartbeat-interval", defaultValue = "300s") Duration heartbeat,
            @ConfigProperty(name = "hausmeter.ocpp.pending-retry", defaultValue = "30s") Duration pendingRetry) {
        this.chargePoints = chargePoints;
        this.idTags = idTags;
        this.transactions = transactions;
        this.localLists = localLists;
        this.calls = calls;
        this.decisions = decisions;
        this.clock = clock;
        this.heartbeat = heartbeat;
        this.pendingRetry = pendingRetry;
    }

    private String now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    ObjectNode handle(String cp, String action, ObjectNode p) throws OcppError {
        try {
            if (action.equals("BootNotification")) {
                String status = chargePoints.boot(
                        cp,
                        p.get("chargePointVendor").asText(),
                        p.get("chargePointModel").asText(),
                        text(p, "chargePointSerialNumber"),
                        text(p, "firmwareVersion"));
                String answer = switch (status) {
                    case ChargePoints.ACCEPTED -> "Accepted";
                    case ChargePoints.REJECTED -> "Rejected";
                    default -> "Pending";
                };
                if (!answer.equals("Accepted")) {
                    LOG.infof(
                            "OCPP: %s booted (%s %s): %s until the caretaker accepts it",
                            LogSafe.quoted(cp),
                            LogSafe.quoted(text(p, "chargePointVendor")),
                            LogSafe.quoted(text(p, "chargePointModel")),
                            answer);
                }
                return JSON.objectNode()
                        .put("status", answer)
                        .put("currentTime", now())
                        .put("interval", (answer.equals("Accepted") ? heartbeat : pendingRetry).toSeconds());
            }
            String status = chargePoints.seen(cp);
            if (action.equals("Heartbeat")) {
                return JSON.objectNode().put("currentTime", now());
            }
            if (!status.equals(ChargePoints.ACCEPTED)) {
                throw new OcppError(
                        OcppError.Code.SecurityError,
                        "Charge point " + cp + " is " + status.toLowerCase(java.util.Locale.ROOT)
                                + ": the caretaker has not accepted it");
            }
            return switch (action) {
                case "StatusNotification" -> {
                    chargePoints.connectorStatus(
                            cp,
                            p.get("connectorId").asInt(),
                            p.get("status").asText(),
                            p.get("errorCode").asText(),
                            text(p, "info"),
                            p.has("timestamp")
                                    ? Instant.parse(p.get("timestamp").asText())
                                    : clock.instant());
                    yield JSON.objectNode();
                }
                case "Authorize" -> {
                    IdTags.Verdict v = idTags.decide(p.get("idTag").asText(), cp, clock.instant());
                    if (!v.accepted()) {
                        decisions.record(
                                cp,
                                null,
                                v.uid() == null ? null : v.uid().hex(),
                                DecisionLog.Origin.OCPP,
                                Outcome.REFUSED,
                                v.reason(),
                                "OCPP Authorize: " + v.message(),
                                null,
                                v.residentId());
                    }
                    ObjectNode out = JSON.objectNode();
                    out.set("idTagInfo", OcppTransactions.idTagInfo(v));
                    yield out;
                }
                case "StartTransaction" ->
                    transactions.start(
                            cp,
                            p.get("connectorId").asInt(),
                            p.get("idTag").asText(),
                            p.get("meterStart").asLong(),
                            Instant.parse(p.get("timestamp").asText()));
                case "StopTransaction" ->
                    transactions.stop(
                            cp,
                            p.get("transactionId").asInt(),
                            p.get("meterStop").asLong(),
                            Instant.parse(p.get("timestamp").asText()),
                            text(p, "reason"),
                            text(p, "idTag"),
                            p.get("transactionData"));
                case "MeterValues" -> {
                    transactions.meterValues(cp, p.get("connectorId").asInt(), p.get("meterValue"));
                    yield JSON.objectNode();
                }
                case "DataTransfer" -> JSON.objectNode().put("status", "UnknownVendorId");
                case "DiagnosticsStatusNotification", "FirmwareStatusNotification" -> JSON.objectNode();
                default -> throw new OcppError(OcppError.Code.NotSupported, action + " is not supported here");
            };
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (java.time.format.DateTimeParseException e) {
            throw new OcppError(OcppError.Code.PropertyConstraintViolation, "Not a date-time: " + e.getParsedString());
        }
    }

    /** After the answer went out: an accepted boot gets its configuration and local list. */
    void afterAnswer(String cp, String action, JsonNode request, JsonNode answer) {
        if (action.equals("BootNotification")
                && "Accepted".equals(answer.path("status").asText())) {
            configure(cp).thenCompose(v -> localLists.afterBoot(cp)).whenComplete((v, e) -> {
                if (e != null) {
                    LOG.warnf("OCPP: set-up of %s after boot failed: %s", LogSafe.quoted(cp), e.getMessage());
                }
            });
        }
    }

    /** ChangeConfiguration of each {@link #CONFIGURATION} key; a refused key is logged, never fatal. */
    CompletionStage<Void> configure(String cp) {
        CompletionStage<Boolean> all = CompletableFuture.completedFuture(true);
        for (Map.Entry<String, String> e : CONFIGURATION.entrySet()) {
            all = all.thenCompose(ok -> calls.call(
                            cp,
                            "ChangeConfiguration",
                            JSON.objectNode().put("key", e.getKey()).put("value", e.getValue()))
                    .handle((answer, error) -> {
                        String status = error != null
                                ? error.getMessage()
                                : answer.get("status").asText();
                        boolean fine = status.equals("Accepted") || status.equals("RebootRequired");
                        if (!fine) {
                            LOG.warnf(
                                    "OCPP: %s did not take %s=%s: %s",
                                    LogSafe.quoted(cp), e.getKey(), e.getValue(), LogSafe.quoted(status));
                        }
                        return ok && fine;
                    }));
        }
        return all.thenAccept(ok -> {
            if (ok) {
                try {
                    chargePoints.configured(cp);
                } catch (SQLException ex) {
                    throw new IllegalStateException(ex);
                }
            }
        });
    }

    private static String text(JsonNode p, String field) {
        JsonNode n = p.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
