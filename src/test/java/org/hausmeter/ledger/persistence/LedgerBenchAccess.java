package org.hausmeter.ledger.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.hausmeter.ledger.CounterReading;

/** Lets the benchmark read readings the way the derivation service does. */
public final class LedgerBenchAccess {

    private LedgerBenchAccess() {}

    public static List<CounterReading> readings(Connection c, long meterId, Instant from, Instant to)
            throws SQLException {
        return LedgerDerivation.readings(c, meterId, from, to);
    }
}
