package org.hausmeter.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.hausmeter.ledger.MeterRole;
import org.hausmeter.ledger.persistence.Meter;

/** Meters of their own for tests: on no polled bus, so only the test writes their readings. */
public final class TestMeters {

    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000);

    private TestMeters() {}

    /** A COMMON meter (no owner) installed on 1 January 2024, committed. */
    public static Meter common(String prefix) {
        return create(prefix, Instant.parse("2024-01-01T00:00:00Z"));
    }

    public static Meter create(String prefix, Instant installedAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Meter m = new Meter();
            m.name = prefix + "-" + SEQ.incrementAndGet();
            m.bus = "test-" + m.name;
            m.unitId = 1;
            m.model = "eastron-sdm630";
            m.role = MeterRole.COMMON;
            m.installedAt = installedAt;
            m.persist();
            return m;
        });
    }
}
