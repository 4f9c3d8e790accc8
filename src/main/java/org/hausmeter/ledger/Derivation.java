package org.hausmeter.ledger;

import java.util.List;

/**
 * Result of deriving interval energy from counter readings.
 *
 * @param intervals one row per covered quarter hour of the period, ascending by start; quarter hours the
 *                  readings do not cover, and those excluded by an {@link Anomaly.Kind#IMPOSSIBLE_JUMP},
 *                  have no row
 * @param anomalies counter anomalies between readings that touch the period, ascending by instant
 */
public record Derivation(List<IntervalValue> intervals, List<Anomaly> anomalies) {
    public Derivation {
        intervals = List.copyOf(intervals);
        anomalies = List.copyOf(anomalies);
    }

    /** Sum of importWh over all rows, Wh. */
    public long totalImportWh() {
        return intervals.stream().mapToLong(IntervalValue::importWh).sum();
    }

    /** Sum of exportWh over all rows, Wh. */
    public long totalExportWh() {
        return intervals.stream().mapToLong(IntervalValue::exportWh).sum();
    }
}
