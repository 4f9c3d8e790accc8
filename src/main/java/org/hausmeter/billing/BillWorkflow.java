package org.hausmeter.billing;

import java.util.List;

/**
 * The bill workflow in one place, pure (no I/O, no clock): which move is allowed from which state, and the
 * caretaker's message when it is not. Callers lock the bill, ask here, then persist.
 *
 * <pre>
 *   run ──► DRAFT ──issue──► ISSUED ──cancel──► CANCELLED
 *           │  ▲                │                  │
 *           └──┘ re-run,        └ re-run keeps it  └ re-run makes a new DRAFT for the period (replaces it)
 *             adjust            (reports a changed  cancel: issues a CANCELLATION, ISSUED at once,
 *                                recomputation)     which itself can never be cancelled
 * </pre>
 *
 * Forbidden: issuing anything but a draft; cancelling a draft, a cancelled invoice (once only) or a
 * cancellation; adjusting or removing an adjustment of a tenancy-month whose invoice is issued. See
 * docs/billing.md for the state diagram.
 */
public final class BillWorkflow {

    private BillWorkflow() {}

    /**
     * A bill as the workflow sees it.
     *
     * @param id          database id (in messages about drafts, which have no number)
     * @param kind        invoice or cancellation
     * @param status      its status
     * @param number      its number, null for a draft
     * @param cancelledBy for a cancelled invoice, the cancellation's number
     */
    public record State(long id, BillKind kind, BillStatus status, String number, String cancelledBy) {

        /** @return the state of a stored bill */
        public static State of(StoredBill b) {
            return new State(b.id(), b.kind(), b.status(), b.number(), b.cancelledBy());
        }
    }

    /** What a re-run of the month does with a tenancy period's existing bill. */
    public enum Rerun {
        /** A draft: kept when its content hash is unchanged, else replaced by the new draft. */
        REPLACE_DRAFT_IF_CHANGED,
        /** An issued invoice: never touched; a differing recomputation is only reported. */
        KEEP_ISSUED
    }

    /** @return what a re-run does with an existing invoice of this status (cancelled invoices are not "existing": the run makes a new draft) */
    public static Rerun rerun(BillStatus status) {
        return switch (status) {
            case DRAFT -> Rerun.REPLACE_DRAFT_IF_CHANGED;
            case ISSUED -> Rerun.KEEP_ISSUED;
            case CANCELLED ->
                throw new IllegalArgumentException("A cancelled invoice is not re-run: its period gets a new draft");
        };
    }

    /** @return true when a run has a draft to keep or replace, or an issued invoice to leave (not cancelled) */
    public static boolean isCurrent(BillStatus status) {
        return status != BillStatus.CANCELLED;
    }

    /**
     * Issue: DRAFT → ISSUED.
     *
     * @return the new status
     * @throws BillingException CONFLICT unless a draft
     */
    public static BillStatus issue(State s) {
        if (s.status() != BillStatus.DRAFT) {
            throw new BillingException(BillingException.Kind.CONFLICT, "Bill " + s.number() + " is already issued")
                    .coded("bill_issued", s.number());
        }
        return BillStatus.ISSUED;
    }

    /**
     * Issue despite blocking flags: a draft whose period has an open blocking flag (e.g. days without energy data)
     * is issued only on the caretaker's explicit decision with a reason; without one it stays a draft ("issue all"
     * leaves it and names why).
     *
     * @param s        the draft
     * @param blocking what each open blocking flag names, empty when none
     * @param reason   the caretaker's reason for issuing anyway, or null
     * @return true when the issue goes ahead on the caretaker's decision (record it), false when nothing blocks
     * @throws BillingException CONFLICT when a flag blocks and no reason is given
     */
    public static boolean issueDespite(State s, List<String> blocking, String reason) {
        if (blocking.isEmpty()) {
            return false;
        }
        if (reason == null || reason.isBlank()) {
            throw new BillingException(
                    BillingException.Kind.CONFLICT,
                    "Bill [" + s.id() + "] is blocked: " + String.join("; ", blocking)
                            + ". Complete the data and run the month again, or issue it with a reason");
        }
        return true;
    }

    /**
     * Cancel: an issued invoice ISSUED → CANCELLED, once; the cancellation is issued at once
     * ({@link #cancellationStatus()}).
     *
     * @return the cancelled invoice's new status
     * @throws BillingException INVALID for a cancellation or a draft, CONFLICT for a cancelled invoice
     */
    public static BillStatus cancel(State s) {
        if (s.kind() == BillKind.CANCELLATION) {
            throw new BillingException(
                    BillingException.Kind.INVALID,
                    "Bill " + s.number() + " is itself a cancellation and cannot be cancelled");
        }
        return switch (s.status()) {
            case DRAFT ->
                throw new BillingException(
                        BillingException.Kind.INVALID,
                        "Bill [" + s.id() + "] is a draft: " + "change its inputs and run the month again instead");
            case CANCELLED ->
                throw new BillingException(
                                BillingException.Kind.CONFLICT,
                                "Bill " + s.number() + " was already cancelled by " + s.cancelledBy()
                                        + "; a bill can be cancelled only once")
                        .coded("bill_cancelled", s.number(), s.cancelledBy());
            case ISSUED -> BillStatus.CANCELLED;
        };
    }

    /** @return the status a cancellation (Stornorechnung) is created with: issued at once */
    public static BillStatus cancellationStatus() {
        return BillStatus.ISSUED;
    }

    /**
     * Adjust: adding an adjustment to a tenancy-month through one of its bills is allowed while that bill is a
     * draft (the month is then run again).
     *
     * @throws BillingException CONFLICT unless a draft
     */
    public static void adjust(State s) {
        if (s.status() != BillStatus.DRAFT) {
            throw new BillingException(
                    BillingException.Kind.CONFLICT,
                    "Bill " + s.number() + " is issued: " + "a correction is a cancellation and a new bill");
        }
    }

    /**
     * Removing an adjustment is allowed while the tenancy-month has no issued invoice.
     *
     * @param issuedNumber the number of the tenancy-month's issued invoice, or null
     * @throws BillingException CONFLICT when there is one
     */
    public static void removeAdjustment(String issuedNumber) {
        if (issuedNumber != null) {
            throw new BillingException(
                    BillingException.Kind.CONFLICT,
                    "Adjustment is on issued bill " + issuedNumber + ": cancel that bill first");
        }
    }

    /** @return true when "issue all" of the month takes this bill (its drafts; everything else is left as it is) */
    public static boolean issuedByIssueAll(State s) {
        return s.status() == BillStatus.DRAFT;
    }
}
