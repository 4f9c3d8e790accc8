package org.hausmeter.charging.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hausmeter.charging.power.ChargerPowerOutput;

/**
 * The power control's output for OCPP wallboxes: a connector's current limit as a SetChargingProfile
 * (docs/ocpp.md, "Power control"). One TxDefaultProfile per connector (chargingProfileId 100 + connector, stack
 * level 0, so a new one replaces the last), kind Absolute starting a minute ago (a clock a little behind on the
 * wallbox still applies it at once), unit A, one period from 0 with the limit and the number of phases. A limit of
 * 0 A pauses the car (the wallbox reports SuspendedEVSE); the profile applies to the running transaction and to
 * the next. The limit counts as set only when the charge point answers Accepted.
 *
 * <p>It handles the connectors of ACCEPTED, connected charge points; those are chargers the building file does not
 * list, so they are given to the power control as {@link #unlisted} with their live power (MeterValues
 * Power.Active.Import, at most {@link #MAX_AGE} old) and whether a car is there (connector status Preparing,
 * Charging, SuspendedEV, SuspendedEVSE or Finishing).
 */
@ApplicationScoped
public class OcppPowerOutput implements ChargerPowerOutput {

    /** The oldest MeterValues power taken as the connector's draw now. */
    static final Duration MAX_AGE = Duration.ofMinutes(2);

    private static final Set<String> CAR_THERE =
            Set.of("Preparing", "Charging", "SuspendedEV", "SuspendedEVSE", "Finishing");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChargePoints chargePoints;
    private final ChargePointCalls calls;
    private final Clock clock;

    OcppPowerOutput(ChargePoints chargePoints, ChargePointCalls calls, Clock clock) {
        this.chargePoints = chargePoints;
        this.calls = calls;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "OCPP";
    }

    @Override
    public boolean handles(String chargerId) {
        return connector(chargerId).isPresent();
    }

    @Override
    public List<Unlisted> unlisted(Instant now) {
        List<Unlisted> out = new ArrayList<>();
        for (ChargePoints.ChargePointView cp : live()) {
            for (ChargePoints.ConnectorView c : cp.connectors()) {
                if (c.connectorId() < 1) {
                    continue;
                }
                long drawW = c.powerW() != null
                                && c.valuesAt() != null
                                && !c.valuesAt().isBefore(now.minus(MAX_AGE))
                        ? Math.max(0, c.powerW())
                        : 0;
                out.add(new Unlisted(
                        OcppTransactions.chargerId(cp.id(), c.connectorId()),
                        drawW,
                        c.status() == null || CAR_THERE.contains(c.status())));
            }
        }
        return out;
    }

    @Override
    public void setLimit(String chargerId, int amps, int phases) throws PowerOutputException {
        Connector target = connector(chargerId)
                .orElseThrow(() -> new PowerOutputException(
                        "charger [" + chargerId + "] is no connector of a connected, accepted charge point", null));
        JsonNode answer;
        try {
            answer = calls.call(target.chargePoint(), "SetChargingProfile", profile(target.connector(), amps, phases))
                    .toCompletableFuture()
                    .get(OcppConnection.CALL_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new PowerOutputException(
                    "SetChargingProfile to [" + target.chargePoint() + "]: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new PowerOutputException("SetChargingProfile to [" + target.chargePoint() + "]: no answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PowerOutputException("interrupted", e);
        }
        String status = answer.path("status").asText();
        if (!"Accepted".equals(status)) {
            throw new PowerOutputException(
                    "charge point [" + target.chargePoint() + "] answered SetChargingProfile with [" + status + "]",
                    null);
        }
    }

    /** The SetChargingProfile.req payload (validated against the request schema when it is sent). */
    ObjectNode profile(int connector, int amps, int phases) {
        ObjectNode period =
                JSON.createObjectNode().put("startPeriod", 0).put("limit", amps).put("numberPhases", phases);
        ObjectNode schedule = JSON.createObjectNode()
                .put(
                        "startSchedule",
                        clock.instant()
                                .minus(1, ChronoUnit.MINUTES)
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toString())
                .put("chargingRateUnit", "A");
        schedule.putArray("chargingSchedulePeriod").add(period);
        ObjectNode profile = JSON.createObjectNode()
                .put("chargingProfileId", 100 + connector)
                .put("stackLevel", 0)
                .put("chargingProfilePurpose", "TxDefaultProfile")
                .put("chargingProfileKind", "Absolute");
        profile.set("chargingSchedule", schedule);
        ObjectNode payload = JSON.createObjectNode().put("connectorId", connector);
        payload.set("csChargingProfiles", profile);
        return payload;
    }

    private record Connector(String chargePoint, int connector) {}

    private List<ChargePoints.ChargePointView> live() {
        return chargePoints.list(calls::connected).stream()
                .filter(v -> ChargePoints.ACCEPTED.equals(v.status()) && v.connected())
                .toList();
    }

    private Optional<Connector> connector(String chargerId) {
        for (ChargePoints.ChargePointView cp : live()) {
            if (OcppTransactions.onChargePoint(chargerId, cp.id())) {
                int n = chargerId.equals(cp.id())
                        ? 1
                        : Integer.parseInt(chargerId.substring(cp.id().length() + 1));
                return Optional.of(new Connector(cp.id(), n));
            }
        }
        return Optional.empty();
    }
}
