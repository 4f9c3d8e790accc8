package org.hausmeter.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hausmeter.ledger.LedgerException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Domain exceptions to HTTP, in one place: a JSON body {@code {"error": "..."}}, never a stack trace. */
public class ApiErrors {

    /** The body of every API error. */
    public record Error(String error) {}

    /** The body of an API error about one input field: {@code field} names it as the JSON body does (null: none). */
    public record FieldError(String error, String field) {}

    @ServerExceptionMapper
    public Response accounts(org.hausmeter.accounts.AccountException e) {
        Response.Status status = switch (e.kind()) {
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case INVALID -> Response.Status.BAD_REQUEST;
            case CONFLICT -> Response.Status.CONFLICT;
        };
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(new FieldError(e.getMessage(), e.field()))
                .build();
    }

    /**
     * A JSON body that does not fit the expected shape (a wrong type, a NUL in a string, an unparsable date): 400
     * with Jackson's description and the field's path, never a 500.
     */
    @ServerExceptionMapper
    public Response json(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> a + "." + b)
                .orElse("body");
        String message =
                e.getOriginalMessage() == null ? "" : e.getOriginalMessage().replace('\0', '?');
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON)
                .entity(new Error("Invalid JSON at [" + path + "]: "
                        + message.lines().findFirst().orElse("")))
                .build();
    }

    @ServerExceptionMapper
    public Response ledger(LedgerException e) {
        Response.Status status = switch (e.kind()) {
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case INVALID -> Response.Status.BAD_REQUEST;
            case CONFLICT -> Response.Status.CONFLICT;
        };
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(new Error(e.getMessage()))
                .build();
    }

    @ServerExceptionMapper
    public Response billing(org.hausmeter.billing.BillingException e) {
        Response.Status status = switch (e.kind()) {
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case INVALID -> Response.Status.BAD_REQUEST;
            case CONFLICT -> Response.Status.CONFLICT;
        };
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(new Error(e.getMessage()))
                .build();
    }

    @ServerExceptionMapper
    public Response tariff(org.hausmeter.tariff.TariffValidationException e) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON)
                .entity(new Error(e.getMessage()))
                .build();
    }

    @ServerExceptionMapper
    public Response noTariff(org.hausmeter.tariff.NoTariffException e) {
        return Response.status(Response.Status.CONFLICT)
                .type(MediaType.APPLICATION_JSON)
                .entity(new Error(e.getMessage()))
                .build();
    }
}
