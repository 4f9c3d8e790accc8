package org.hausmeter.billing;

/** What a stored bill is (column {@code bill.kind}). */
public enum BillKind {
    /** A tenancy period's monthly bill. */
    INVOICE,
    /** A Stornorechnung: an issued invoice's lines and totals negated, with its own number. */
    CANCELLATION
}
