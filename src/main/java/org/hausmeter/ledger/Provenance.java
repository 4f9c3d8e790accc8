package org.hausmeter.ledger;

import java.util.Objects;

/**
 * Where a stored value came from: a row of {@code import_source} (CSV file, MSCONS message, manual entry) with the
 * position inside it, or no source at all (the poller, or the derivation's estimate over a gap).
 *
 * @param kind      how the value arrived
 * @param reference the file name (CSV), the message reference (MSCONS, e.g. the UNH/BGM reference), or null for
 *                  POLL, ESTIMATE and MANUAL
 * @param position  1-based line of a CSV file or segment/position of an MSCONS message, null when none
 * @param who       the account that imported or typed the value, null when unknown (poll, estimate)
 */
public record Provenance(Kind kind, String reference, Long position, String who) {

    /** How a value arrived. */
    public enum Kind {
        /** Derived from counter readings the poller read from the meter (no source row). */
        POLL,
        /** From a CSV file: reference = file name, position = line. */
        CSV,
        /** From an MSCONS message: reference = message reference, position = its position in the message. */
        MSCONS,
        /** Typed in by the caretaker: who = account name. */
        MANUAL,
        /** Estimated by the derivation over a gap between readings (no source row). */
        ESTIMATE
    }

    public Provenance {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.CSV || kind == Kind.MSCONS) && (reference == null || reference.isBlank())) {
            throw new IllegalArgumentException(kind + " provenance needs a file or message reference");
        }
        if (position != null && position < 1) {
            throw new IllegalArgumentException("Position [" + position + "] must be 1 or more");
        }
    }

    public static Provenance poll() {
        return new Provenance(Kind.POLL, null, null, null);
    }

    public static Provenance estimate() {
        return new Provenance(Kind.ESTIMATE, null, null, null);
    }

    /** A CSV file imported by {@code who}; give each row its line with {@link #at(long)}. */
    public static Provenance csv(String file, String who) {
        return new Provenance(Kind.CSV, file, null, who);
    }

    /** An MSCONS message imported by {@code who}; give each value its position with {@link #at(long)}. */
    public static Provenance mscons(String messageReference, String who) {
        return new Provenance(Kind.MSCONS, messageReference, null, who);
    }

    public static Provenance manual(String who) {
        return new Provenance(Kind.MANUAL, null, null, who);
    }

    /** The same source at a position (line, segment number). */
    public Provenance at(long position) {
        return new Provenance(kind, reference, position, who);
    }

    /** True for the kinds stored as an {@code import_source} row. */
    public boolean hasSourceRow() {
        return kind == Kind.CSV || kind == Kind.MSCONS || kind == Kind.MANUAL;
    }

    /** English text for logs, API answers and audit entries: {@code CSV [datei.csv] line [17]}. */
    @Override
    public String toString() {
        return switch (kind) {
            case POLL -> "measured (poll)";
            case ESTIMATE -> "estimated (gap)";
            case CSV -> "CSV [" + reference + "]" + (position == null ? "" : " line [" + position + "]");
            case MSCONS ->
                "MSCONS message [" + reference + "]" + (position == null ? "" : " position [" + position + "]");
            case MANUAL -> who == null ? "manual" : "manual by [" + who + "]";
        };
    }
}
