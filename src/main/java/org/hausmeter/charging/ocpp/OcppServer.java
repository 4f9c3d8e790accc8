package org.hausmeter.charging.ocpp;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.hausmeter.platform.LogSafe;
import org.jboss.logging.Logger;

/**
 * The OCPP 1.6J endpoint {@code ws(s)://host/ocpp/{chargePointId}} on the Vert.x HTTP server Quarkus runs (HTTP
 * and, with TLS configured, the HTTPS port: security profiles 1 and 2). The handshake needs the subprotocol
 * {@code ocpp1.6} (echoed) and, for a charge point that has a password, HTTP Basic with the charge point id as user
 * name (401 and no upgrade otherwise). A charge point nobody has set a password for may connect without one: it
 * stays PENDING and can only send BootNotification and Heartbeat. The route runs before Quarkus's own
 * authentication (a charge point is no account). One connection per charge point: a new one replaces the old.
 */
@ApplicationScoped
public class OcppServer implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(OcppServer.class);
    public static final String SUBPROTOCOL = "ocpp1.6";
    /** Before Quarkus's authentication filter (order -200): a charge point's Basic header is not an account's. */
    static final int ROUTE_ORDER = -1000;

    private final ChargePoints chargePoints;
    private final OcppCentralSystem central;
    private final OcppSchemas schemas;
    private final ConcurrentHashMap<String, OcppConnection> connections = new ConcurrentHashMap<>();
    private final ExecutorService workers;

    OcppServer(ChargePoints chargePoints, OcppCentralSystem central) {
        this.chargePoints = chargePoints;
        this.central = central;
        this.schemas = new OcppSchemas();
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "ocpp-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.addWebSocketSubProtocol(SUBPROTOCOL);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        options.addWebSocketSubProtocol(SUBPROTOCOL);
    }

    void init(@Observes Router router) {
        router.route("/ocpp/:id").order(ROUTE_ORDER).handler(this::handshake);
    }

    OcppSchemas schemas() {
        return schemas;
    }

    /** The live connection of a charge point, if it is connected. */
    public Optional<OcppConnection> connection(String chargePointId) {
        return Optional.ofNullable(connections.get(chargePointId));
    }

    public Collection<OcppConnection> connections() {
        return connections.values();
    }

    private void handshake(RoutingContext rc) {
        HttpServerRequest req = rc.request();
        String id = rc.pathParam("id");
        String protocols = req.getHeader("Sec-WebSocket-Protocol");
        if (!"websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
            rc.response().setStatusCode(400).end("OCPP charge points connect with a WebSocket upgrade");
            return;
        }
        if (protocols == null
                || Arrays.stream(protocols.split(",")).map(String::trim).noneMatch(SUBPROTOCOL::equals)) {
            LOG.infof(
                    "OCPP: %s offered no subprotocol %s (%s): refused",
                    LogSafe.quoted(id), SUBPROTOCOL, LogSafe.quoted(protocols));
            rc.response().setStatusCode(400).end("Only the subprotocol " + SUBPROTOCOL + " is spoken here");
            return;
        }
        if (!ChargePoints.validId(id)) {
            rc.response().setStatusCode(400).end("A charge point id is 1 to 48 of A-Z a-z 0-9 . _ ~ : -");
            return;
        }
        Optional<String[]> basic = basic(req.getHeader("Authorization"));
        req.pause();
        rc.vertx()
                .<ChargePoints.Admission>executeBlocking(
                        () -> chargePoints.admit(id, basic.map(b -> b[0]), basic.map(b -> b[1])), false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        LOG.errorf(ar.cause(), "OCPP: handshake of %s failed", LogSafe.quoted(id));
                        rc.response().setStatusCode(500).end();
                        return;
                    }
                    ChargePoints.Admission a = ar.result();
                    if (!a.admitted()) {
                        LOG.warnf("OCPP: %s refused at the handshake: %s", LogSafe.quoted(id), a.reason());
                        rc.response()
                                .setStatusCode(401)
                                .putHeader("WWW-Authenticate", "Basic realm=\"hausmeter-ocpp\"")
                                .end(a.reason());
                        return;
                    }
                    req.resume();
                    req.toWebSocket().onComplete(ws -> {
                        if (ws.failed()) {
                            LOG.warnf(
                                    "OCPP: upgrade of %s failed: %s",
                                    LogSafe.quoted(id), ws.cause().getMessage());
                            return;
                        }
                        open(id, ws.result());
                    });
                });
    }

    private void open(String id, ServerWebSocket ws) {
        OcppConnection c = new OcppConnection(id, ws, schemas, central, workers);
        OcppConnection old = connections.put(id, c);
        if (old != null) {
            LOG.infof("OCPP: %s connected again; the previous connection is closed", LogSafe.quoted(id));
            old.close();
        }
        ws.closeHandler(v -> {
            connections.remove(id, c);
            c.closed();
            LOG.infof("OCPP: %s disconnected", LogSafe.quoted(id));
        });
        LOG.infof("OCPP: %s connected from %s", LogSafe.quoted(id), ws.remoteAddress());
        c.start();
    }

    /** Closes a charge point's connection (its password changed: it must connect again with the new one). */
    void drop(String id) {
        OcppConnection c = connections.remove(id);
        if (c != null) {
            c.close();
        }
    }

    /** User name and password of an HTTP Basic header, if it is one. */
    static Optional<String[]> basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String text =
                    new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            return colon < 0
                    ? Optional.empty()
                    : Optional.of(new String[] {text.substring(0, colon), text.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
