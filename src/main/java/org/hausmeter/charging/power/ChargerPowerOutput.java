package org.hausmeter.charging.power;

/**
 * The output port of the power control: sets a charger's current limit, whatever speaks to the charger.
 * Implementations are CDI beans; {@link PowerControl} asks each in turn whether it {@link #handles} a charger
 * and uses the first that does.
 *
 * <p>Today: {@link ModbusPowerOutput} (profiles with {@code limit} writes: Heidelberg Energy Control holding
 * 261, Phoenix Contact EV-CC holding 528). OCPP implementation point: a bean in {@code charging.ocpp} whose
 * {@code handles} is true for connected OCPP charge points and whose {@code setLimit} sends
 * SetChargingProfile (TxDefaultProfile, stack level 0, chargingRateUnit A, one period with {@code limit =
 * amps} and {@code numberPhases = phases}; {@code amps} 0 pauses) and returns when the charge point answered
 * Accepted (docs/charging.md, "Power control").
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

    /** The charger did not take or confirm a limit. */
    final class PowerOutputException extends Exception {
        public PowerOutputException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
