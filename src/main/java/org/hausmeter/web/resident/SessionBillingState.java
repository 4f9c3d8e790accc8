package org.hausmeter.web.resident;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Where an ended, billable EV session stands with the bills, and so until when its price is provisional (pure). A
 * session belongs to the month of its start (as the bill run loads it). It is
 * <ul>
 *   <li>{@link State#BILLED} on an issued invoice;
 *   <li>{@link State#DRAFT} on a draft bill of the month: provisional until that bill is issued;
 *   <li>{@link State#RUNNING} in the running month: provisional until the month is billed, which is on the first day
 *       of the next month at the earliest;
 *   <li>{@link State#NO_BILL_RUN} in a past month without any bill (no bill run yet): not billed, no longer
 *       "provisional" — the page says the month has had no bill run;
 *   <li>{@link State#NOT_ON_BILLS} in a past month that has bills, none of which bills the session: not billed.
 * </ul>
 */
public final class SessionBillingState {

    /** The states. */
    public enum State {
        BILLED,
        DRAFT,
        RUNNING,
        NO_BILL_RUN,
        NOT_ON_BILLS;

        /** @return true while the price may still change with the month's bill run or its draft */
        public boolean provisional() {
            return this == DRAFT || this == RUNNING;
        }
    }

    /**
     * @param state    the state
     * @param month    the session's month
     * @param earliest RUNNING: the first day the month can be billed (the first of the next month), else null
     */
    public record Outcome(State state, YearMonth month, LocalDate earliest) {}

    private SessionBillingState() {}

    /**
     * @param sessionMonth   the local month of the session's start
     * @param today          the building's local day now
     * @param onIssued       an issued invoice has the session's line
     * @param onDraft        a draft bill has the session's line
     * @param monthHasBills  the month has bills (drafts or issued, any apartment): its bill run has happened
     */
    public static Outcome of(
            YearMonth sessionMonth, LocalDate today, boolean onIssued, boolean onDraft, boolean monthHasBills) {
        if (onIssued) {
            return new Outcome(State.BILLED, sessionMonth, null);
        }
        if (onDraft) {
            return new Outcome(State.DRAFT, sessionMonth, null);
        }
        if (!sessionMonth.isBefore(YearMonth.from(today))) {
            return new Outcome(
                    State.RUNNING, sessionMonth, sessionMonth.plusMonths(1).atDay(1));
        }
        return new Outcome(monthHasBills ? State.NOT_ON_BILLS : State.NO_BILL_RUN, sessionMonth, null);
    }
}
