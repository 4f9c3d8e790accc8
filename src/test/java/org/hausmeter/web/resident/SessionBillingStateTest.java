package org.hausmeter.web.resident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import org.hausmeter.web.resident.SessionBillingState.State;
import org.junit.jupiter.api.Test;

/** A session's price is provisional only until its month is billed; a month never billed does not keep it so. */
class SessionBillingStateTest {

    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    @Test
    void runningMonth_isProvisionalUntilTheFirstOfTheNextMonthAtTheEarliest() {
        SessionBillingState.Outcome o = SessionBillingState.of(NOVEMBER, TODAY, false, false, false);
        assertThat(o.state()).isEqualTo(State.RUNNING);
        assertThat(o.state().provisional()).isTrue();
        assertThat(o.earliest()).isEqualTo(LocalDate.of(2026, 12, 1));
        // December's session (a clock at the end of the year) turns over into January.
        assertThat(SessionBillingState.of(YearMonth.of(2026, 12), LocalDate.of(2026, 12, 31), false, false, false)
                        .earliest())
                .isEqualTo(LocalDate.of(2027, 1, 1));
    }

    @Test
    void onADraft_isProvisionalUntilTheDraftIsIssued_inAnyMonth() {
        assertThat(SessionBillingState.of(NOVEMBER.minusMonths(1), TODAY, false, true, true)
                        .state())
                .isEqualTo(State.DRAFT);
        assertThat(State.DRAFT.provisional()).isTrue();
    }

    @Test
    void onAnIssuedInvoice_isBilled_whateverElseHolds() {
        assertThat(SessionBillingState.of(NOVEMBER.minusMonths(1), TODAY, true, true, true)
                        .state())
                .isEqualTo(State.BILLED);
        assertThat(State.BILLED.provisional()).isFalse();
    }

    @Test
    void aPastMonth_withoutAnyBill_isNotBilled_notProvisional() {
        SessionBillingState.Outcome o = SessionBillingState.of(YearMonth.of(2025, 3), TODAY, false, false, false);
        assertThat(o.state()).isEqualTo(State.NO_BILL_RUN);
        assertThat(o.state().provisional()).isFalse();
        assertThat(o.earliest()).isNull();
        // The day after the month ends it is no longer "running".
        assertThat(SessionBillingState.of(NOVEMBER, LocalDate.of(2026, 12, 1), false, false, false)
                        .state())
                .isEqualTo(State.NO_BILL_RUN);
    }

    @Test
    void aPastMonth_whoseBillsLackTheSession_isNotOnTheBills() {
        assertThat(SessionBillingState.of(YearMonth.of(2025, 3), TODAY, false, false, true)
                        .state())
                .isEqualTo(State.NOT_ON_BILLS);
        assertThat(State.NOT_ON_BILLS.provisional()).isFalse();
    }
}
