package org.hausmeter.billing.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.billing.Bills;

/** A resident's own issued bills and cancellations (drafts are the caretaker's). */
@Path("/api/me/bills")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("RESIDENT")
public class MyBillsResource {

    private final Bills bills;
    private final SecurityIdentity identity;

    MyBillsResource(Bills bills, SecurityIdentity identity) {
        this.bills = bills;
        this.identity = identity;
    }

    @GET
    public List<BillingResource.BillSummary> myBills() {
        Account me = Account.find("lower(username) = ?1", identity.getPrincipal().getName().toLowerCase()).firstResult();
        if (me == null) {
            throw new ForbiddenException("No account");
        }
        return bills.ofResident(me.id).stream().map(BillingResource.BillSummary::of).toList();
    }
}
