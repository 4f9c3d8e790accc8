package org.hausmeter.charging.power;

import jakarta.enterprise.context.ApplicationScoped;
import org.hausmeter.bus.ModbusFailure;
import org.hausmeter.charging.Chargers;
import org.hausmeter.charging.control.ChargerController;

/**
 * Writes current limits over Modbus with the charger's control profile ({@code limit} writes), on the bus's own
 * thread between the poller's requests ({@link ChargerController#setLimit}), and checks the enabled read-back.
 */
@ApplicationScoped
public class ModbusPowerOutput implements ChargerPowerOutput {

    private final Chargers chargers;

    ModbusPowerOutput(Chargers chargers) {
        this.chargers = chargers;
    }

    @Override
    public String name() {
        return "MODBUS";
    }

    @Override
    public boolean handles(String chargerId) {
        return chargers.byId(chargerId)
                .flatMap(Chargers.Charger::control)
                .map(ChargerController::limitable)
                .orElse(false);
    }

    @Override
    public void setLimit(String chargerId, int amps, int phases) throws PowerOutputException {
        ChargerController control = chargers.byId(chargerId)
                .flatMap(Chargers.Charger::control)
                .orElseThrow(() -> new PowerOutputException("charger [" + chargerId + "] has no Modbus control", null));
        boolean enabled;
        try {
            enabled = control.setLimit(amps);
        } catch (ModbusFailure | RuntimeException e) {
            throw new PowerOutputException(control + ": " + e.getMessage(), e);
        }
        if (enabled != (amps > 0)) {
            throw new PowerOutputException(
                    control + " reads back " + (enabled ? "enabled" : "disabled") + " after a limit of " + amps + " A",
                    null);
        }
    }
}
