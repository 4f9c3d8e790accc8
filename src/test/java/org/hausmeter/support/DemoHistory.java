package org.hausmeter.support;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.hausmeter.bus.PolledMeter;
import org.hausmeter.bus.PollingService;
import org.hausmeter.bus.sim.SimulatedHistory;
import org.hausmeter.ledger.persistence.LedgerDerivation;
import org.hausmeter.ledger.persistence.ReadingStore;

/**
 * The demo building's past for a test: the simulated meters' readings of a span, stored through the ledger,
 * then the ledger's quarter hours derived from them, as the demo's first start does for its whole history.
 * One place for what seven test classes used to copy. Idempotent: a span already stored is stored again
 * as no-ops and derives the same quarter hours, so classes may ask for overlapping spans in any order.
 * <p>
 * Spans are local days of the demo building (Europe/Berlin); readings reach one quarter hour beyond either
 * end, since deriving a quarter hour needs a reading at its start and at its end.
 */
@ApplicationScoped
public class DemoHistory {

    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final long QUARTER_HOUR = 900;

    private final PollingService polling;
    private final ReadingStore store;
    private final LedgerDerivation derivation;

    DemoHistory(PollingService polling, ReadingStore store, LedgerDerivation derivation) {
        this.polling = polling;
        this.store = store;
        this.derivation = derivation;
    }

    /** A whole month of the building's local time. */
    public void month(YearMonth month) throws SQLException {
        days(month.atDay(1), month.atEndOfMonth());
    }

    /** The local days {@code first} to {@code last}, both included. */
    public void days(LocalDate first, LocalDate last) throws SQLException {
        between(
                first.atStartOfDay(BERLIN).toInstant(),
                last.plusDays(1).atStartOfDay(BERLIN).toInstant());
    }

    /** The quarter hours in [from, to) (both on quarter hours), from readings one quarter hour either side. */
    public void between(Instant from, Instant to) throws SQLException {
        if (from.getEpochSecond() % QUARTER_HOUR != 0 || to.getEpochSecond() % QUARTER_HOUR != 0 || !to.isAfter(from)) {
            throw new IllegalArgumentException("Not a span of quarter hours: " + from + " to " + to);
        }
        List<PolledMeter> meters = polling.pollers().values().stream()
                .flatMap(p -> p.meters().stream())
                .toList();
        SimulatedHistory.generate(
                polling.simulator().orElseThrow().building(),
                meters,
                from.minusSeconds(QUARTER_HOUR),
                to.plusSeconds(QUARTER_HOUR),
                store);
        derivation.derive(from, to);
    }
}
