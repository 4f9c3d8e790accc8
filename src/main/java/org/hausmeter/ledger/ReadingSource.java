package org.hausmeter.ledger;

/** Where a counter reading came from. */
public enum ReadingSource {
    /** Read from the meter by the poller. */
    POLL,
    /** Typed in by the caretaker. */
    MANUAL,
    /** From a CSV import. */
    IMPORT,
    /** Final reading of a removed meter or first reading of its replacement. */
    EXCHANGE,
    /** The energy register an OCPP charge point sent (MeterValues, StartTransaction, StopTransaction). */
    OCPP
}
