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

    void value(long epochSecond) {
        values++;
        if (epochSecond < first) {
            first = epochSecond;
        }
        if (epochSecond > last) {
            last = epochSecond;
        }
    }

    ImportSummary summary(ImportOptions.Layout layout, ImportSummary.Kind kind) {
        return new ImportSummary(layout, kind, rows, values, meters.size(),
                values == 0 ? null : Instant.ofEpochSecond(first), values == 0 ? null : Instant.ofEpochSecond(last));
    }
}
