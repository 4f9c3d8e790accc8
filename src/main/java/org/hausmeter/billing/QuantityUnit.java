package org.hausmeter.billing;

/** The unit of a bill line's quantity. */
public enum QuantityUnit {
    /** Kilowatt-hours, 3 decimals (exact whole Wh). */
    KWH,
    /** Days of a partial month (base fee). */
    DAY,
    /** Whole calendar months (base fee). */
    MONTH,
    /** A single item (adjustment). */
    PIECE
}
