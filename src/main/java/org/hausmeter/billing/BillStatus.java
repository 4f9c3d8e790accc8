package org.hausmeter.billing;

/**
 * Where a stored bill is in its workflow (column {@code bill.status}); the allowed moves are
 * {@link BillWorkflow}'s.
 */
public enum BillStatus {
    /** Computed by a run, replaced by the next run while its inputs change; not visible to the resident. */
    DRAFT,
    /** Numbered, PDF stored, frozen; a cancellation is issued at once. */
    ISSUED,
    /** An issued invoice that a cancellation (Stornorechnung) cancelled; frozen. */
    CANCELLED
}
