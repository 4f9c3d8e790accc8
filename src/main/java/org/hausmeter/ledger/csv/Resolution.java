package org.hausmeter.ledger.csv;

/**
 * The time step of an interval file, detected from its timestamps: the greatest common divisor of the distances
 * between the interval starts of each meter (so gaps do not matter), and DAILY when every start is a local midnight
 * (days of 23 or 25 hours around DST still count as daily).
 *
 * @param seconds the step in seconds: 900 for quarter hours, 3600 hourly, 86400 daily
 * @param daily   every value starts at a local midnight and the step is at least an hour
 */
public record Resolution(long seconds, boolean daily) {

    public static final Resolution QUARTER_HOUR = new Resolution(900, false);
    public static final Resolution HOURLY = new Resolution(3600, false);
    public static final Resolution DAILY = new Resolution(86_400, true);

    /** True when a value covers more than one quarter hour: refused for billing unless spread on request. */
    public boolean coarser() {
        return daily || seconds > 900;
    }

    /** {@code 15 minutes}, {@code hourly}, {@code daily}, or {@code every 30 minutes}. */
    public String text() {
        if (daily) {
            return "daily";
        }
        if (seconds == 3600) {
            return "hourly";
        }
        return seconds % 60 == 0
                ? (seconds == 900 ? "15 minutes" : "every " + seconds / 60 + " minutes")
                : "every " + seconds + " seconds";
    }
}
