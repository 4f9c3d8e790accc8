package org.hausmeter.charging.power;

import java.time.Instant;
import java.util.List;

/**
 * The output port of the power control: sets a charger's current limit, whatever speaks to the charger.
 * Implementations are CDI beans; {@link PowerControl} asks each in turn whether it {@link #handles} a charger
 * and uses the first that does.
 *
 * <p>{@link ModbusPowerOutput} (profiles with {@code limit} writes: Heidelberg Energy Control holding 261, Phoenix
 * Contact EV-CC holding 528) and {@code charging.ocpp.OcppPowerOutput} (SetChargingProfile: TxDefaultProfile, stack
 * level 0, chargingRateUnit A, one period with {@code limit = amps} and {@code numberPhases = phases}; {@code amps}
 * 0 pauses; set when the charge point answered Accepted). An output may control chargers the building file does
 * not list (OCPP connectors): it names them with their live draw in {@link #unlisted}.
 */
public interface ChargerPowerOutput {

    /** A short name for the log, e.g. {@code MODBUS}. */
    String name();

    /** Whether this output can set the limit of charger {@code chargerId}. */
    boolean handles(String chargerId);

    /**
     * Sets the limit: 0 = pause, else {@code amps} (6..32) on {@code phases} (1 or 3) phases.
     *
     * @throws PowerOutputException when the charger did not take or confirm it
     */
    void setLimit(String chargerId, int amps, int phases) throws PowerOutputException;

    /** A charger this output controls that the building file does not list, with its live draw and car state. */
    record Unlisted(String chargerId, long drawW, boolean plugged) {}

    /** The chargers this output controls beyond the building file's (none by default). */
    default List<Unlisted> unlisted(Instant now) {
        return List.of();
    }

    /** The charger did not take or confirm a limit. */
    final class PowerOutputException extends Exception {
        public PowerOutputException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
