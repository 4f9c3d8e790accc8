package org.hausmeter.billing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.hausmeter.tariff.TariffBook;

/** Test data builder for {@link BillRequest}: constant values by default, everything overridable. */
final class TestRequest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final LocalDate from;
    private final LocalDate to;
    private final TariffBook tariffs;
    private long[] gridWh;
    private long[] pvWh;
    private final BitSet estimated = new BitSet();
    private long[] commonGridWh = new long[0];
    private long[] commonPvWh = new long[0];
    private final List<EvSession> evSessions = new ArrayList<>();
    private final List<Adjustment> adjustments = new ArrayList<>();

    private TestRequest(LocalDate from, LocalDate to, TariffBook tariffs) {
        this.from = from;
        this.to = to;
        this.tariffs = tariffs;
        this.gridWh = new long[intervals()];
        this.pvWh = new long[intervals()];
    }

    static TestRequest period(LocalDate from, LocalDate to, TariffBook tariffs) {
        return new TestRequest(from, to, tariffs);
    }

    static Instant midnight(LocalDate day) {
        return day.atStartOfDay(BERLIN).toInstant();
    }

    int intervals() {
        return Math.toIntExact(Duration.between(midnight(from), midnight(to)).toMinutes() / 15);
    }

    /** The start instant of interval {@code i}. */
    Instant start(int i) {
        return midnight(from).plus(Duration.ofMinutes(15L * i));
    }

    TestRequest gridWh(long each) {
        Arrays.fill(gridWh, each);
        return this;
    }

    TestRequest gridWh(long[] values) {
        gridWh = values;
        return this;
    }

    TestRequest pvWh(long[] values) {
        pvWh = values;
        return this;
    }

    TestRequest pvWh(long each) {
        Arrays.fill(pvWh, each);
        return this;
    }

    TestRequest commonGridWh(long each) {
        commonGridWh = new long[intervals()];
        Arrays.fill(commonGridWh, each);
        return this;
    }

    TestRequest commonPvWh(long[] values) {
        commonPvWh = values;
        return this;
    }

    TestRequest estimated(int fromIndex, int toIndex) {
        estimated.set(fromIndex, toIndex);
        return this;
    }

    TestRequest ev(EvSession session) {
        evSessions.add(session);
        return this;
    }

    TestRequest adjustment(Adjustment adjustment) {
        adjustments.add(adjustment);
        return this;
    }

    BillRequest build() {
        return new BillRequest(
                midnight(from),
                midnight(to),
                BERLIN,
                tariffs,
                gridWh,
                pvWh,
                estimated,
                commonGridWh,
                commonPvWh,
                evSessions,
                adjustments);
    }
}
