package org.hausmeter.charging.control;

import org.hausmeter.bus.ModbusBus;
import org.hausmeter.bus.ModbusFailure;

/**
 * Runs a few Modbus requests on a bus without interleaving them with anyone else's: on a running
 * server the bus's own poller thread ({@code PollingService.onBus}), so a charger switch or a meter
 * read at a tap waits its turn on the one-request-at-a-time bus instead of opening a second connection.
 */
@FunctionalInterface
public interface BusAccess {

    /** Work on one bus; may throw the bus's failures. */
    @FunctionalInterface
    interface BusTask<T> {
        T run(ModbusBus bus) throws ModbusFailure;
    }

    /**
     * Runs {@code task} on bus {@code busId} and returns its result.
     *
     * @throws ModbusFailure what the task threw
     * @throws IllegalStateException when the bus is unknown, not running, or the task waited too long
     */
    <T> T call(String busId, BusTask<T> task) throws ModbusFailure;
}
