package org.hausmeter.web.resident;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;

/**
 * Readable error pages for the resident pages (each resource maps its exceptions here): 403 "No access" for
 * another apartment, bill or a caretaker on a resident page, 400 for an address the server does not
 * understand. Never a stack trace.
 */
final class ResidentErrors {

    private ResidentErrors() {}

    static Response forbidden(Locale locale) {
        ResidentMessages msg = Residents.messages(locale);
        return page(
                Response.Status.FORBIDDEN,
                ResidentResource.Templates.error(msg.error_forbidden_title(), msg.error_forbidden(), null));
    }

    static Response badRequest(Locale locale, String detail) {
        ResidentMessages msg = Residents.messages(locale);
        return page(
                Response.Status.BAD_REQUEST,
                ResidentResource.Templates.error(msg.error_bad_request_title(), msg.error_bad_request(), detail));
    }

    private static Response page(Response.Status status, TemplateInstance page) {
        return Response.status(status)
                .entity(page)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "no-store")
                .build();
    }
}
