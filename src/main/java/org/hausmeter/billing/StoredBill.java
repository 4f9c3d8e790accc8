package org.hausmeter.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * A bill as stored: a draft, an issued invoice, a cancelled invoice or a cancellation (Stornorechnung).
 *
 * @param id            database id
 * @param kind          invoice or cancellation
 * @param status        draft, issued or cancelled
 * @param month         billing month
 * @param tenancyId     tenancy billed
 * @param apartmentCode apartment
 * @param residentId    resident's account
 * @param residentName  resident's display name
 * @param language      the resident's language, de or en
 * @param periodFrom    first instant, a local midnight
 * @param periodTo      first instant after, a local midnight
 * @param currency      ISO code
 * @param net           net total
 * @param vat           VAT total
 * @param gross         gross total
 * @param content       frozen content: days, consumption, VAT totals, meters, flags, history …
 * @param lines         the lines, in order
 * @param number        bill number, null for a draft
 * @param issueDate     issue date, null for a draft
 * @param dueDate       due date, null for a draft
 * @param issuedAt      when issued
 * @param issuedBy      who issued
 * @param pdfSha256     SHA-256 of the stored PDF, null for a draft
 * @param cancels       for a cancellation: the cancelled invoice's number
 * @param cancelsIssueDate for a cancellation: the cancelled invoice's issue date
 * @param cancelledBy   for a cancelled invoice: the cancellation's number
 * @param replaces      number of the cancelled invoice this one replaces, or null
 * @param reason        the cancellation's reason
 */
public record StoredBill(
        long id,
        BillKind kind,
        BillStatus status,
        YearMonth month,
        long tenancyId,
        String apartmentCode,
        long residentId,
        String residentName,
        String language,
        Instant periodFrom,
        Instant periodTo,
        String currency,
        BigDecimal net,
        BigDecimal vat,
        BigDecimal gross,
        BillContent content,
        List<StoredLine> lines,
        String number,
        LocalDate issueDate,
        LocalDate dueDate,
        Instant issuedAt,
        String issuedBy,
        String pdfSha256,
        String cancels,
        LocalDate cancelsIssueDate,
        String cancelledBy,
        String replaces,
        String reason) {

    /** @return true for a draft */
    public boolean isDraft() {
        return status == BillStatus.DRAFT;
    }

    /** @return true for a cancellation (Stornorechnung) */
    public boolean isCancellation() {
        return kind == BillKind.CANCELLATION;
    }

    /** @return true for an issued invoice that is not cancelled (a cancellation is issued too, but not an invoice) */
    public boolean issuedInvoice() {
        return kind == BillKind.INVOICE && status == BillStatus.ISSUED;
    }

    /** @return true for a cancelled invoice */
    public boolean cancelled() {
        return status == BillStatus.CANCELLED;
    }

    /** @return the status's name, for pages and messages */
    public String statusName() {
        return status.name();
    }

    /** @return the file name of its PDF */
    public String fileName() {
        return (number == null ? "draft-" + id : number) + "-" + apartmentCode + ".pdf";
    }

    /** @return the number of review flags on the draft */
    public int flagCount() {
        return content.flags().size();
    }
}
