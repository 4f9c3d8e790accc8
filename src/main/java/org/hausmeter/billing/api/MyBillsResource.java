package org.hausmeter.billing.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.hausmeter.billing.Bills;
import org.hausmeter.web.CurrentAccount;

/** A resident's own issued bills and cancellations (drafts are the caretaker's). */
@Path("/api/me/bills")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("RESIDENT")
public class MyBillsResource {

    private final Bills bills;
    private final CurrentAccount account;

    MyBillsResource(Bills bills, CurrentAccount account) {
        this.bills = bills;
        this.account = account;
    }

    @GET
    public List<BillingResource.BillSummary> myBills() {
        long me = account.get()
                .orElseThrow(() -> new ForbiddenException("No account"))
                .id();
        return bills.ofResident(me).stream()
                .map(BillingResource.BillSummary::of)
                .toList();
    }
}
