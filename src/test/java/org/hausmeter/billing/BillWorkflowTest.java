package org.hausmeter.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hausmeter.billing.BillWorkflow.State;
import org.junit.jupiter.api.Test;

/** Every move of the bill workflow, the allowed ones and the forbidden ones with their messages. */
class BillWorkflowTest {

    private static final State DRAFT = new State(7, BillKind.INVOICE, BillStatus.DRAFT, null, null);
    private static final State ISSUED = new State(8, BillKind.INVOICE, BillStatus.ISSUED, "2026-0001", null);
    private static final State CANCELLED =
            new State(9, BillKind.INVOICE, BillStatus.CANCELLED, "2026-0002", "2026-0003");
    private static final State CANCELLATION =
            new State(10, BillKind.CANCELLATION, BillStatus.ISSUED, "2026-0003", null);

    private static BillingException.Kind kindOf(Runnable r) {
        try {
            r.run();
        } catch (BillingException e) {
            return e.kind();
        }
        throw new AssertionError("allowed");
    }

    @Test
    void issue_takesADraftToIssued_andNothingElse() {
        assertThat(BillWorkflow.issue(DRAFT)).isEqualTo(BillStatus.ISSUED);
        assertThatThrownBy(() -> BillWorkflow.issue(ISSUED)).hasMessage("Bill 2026-0001 is already issued");
        assertThat(kindOf(() -> BillWorkflow.issue(ISSUED))).isEqualTo(BillingException.Kind.CONFLICT);
        assertThat(kindOf(() -> BillWorkflow.issue(CANCELLED))).isEqualTo(BillingException.Kind.CONFLICT);
        assertThat(kindOf(() -> BillWorkflow.issue(CANCELLATION))).isEqualTo(BillingException.Kind.CONFLICT);
    }

    @Test
    void issueDespite_aBlockingFlagNeedsTheCaretakersReason() {
        assertThat(BillWorkflow.issueDespite(DRAFT, java.util.List.of(), null)).isFalse();
        assertThat(BillWorkflow.issueDespite(DRAFT, java.util.List.of(), "anyway"))
                .isFalse();
        java.util.List<String> blocking = java.util.List.of("No energy data for 3–7 Nov 2026");
        assertThatThrownBy(() -> BillWorkflow.issueDespite(DRAFT, blocking, null))
                .hasMessage("Bill [7] is blocked: No energy data for 3–7 Nov 2026. Complete the data and run the"
                        + " month again, or issue it with a reason");
        assertThat(kindOf(() -> BillWorkflow.issueDespite(DRAFT, blocking, "  ")))
                .isEqualTo(BillingException.Kind.CONFLICT);
        assertThat(BillWorkflow.issueDespite(DRAFT, blocking, "meter broken, billed later"))
                .isTrue();
    }

    @Test
    void cancel_takesAnIssuedInvoiceToCancelled_once() {
        assertThat(BillWorkflow.cancel(ISSUED)).isEqualTo(BillStatus.CANCELLED);
        assertThat(BillWorkflow.cancellationStatus()).isEqualTo(BillStatus.ISSUED);
        assertThatThrownBy(() -> BillWorkflow.cancel(CANCELLED))
                .hasMessage("Bill 2026-0002 was already cancelled by 2026-0003; a bill can be cancelled only once");
        assertThat(kindOf(() -> BillWorkflow.cancel(CANCELLED))).isEqualTo(BillingException.Kind.CONFLICT);
    }

    @Test
    void cancel_refusesDraftsAndCancellations() {
        assertThatThrownBy(() -> BillWorkflow.cancel(DRAFT)).hasMessageStartingWith("Bill [7] is a draft");
        assertThat(kindOf(() -> BillWorkflow.cancel(DRAFT))).isEqualTo(BillingException.Kind.INVALID);
        assertThatThrownBy(() -> BillWorkflow.cancel(CANCELLATION))
                .hasMessage("Bill 2026-0003 is itself a cancellation and cannot be cancelled");
        assertThat(kindOf(() -> BillWorkflow.cancel(CANCELLATION))).isEqualTo(BillingException.Kind.INVALID);
    }

    @Test
    void adjust_onlyADraft() {
        BillWorkflow.adjust(DRAFT);
        assertThatThrownBy(() -> BillWorkflow.adjust(ISSUED)).hasMessageStartingWith("Bill 2026-0001 is issued");
        assertThat(kindOf(() -> BillWorkflow.adjust(ISSUED))).isEqualTo(BillingException.Kind.CONFLICT);
        assertThat(kindOf(() -> BillWorkflow.adjust(CANCELLED))).isEqualTo(BillingException.Kind.CONFLICT);
        assertThat(kindOf(() -> BillWorkflow.adjust(CANCELLATION))).isEqualTo(BillingException.Kind.CONFLICT);
    }

    @Test
    void removeAdjustment_onlyWhileTheTenancyMonthHasNoIssuedInvoice() {
        BillWorkflow.removeAdjustment(null);
        assertThatThrownBy(() -> BillWorkflow.removeAdjustment("2026-0001"))
                .hasMessage("Adjustment is on issued bill 2026-0001: cancel that bill first");
        assertThat(kindOf(() -> BillWorkflow.removeAdjustment("2026-0001"))).isEqualTo(BillingException.Kind.CONFLICT);
    }

    @Test
    void rerun_replacesDrafts_keepsIssuedInvoices_andNeverSeesCancelledOnes() {
        assertThat(BillWorkflow.rerun(BillStatus.DRAFT)).isEqualTo(BillWorkflow.Rerun.REPLACE_DRAFT_IF_CHANGED);
        assertThat(BillWorkflow.rerun(BillStatus.ISSUED)).isEqualTo(BillWorkflow.Rerun.KEEP_ISSUED);
        assertThatThrownBy(() -> BillWorkflow.rerun(BillStatus.CANCELLED)).isInstanceOf(IllegalArgumentException.class);
        assertThat(BillWorkflow.isCurrent(BillStatus.CANCELLED)).isFalse();
        assertThat(BillWorkflow.isCurrent(BillStatus.DRAFT)).isTrue();
        assertThat(BillWorkflow.isCurrent(BillStatus.ISSUED)).isTrue();
    }

    @Test
    void issueAll_takesOnlyDrafts() {
        assertThat(BillWorkflow.issuedByIssueAll(DRAFT)).isTrue();
        assertThat(BillWorkflow.issuedByIssueAll(ISSUED)).isFalse();
        assertThat(BillWorkflow.issuedByIssueAll(CANCELLED)).isFalse();
        assertThat(BillWorkflow.issuedByIssueAll(CANCELLATION)).isFalse();
    }
}
