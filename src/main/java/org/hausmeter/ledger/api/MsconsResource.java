package org.hausmeter.ledger.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.hausmeter.ledger.persistence.MsconsImports;
import org.hausmeter.web.CurrentAccount;

/**
 * Caretaker API for MSCONS imports (docs/mscons.md): the body is the EDIFACT file. {@code preview} judges every
 * message and stores nothing; the commit stores the accepted messages and a status per message (200; 422 when the file
 * as a whole is unreadable and nothing was stored). Query: {@code name} (the file name, for messages and the status
 * rows).
 */
@Path("/api/imports/mscons")
@RolesAllowed("CARETAKER")
@Consumes({"application/edifact", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
@Produces(MediaType.APPLICATION_JSON)
public class MsconsResource {

    private final MsconsImports imports;
    private final CurrentAccount account;

    MsconsResource(MsconsImports imports, CurrentAccount account) {
        this.imports = imports;
        this.account = account;
    }

    @POST
    @Path("preview")
    public Response preview(InputStream body, @QueryParam("name") @DefaultValue("upload.edi") String name)
            throws IOException, SQLException {
        java.nio.file.Path file = spool(body);
        try {
            MsconsImports.Outcome outcome = imports.preview(file, name);
            return Response.status(outcome.ok() ? 200 : 422).entity(outcome).build();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @POST
    public Response commit(InputStream body, @QueryParam("name") @DefaultValue("upload.edi") String name)
            throws IOException, SQLException {
        java.nio.file.Path file = spool(body);
        try {
            MsconsImports.Outcome outcome = imports.commit(account.username().orElse(""), file, name);
            return Response.status(outcome.ok() ? 200 : 422).entity(outcome).build();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The status of the last messages imported (newest first). */
    @GET
    @Path("messages")
    public List<Map<String, Object>> messages(@QueryParam("limit") @DefaultValue("100") int limit) throws SQLException {
        return imports.recent(Math.max(1, Math.min(limit, 1000)));
    }

    private static java.nio.file.Path spool(InputStream body) throws IOException {
        java.nio.file.Path file = Files.createTempFile("hausmeter-mscons-", ".edi");
        Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }
}
