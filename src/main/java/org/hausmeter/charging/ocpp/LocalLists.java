package org.hausmeter.charging.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.hausmeter.building.BuildingSettings;
import org.jboss.logging.Logger;

/**
 * The Local Auth List of each accepted charge point, so it authorises the building's cards while the server is
 * down. The list holds every registered card (idTag = UID hex) with its status now: Accepted (with the card's
 * expiry), Blocked, Expired, or Invalid (no running tenancy). After an accepted BootNotification the charge point's
 * version is asked (GetLocalListVersion): a version other than the one it last confirmed gets a Full list;
 * otherwise, and every {@code hausmeter.ocpp.local-list-interval}, only the changes go out (Differential, removed
 * cards as entries without idTagInfo). The list is stored as confirmed only when the charge point answers Accepted;
 * VersionMismatch is answered with a Full list.
 */
@ApplicationScoped
public class LocalLists {

    private static final Logger LOG = Logger.getLogger(LocalLists.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgroalDataSource db;
    private final ChargePoints chargePoints;
    private final ChargePointCalls calls;
    private final BuildingSettings settings;
    private final Clock clock;
    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    LocalLists(
            AgroalDataSource db,
            ChargePoints chargePoints,
            ChargePointCalls calls,
            BuildingSettings settings,
            Clock clock) {
        this.db = db;
        this.chargePoints = chargePoints;
        this.calls = calls;
        this.settings = settings;
        this.clock = clock;
    }

    /** Every registered card as its list entry now, by idTag. */
    Map<String, ObjectNode> entries() throws SQLException {
        Instant now = clock.instant();
        ZoneId zone = settings.current().zone();
        LocalDate today = LocalDate.ofInstant(now, zone);
        Map<String, ObjectNode> out = new TreeMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT c.uid, c.blocked_at IS NOT NULL, c.expires_on,"
                        + " EXISTS (SELECT 1 FROM tenancy t WHERE t.resident_id = c.resident_id AND t.move_in <= ?"
                        + " AND (t.move_out IS NULL OR t.move_out > ?)) FROM charging_card c ORDER BY c.uid")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode info = JSON.createObjectNode();
                    LocalDate expires =
                            rs.getDate(3) == null ? null : rs.getDate(3).toLocalDate();
                    if (rs.getBoolean(2)) {
                        info.put("status", "Blocked");
                    } else if (expires != null && today.isAfter(expires)) {
                        info.put("status", "Expired");
                    } else if (!rs.getBoolean(4)) {
                        info.put("status", "Invalid");
                    } else {
                        info.put("status", "Accepted");
                        if (expires != null) {
                            info.put(
                                    "expiryDate",
                                    expires.plusDays(1)
                                            .atStartOfDay(zone)
                                            .toInstant()
                                            .toString());
                        }
                    }
                    out.put(rs.getString(1), info);
                }
            }
        }
        return out;
    }

    /** After an accepted boot: ask the version; Full when it is not the one confirmed last, else the changes. */
    CompletionStage<Void> afterBoot(String cp) {
        return calls.call(cp, "GetLocalListVersion", JSON.createObjectNode()).thenCompose(answer -> {
            try {
                int stored = chargePoints.localList(cp).version();
                int theirs = answer.get("listVersion").asInt();
                return sync(cp, theirs != stored || stored == 0);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Every minute (setting): the changes to each connected, accepted charge point. */
    @Scheduled(every = "${hausmeter.ocpp.local-list-interval:60s}", delayed = "30s")
    void syncAll() {
        try {
            for (String cp : chargePoints.accepted()) {
                if (calls.connected(cp)) {
                    sync(cp, false);
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("OCPP: local lists not synchronised: %s", e.getMessage());
        }
    }

    /** Sends the list (Full) or its changes (Differential) to {@code cp}; completes when it answered. */
    public CompletionStage<Void> sync(String cp, boolean full) {
        if (!busy.add(cp)) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            Map<String, ObjectNode> want = entries();
            ChargePoints.StoredList stored = chargePoints.localList(cp);
            JsonNode had = JSON.readTree(stored.json());
            boolean sendFull = full || stored.version() == 0;
            ArrayNode list = JSON.createArrayNode();
            if (sendFull) {
                want.forEach((tag, info) -> list.addObject().put("idTag", tag).set("idTagInfo", info));
            } else {
                want.forEach((tag, info) -> {
                    if (!info.equals(had.get(tag))) {
                        list.addObject().put("idTag", tag).set("idTagInfo", info);
                    }
                });
                for (Iterator<String> it = had.fieldNames(); it.hasNext(); ) {
                    String tag = it.next();
                    if (!want.containsKey(tag)) {
                        list.addObject().put("idTag", tag);
                    }
                }
                if (list.isEmpty()) {
                    busy.remove(cp);
                    return CompletableFuture.completedFuture(null);
                }
            }
            int version = stored.version() + 1;
            ObjectNode payload = JSON.createObjectNode()
                    .put("listVersion", version)
                    .put("updateType", sendFull ? "Full" : "Differential");
            payload.set("localAuthorizationList", list);
            String json = JSON.writeValueAsString(want);
            return calls.call(cp, "SendLocalList", payload)
                    .thenCompose(answer -> {
                        String status = answer.get("status").asText();
                        busy.remove(cp);
                        switch (status) {
                            case "Accepted" -> {
                                try {
                                    chargePoints.storeLocalList(cp, version, json);
                                } catch (SQLException e) {
                                    throw new IllegalStateException(e);
                                }
                                LOG.infof(
                                        "OCPP: %s took local list version %d (%s, %d entries)",
                                        cp, version, sendFull ? "Full" : "Differential", list.size());
                                return CompletableFuture.<Void>completedFuture(null);
                            }
                            case "VersionMismatch" -> {
                                return sendFull ? CompletableFuture.<Void>completedFuture(null) : sync(cp, true);
                            }
                            default -> {
                                LOG.warnf("OCPP: %s answered SendLocalList with %s", cp, status);
                                return CompletableFuture.<Void>completedFuture(null);
                            }
                        }
                    })
                    .whenComplete((v, e) -> {
                        busy.remove(cp);
                        if (e != null) {
                            LOG.warnf("OCPP: local list to %s failed: %s", cp, e.getMessage());
                        }
                    });
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            busy.remove(cp);
            return CompletableFuture.failedFuture(e);
        }
    }
}
