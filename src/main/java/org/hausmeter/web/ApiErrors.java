package org.hausmeter.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hausmeter.ledger.LedgerException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Domain exceptions to HTTP, in one place: a JSON body {@code {"error": "..."}}, never a stack trace. */
public class ApiErrors {

    /** The body of every API error. */
    public record Error(String error) {
    }

    @ServerExceptionMapper
    public Response ledger(LedgerException e) {
        Response.Status status = switch (e.kind()) {
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case INVALID -> Response.Status.BAD_REQUEST;
            case CONFLICT -> Response.Status.CONFLICT;
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new Error(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response billing(org.hausmeter.billing.BillingException e) {
        Response.Status status = switch (e.kind()) {
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case INVALID -> Response.Status.BAD_REQUEST;
            case CONFLICT -> Response.Status.CONFLICT;
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new Error(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response tariff(org.hausmeter.tariff.TariffValidationException e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new Error(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response noTariff(org.hausmeter.tariff.NoTariffException e) {
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
                .entity(new Error(e.getMessage())).build();
    }
}
