package org.hausmeter.ledger.csv;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Objects;

/**
 * What the ledger allows an import to hold, beyond the file's own consistency: values only inside a plausible window
 * {@code [earliest, latest)} (a timestamp in year 0001 or 9999 is a typing error, and every month of readings needs a
 * table partition), and no value of a meter before that meter was installed.
 *
 * @param earliest    first instant accepted, or null for no lower bound
 * @param latest      first instant no longer accepted, or null for no upper bound
 * @param installedAt meter id to its installation instant; meters not in the map have no bound
 * @param zone        zone in which dates are shown in messages
 */
public record ImportLimits(Instant earliest, Instant latest, Map<Long, Instant> installedAt, ZoneId zone) {

    /** No limits (tests of the file format, benchmarks). */
    public static final ImportLimits NONE = new ImportLimits(null, null, Map.of(), ZoneId.of("UTC"));

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    public ImportLimits {
        installedAt = Map.copyOf(installedAt);
        Objects.requireNonNull(zone, "zone");
        if (earliest != null && latest != null && !latest.isAfter(earliest)) {
            throw new IllegalArgumentException("Window [" + earliest + ", " + latest + ") is empty");
        }
    }

    /**
     * Why a value of meter {@code name} ({@code meterId}) at {@code at} is refused, or null when it is accepted. Before
     * the meter's installation is named first (it names the meter), then outside the period.
     *
     * @param what "reading" or "interval"
     */
    public String refusal(long meterId, String name, Instant at, String what) {
        Instant installed = installedAt.get(meterId);
        if (installed != null && at.isBefore(installed)) {
            return installedRefusal(name, at, installed, zone, what);
        }
        if (earliest != null && at.isBefore(earliest) || latest != null && !at.isBefore(latest)) {
            return what + " at [" + show(at) + "] is outside the accepted period ["
                    + (earliest == null ? "…" : show(earliest)) + "] to [" + (latest == null ? "…" : show(latest))
                    + "]";
        }
        return null;
    }

    /** The one wording for a value before its meter's installation, for imports, the API and the caretaker pages. */
    public static String installedRefusal(String name, Instant at, Instant installed, ZoneId zone, String what) {
        return what + " at [" + SHOWN.format(at.atZone(zone)) + "] is before meter [" + name + "] was installed on ["
                + SHOWN.format(installed.atZone(zone)) + "]";
    }

    private String show(Instant at) {
        return SHOWN.format(at.atZone(zone));
    }
}
