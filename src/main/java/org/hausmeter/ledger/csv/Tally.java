package org.hausmeter.ledger.csv;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/** Running summary of valid values. */
final class Tally {
    long rows;
    long values;
    private final Set<Long> meters = new HashSet<>();
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;

    void meter(long meterId) {
        meters.add(meterId);
    }

    void value(long epochMilli) {
        values++;
        if (epochMilli < first) {
            first = epochMilli;
        }
        if (epochMilli > last) {
            last = epochMilli;
        }
    }

    ImportSummary summary(ImportOptions.Layout layout, ImportSummary.Kind kind) {
        return summary(layout, kind, kind == ImportSummary.Kind.INTERVALS ? Resolution.QUARTER_HOUR : null);
    }

    ImportSummary summary(ImportOptions.Layout layout, ImportSummary.Kind kind, Resolution resolution) {
        return new ImportSummary(
                layout,
                kind,
                rows,
                values,
                meters.size(),
                values == 0 ? null : Instant.ofEpochMilli(first),
                values == 0 ? null : Instant.ofEpochMilli(last),
                resolution);
    }
}
