package org.hausmeter.web.caretaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.charging.ocpp.ChargePointCalls;
import org.hausmeter.charging.ocpp.ChargePoints;
import org.hausmeter.charging.ocpp.OcppConnection;
import org.hausmeter.charging.ocpp.OcppError;
import org.hausmeter.charging.ocpp.OcppTransactions;

/**
 * The OCPP wallboxes for the caretaker (docs/ocpp.md): each charge point with its state (pending, accepted,
 * rejected; connected; last message; connectors with status and open transaction), accept, reject, set the password
 * (typed, or generated and shown once), and the remote commands of the JSON API {@code /api/ocpp/charge-points}:
 * start, stop, unlock, reset, read and change the configuration. Commands are audited like the API's.
 */
@Path("/caretaker/charge-points")
@RolesAllowed("CARETAKER")
public class CaretakerChargePointsResource extends CaretakerPages {

    /** A charge point with the transactions still waiting for their StopTransaction. */
    public record PointView(ChargePoints.ChargePointView point, List<ChargePoints.OpenTransaction> open) {
        /** The open transaction on a connector, or null. */
        public ChargePoints.OpenTransaction openOn(int connector) {
            return open.stream()
                    .filter(t -> t.connectorId() == connector)
                    .findFirst()
                    .orElse(null);
        }
    }

    /** A configuration key as the charge point answered GetConfiguration. */
    public record ConfigKey(String key, String value, boolean readonly) {}

    /**
     * @param configOf    the charge point whose configuration is shown, or empty
     * @param config      its keys (empty when none was read)
     * @param unknownKeys keys the charge point did not know
     */
    public record View(
            Notice notice,
            List<PointView> points,
            String configOf,
            List<ConfigKey> config,
            List<String> unknownKeys,
            int minPassword) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(View view);
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChargePoints chargePoints;
    private final ChargePointCalls calls;
    private final AuditLog audit;
    private final OcppTransactions transactions;

    CaretakerChargePointsResource(
            ChargePoints chargePoints, ChargePointCalls calls, AuditLog audit, OcppTransactions transactions) {
        this.transactions = transactions;
        this.chargePoints = chargePoints;
        this.calls = calls;
        this.audit = audit;
    }

    OcppPageMessages op() {
        return MessageBundles.get(OcppPageMessages.class, Localized.Literal.of(locale().getLanguage()));
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@QueryParam("done") String done, @QueryParam("n") String n) {
        return view(notice(done, n), "", List.of(), List.of());
    }

    /** Runs a change; a refusal is shown as a notice on the charge points page. */
    private Response onPage(java.util.function.Supplier<Response> action) {
        return change(action, notice -> view(notice, "", List.of(), List.of()));
    }

    /** Reads the charge point's configuration (GetConfiguration, every key) and shows it as a table. */
    @GET
    @Path("{id}/configuration")
    @Produces(MediaType.TEXT_HTML)
    public Response configuration(@PathParam("id") String id) {
        return onPage(() -> {
            Answer a = call(id, "GetConfiguration", JsonNodeFactory.instance.objectNode());
            if (a.failure() != null) {
                return page(a.status(), view(a.failure(), "", List.of(), List.of()));
            }
            List<ConfigKey> keys = new ArrayList<>();
            for (JsonNode k : a.payload().path("configurationKey")) {
                keys.add(new ConfigKey(
                        k.path("key").asText(),
                        k.hasNonNull("value") ? k.get("value").asText() : "",
                        k.path("readonly").asBoolean(false)));
            }
            List<String> unknown = new ArrayList<>();
            a.payload().path("unknownKey").forEach(k -> unknown.add(k.asText()));
            return ok(view(null, id, keys, unknown));
        });
    }

    /** Accepts the charge point with the typed password, or a generated one shown once, or the one set before. */
    @POST
    @Path("{id}/accept")
    @Produces(MediaType.TEXT_HTML)
    public Response accept(
            @PathParam("id") String id, @FormParam("password") String password, @FormParam("generate") String gen) {
        return onPage(() -> {
            String pw = "true".equals(gen) ? generated() : Forms.blank(password) ? null : password;
            chargePoints.accept(id, pw, actor());
            calls.disconnect(id);
            return "true".equals(gen)
                    ? ok(view(Notice.ok(op().done_accepted_generated(id, pw)), "", List.of(), List.of()))
                    : seeOther("/caretaker/charge-points#cp-" + id, "accepted", id);
        });
    }

