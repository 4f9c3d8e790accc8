package org.hausmeter.charging.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hausmeter.charging.ChargingException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Charging errors to HTTP, in one place: a JSON body {@code {"error": "..."}}, never a stack trace. */
public class ChargingErrors {

    /** The body of every charging API error. */
    public record Error(String error) {}

    @ServerExceptionMapper
    public Response charging(ChargingException e) {
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
}
