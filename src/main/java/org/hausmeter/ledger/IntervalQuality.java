package org.hausmeter.ledger;

/** How a quarter-hour value in {@code interval_energy} came about (same names as the column's CHECK). */
public enum IntervalQuality {
    /** Both boundary counter values come from readings within the tolerance of the boundary. */
    MEASURED,
    /** Spread over a gap, or a placeholder 0 where the counter cannot be trusted. */
    ESTIMATED,
    /** Entered or corrected by the caretaker; never written by the derivation. */
    MANUAL,
    /** Taken over from an imported load profile; never written by the derivation. */
    IMPORTED
}
