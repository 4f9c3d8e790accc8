package org.hausmeter.support;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * The one instant the test suite lives at (docs/testing.md). Every server a test starts runs on a clock
 * that starts here ({@code hausmeter.clock.start}, set by {@link EmbeddedServersResource}) and runs on
 * in real time; every fixture date is derived from it. No test reads the machine's clock: the suite
 * passes on any date.
 * <p>
 * Friday 20 November 2026, 10:00 in Berlin. Chosen so that the demo building's months cover what the
 * billing tests need: last month (October 2026) holds both the demo's tenant change (15th) and the end of
 * daylight saving time (25th, 100 quarter hours); March 2026 holds its start (23 hours on the 29th).
 */
public final class TestTime {

    /** The instant every test server's clock starts at. */
    public static final Instant PINNED = Instant.parse("2026-11-20T09:00:00Z");

    /** The demo building's and the fixtures' time zone. */
    public static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private TestTime() {}

    /** A clock fixed at {@link #PINNED}, in UTC: for unit tests of cores that take a clock. */
    public static Clock fixed() {
        return Clock.fixed(PINNED, java.time.ZoneOffset.UTC);
    }

    /** The pinned day in Berlin. */
    public static LocalDate today() {
        return LocalDate.ofInstant(PINNED, BERLIN);
    }

    /** The pinned month in Berlin (the running month on the test servers). */
    public static YearMonth thisMonth() {
        return YearMonth.from(today());
    }

    /** The month before {@link #thisMonth()}: the demo's tenant change, drafts not issued. */
    public static YearMonth lastMonth() {
        return thisMonth().minusMonths(1);
    }
}