    @POST
    @Path("{id}/reject")
    @Produces(MediaType.TEXT_HTML)
    public Response reject(@PathParam("id") String id) {
        return onPage(() -> {
            chargePoints.reject(id, actor());
            calls.disconnect(id);
            return seeOther("/caretaker/charge-points#cp-" + id, "rejected", id);
        });
    }

    /** Sets the typed password, or a generated one shown once; closes the open connection. */
    @POST
    @Path("{id}/password")
    @Produces(MediaType.TEXT_HTML)
    public Response password(
            @PathParam("id") String id, @FormParam("password") String password, @FormParam("generate") String gen) {
        return onPage(() -> {
            boolean generate = "true".equals(gen);
            String pw = generate ? generated() : password;
            chargePoints.setPassword(id, pw, actor());
            calls.disconnect(id);
            return generate
                    ? ok(view(Notice.ok(op().done_password_generated(id, pw)), "", List.of(), List.of()))
                    : seeOther("/caretaker/charge-points#cp-" + id, "password", id);
        });
    }

    @POST
    @Path("{id}/remote-start")
    @Produces(MediaType.TEXT_HTML)
    public Response remoteStart(
            @PathParam("id") String id, @FormParam("idTag") String idTag, @FormParam("connectorId") String connector) {
        return onPage(() -> {
            ObjectNode p = JsonNodeFactory.instance.objectNode();
            p.put("idTag", forms().required(idTag, op().card()).trim());
            if (!Forms.blank(connector)) {
                p.put("connectorId", connectorId(connector));
            }
            return command(id, "RemoteStartTransaction", p);
        });
    }

    @POST
    @Path("{id}/remote-stop")
    @Produces(MediaType.TEXT_HTML)
    public Response remoteStop(@PathParam("id") String id, @FormParam("transactionId") String transactionId) {
        return onPage(() -> {
            String tx = forms().required(transactionId, op().transaction());
            if (!tx.trim().matches("\\d{1,9}")) {
                throw new FormException(op().bad_number(op().transaction()));
            }
            return command(
                    id,
                    "RemoteStopTransaction",
                    JsonNodeFactory.instance.objectNode().put("transactionId", Integer.parseInt(tx.trim())));
        });
    }

    @POST
    @Path("{id}/unlock")
    @Produces(MediaType.TEXT_HTML)
    public Response unlock(@PathParam("id") String id, @FormParam("connectorId") String connector) {
        return onPage(() -> command(
                id,
                "UnlockConnector",
                JsonNodeFactory.instance
                        .objectNode()
                        .put("connectorId", Forms.blank(connector) ? 1 : connectorId(connector))));
    }

    @POST
    @Path("{id}/reset")
    @Produces(MediaType.TEXT_HTML)
    public Response reset(@PathParam("id") String id, @FormParam("type") String type) {
        return onPage(() -> {
            if (!"Soft".equals(type) && !"Hard".equals(type)) {
                throw new FormException(op().bad_reset());
            }
            return command(id, "Reset", JsonNodeFactory.instance.objectNode().put("type", type));
        });
    }

    @POST
    @Path("{id}/configuration")
    @Produces(MediaType.TEXT_HTML)
    public Response changeConfiguration(
            @PathParam("id") String id, @FormParam("key") String key, @FormParam("value") String value) {
        return onPage(() -> {
            String k = forms().required(key, op().key()).trim();
            return command(
                    id,
                    "ChangeConfiguration",
                    JsonNodeFactory.instance.objectNode().put("key", k).put("value", value == null ? "" : value));
        });
    }

    /**
     * Ends an OCPP session whose StopTransaction never came (the wallbox is gone) at the last energy value received,
     * with a reason (audited); a later StopTransaction still replaces this end.
     */
    @POST
    @Path("sessions/{session}/end")
    @Produces(MediaType.TEXT_HTML)
    public Response endStuck(@PathParam("session") long session, @FormParam("reason") String reason) {
        return onPage(() -> {
            String status = transactions.endStuck(session, actor(), forms().required(reason, op().reason()));
            return seeOther("/caretaker/charge-points", "session_ended", session + "|" + status);
        });
    }

