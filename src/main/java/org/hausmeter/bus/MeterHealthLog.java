package org.hausmeter.bus;

import org.hausmeter.platform.LogSafe;
import org.jboss.logging.Logger;

/**
 * Logs each meter's changes between working and defective, once per change, with the kind of failure
 * (docs/bus.md "Commissioning"): WARN when a meter goes defective, INFO when it answers again.
 */
public final class MeterHealthLog implements MeterHealth.Transitions {

    private static final Logger LOG = Logger.getLogger(MeterHealthLog.class);

    private final String bus;
    private final int unitId;

    public MeterHealthLog(String bus, int unitId) {
        this.bus = bus;
        this.unitId = unitId;
    }

    @Override
    public void defective(MeterHealth h, MeterHealth.Failure kind, int exceptionCode, String message) {
        LOG.warn(defectiveLine(h.meter(), bus, unitId, kind, exceptionCode, message));
    }

    @Override
    public void recovered(MeterHealth h, int failedReads) {
        LOG.info(recoveredLine(h.meter(), bus, unitId, failedReads));
    }

    /** The WARN line; {@code message} is the transport's text, quoted (it may carry a device's or library's words). */
    static String defectiveLine(
            String meter, String bus, int unitId, MeterHealth.Failure kind, int exceptionCode, String message) {
        return String.format(
                "Meter [%s] (bus [%s], unit %d) is defective: %d failed reads in a row, last %s: %s",
                meter,
                bus,
                unitId,
                MeterHealth.DEFECTIVE_AFTER,
                MeterHealth.describe(kind, exceptionCode),
                LogSafe.quoted(message));
    }

    static String recoveredLine(String meter, String bus, int unitId, int failedReads) {
        return String.format(
                "Meter [%s] (bus [%s], unit %d) answers again after %d failed reads", meter, bus, unitId, failedReads);
    }
}
