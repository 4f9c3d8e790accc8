package org.hausmeter.ledger.mscons;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which column of a quarter hour a series fills, from its OBIS code in {@code PIA+5}: {@code 1-b:1.29.e} is active
 * energy drawn from the grid in the measurement period (Wirkarbeit Bezug), {@code 1-b:2.29.e} active energy delivered
 * (Lieferung/Einspeisung).
 */
public enum Direction {
    IMPORT,
    EXPORT;

    private static final Pattern OBIS = Pattern.compile("1-[0-9]{1,3}:([12])\\.29\\.[0-9]{1,3}");

    /** The direction of a 15-minute energy series, or empty for any other OBIS code. */
    public static Optional<Direction> ofObis(String obis) {
        Matcher m = OBIS.matcher(obis == null ? "" : obis.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1).equals("1") ? IMPORT : EXPORT);
    }
}
