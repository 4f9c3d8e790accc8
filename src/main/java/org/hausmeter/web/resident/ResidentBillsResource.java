package org.hausmeter.web.resident;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.hausmeter.billing.BillingException;
import org.hausmeter.billing.Bills;
import org.hausmeter.billing.StoredBill;
import org.hausmeter.web.CurrentAccount;
import org.hausmeter.web.SiteSettings;
import org.hausmeter.web.i18n.RequestLocale;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The resident's bills: issued invoices and cancellation invoices (Stornorechnung), each with its PDF. A bill
 * of anyone else, a draft, or a number that does not exist is 403 alike.
 */
@Path("/me/bills")
@RolesAllowed("RESIDENT")
public class ResidentBillsResource {

    /**
     * A bill row.
     *
     * @param number       bill number
     * @param kind         "Invoice" / "Cancellation invoice"
     * @param cancellation true for a cancellation invoice
     * @param period       the billing period's days
     * @param issued       issue date
     * @param due          due date
     * @param kwh          the apartment's consumption on the bill, empty for a cancellation
     * @param solar        its solar share, empty for a cancellation or without consumption
     * @param amount       gross amount (incl. VAT)
     * @param status       "issued" / "cancelled by …"
     * @param cancelled    true for an invoice a cancellation has cancelled
     * @param note         what it cancels or replaces, or empty
     * @param pdf          link to the PDF
     * @param pdfLabel     accessible text of the PDF link
     */
    @TemplateData
    public record Row(
            String number,
            String kind,
            boolean cancellation,
            String period,
            String issued,
            String due,
            String kwh,
            String solar,
            String amount,
            String status,
            boolean cancelled,
            String note,
            String pdf,
            String pdfLabel) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance bills(List<Row> bills);
    }

    private final Bills bills;
    private final RequestLocale locale;
    private final SiteSettings site;
    private final CurrentAccount account;

    ResidentBillsResource(Bills bills, RequestLocale locale, SiteSettings site, CurrentAccount account) {
        this.account = account;
        this.bills = bills;
        this.locale = locale;
        this.site = site;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response list() {
        Residents.Me me = Residents.me(account);
        ResidentMessages msg = Residents.messages(locale.locale());
        Fmt fmt = new Fmt(locale.locale(), site.zone());
        List<Row> rows =
                bills.ofResident(me.id()).stream().map(b -> row(b, msg, fmt)).toList();
        return ResidentResource.page(Templates.bills(rows));
    }

    private static Row row(StoredBill b, ResidentMessages msg, Fmt fmt) {
        LocalDate first = LocalDate.ofInstant(b.periodFrom(), fmt.zone);
        LocalDate last = LocalDate.ofInstant(b.periodTo(), fmt.zone).minusDays(1);
        String note = b.cancels() != null
                ? msg.bills_cancels(b.cancels())
                : b.replaces() != null ? msg.bills_replaces(b.replaces()) : "";
        boolean cancelled = b.cancelled();
        long wh = b.content() == null ? 0 : b.content().consumptionWh();
        long pv = b.content() == null ? 0 : b.content().pvWh();
        boolean energy = !b.isCancellation() && b.content() != null;
        return new Row(
                b.number(),
                b.isCancellation() ? msg.kind_cancellation() : msg.kind_invoice(),
                b.isCancellation(),
                fmt.date(first) + " – " + fmt.date(last),
                b.issueDate() == null ? "" : fmt.date(b.issueDate()),
                b.dueDate() == null ? "" : fmt.date(b.dueDate()),
                energy ? fmt.kwh(wh, 1) : "",
                energy && wh > 0 ? fmt.percent((double) pv / wh) : "",
                fmt.money(b.gross(), Currency.getInstance(b.currency())),
                cancelled ? msg.status_cancelled(b.cancelledBy()) : msg.status_issued(),
                cancelled,
                note,
                "/me/bills/" + b.id() + "/pdf",
                msg.bills_download(b.number()));
    }

    /** The PDF of one of the resident's issued bills or cancellations. */
    @GET
    @Path("{id}/pdf")
    @Produces("application/pdf")
    public Response pdf(@PathParam("id") long id) {
        Residents.Me me = Residents.me(account);
        StoredBill b;
        try {
            b = bills.get(id);
        } catch (BillingException e) {
            throw new ForbiddenException("Bill [" + id + "] is not yours");
        }
        if (b.residentId() != me.id() || b.isDraft()) {
            throw new ForbiddenException("Bill [" + id + "] is not yours");
        }
        return Response.ok(bills.pdf(id))
                .header("Content-Disposition", "attachment; filename=\"" + b.fileName() + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e) {
        return ResidentErrors.forbidden(locale.locale());
    }
}