    // --- the calls ---

    /** The charge point's answer: its payload, or a notice and HTTP status when there was none to use. */
    record Answer(JsonNode payload, Notice failure, int status) {}

    private int connectorId(String s) {
        if (!s.trim().matches("\\d{1,3}") || Integer.parseInt(s.trim()) < 1) {
            throw new FormException(op().bad_number(op().connector()));
        }
        return Integer.parseInt(s.trim());
    }

    /** Sends an audited command and redirects with the charge point's answer (status), or shows why there was none. */
    private Response command(String id, String action, ObjectNode payload) {
        known(id);
        QuarkusTransaction.requiringNew()
                .run(() -> audit.record(
                        actor(),
                        "ocpp." + action.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT),
                        "charge-point:" + id,
                        null,
                        payload.toString(),
                        null));
        Answer a = call(id, action, payload);
        if (a.failure() != null) {
            return page(a.status(), view(a.failure(), "", List.of(), List.of()));
        }
        return seeOther(
                "/caretaker/charge-points#cp-" + id,
                "command",
                id + "|" + action + "|" + a.payload().path("status").asText(""));
    }

    private void known(String id) {
        if (chargePoints.find(id, calls::connected).isEmpty()) {
            throw new FormException(op().unknown(id));
        }
    }

    private Answer call(String id, String action, ObjectNode payload) {
        known(id);
        try {
            JsonNode answer = calls.call(id, action, payload)
                    .toCompletableFuture()
                    .get(OcppConnection.CALL_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            return new Answer(answer, null, 200);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException) {
                return new Answer(null, Notice.error(op().no_answer(id, action)), 504);
            }
            if (cause instanceof OcppError o) {
                boolean offline = o.code() == OcppError.Code.GenericError
                        && String.valueOf(o.getMessage()).contains("not connected");
                return offline
                        ? new Answer(null, Notice.error(op().not_connected(id)), 409)
                        : new Answer(
                                null,
                                Notice.error(
                                        op().call_error(id, action, o.code().name(), String.valueOf(o.getMessage()))),
                                502);
            }
            return new Answer(
                    null, Notice.error(op().call_error(id, action, "", String.valueOf(cause.getMessage()))), 502);
        } catch (TimeoutException e) {
            return new Answer(null, Notice.error(op().no_answer(id, action)), 504);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(null, Notice.error(op().no_answer(id, action)), 503);
        }
    }

    /** A random 20-byte key written as 40 hex digits (the longest password a charge point takes). */
    private static String generated() {
        byte[] b = new byte[20];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private Notice notice(String done, String n) {
        if (done == null) {
            return null;
        }
        String[] p = (n == null ? "" : n).split("\\|", -1);
        return switch (done) {
            case "accepted" -> Notice.ok(op().done_accepted(p[0]));
            case "rejected" -> Notice.ok(op().done_rejected(p[0]));
            case "password" -> Notice.ok(op().done_password(p[0]));
            case "session_ended" ->
                "CLOSED".equals(p.length > 1 ? p[1] : "")
                        ? Notice.ok(op().done_session_ended(p[0]))
                        : Notice.warn(op().done_session_flagged(p[0]));
            case "command" -> {
                String status = p.length > 2 ? p[2] : "";
                String text = op().done_command(p[0], p.length > 1 ? p[1] : "", status);
                yield "Accepted".equals(status) || "Unlocked".equals(status) || status.isEmpty()
                        ? Notice.ok(text)
                        : Notice.warn(text);
            }
            default -> null;
        };
    }

    private TemplateInstance view(Notice notice, String configOf, List<ConfigKey> config, List<String> unknown) {
        List<PointView> points = new ArrayList<>();
        for (ChargePoints.ChargePointView v : chargePoints.list(calls::connected)) {
            points.add(new PointView(v, chargePoints.openTransactions(v.id())));
        }
        return Templates.page(new View(notice, points, configOf, config, unknown, ChargePoints.MIN_PASSWORD_BYTES));
    }
}
