package org.hausmeter.ledger.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import java.time.DateTimeException;
import java.time.ZoneId;
import org.hausmeter.ledger.LedgerException;
import org.hausmeter.ledger.csv.ImportOptions;
import org.hausmeter.ledger.csv.ImportReport;
import org.hausmeter.ledger.persistence.CsvImports;
import org.hausmeter.web.CurrentAccount;

/**
 * Caretaker API for CSV imports: the body is the file (text/csv). {@code preview} lists every bad
 * line; {@code commit} stores all or nothing (422 with the report when the file has problems).
 * Query: {@code name} (for messages), {@code zone} (time zone of local times; the building's by
 * default), {@code layout} (AUTO, LONG, WIDE).
 */
@Path("/api/imports")
@RolesAllowed("CARETAKER")
@Consumes({"text/csv", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private final CsvImports imports;
    private final CurrentAccount account;

    ImportResource(CsvImports imports, CurrentAccount account) {
        this.imports = imports;
        this.account = account;
    }

    @POST
    @Path("preview")
    public ImportReport preview(
            InputStream body,
            @QueryParam("name") @DefaultValue("upload.csv") String name,
            @QueryParam("zone") String zone,
            @QueryParam("layout") @DefaultValue("AUTO") String layout)
            throws IOException {
        java.nio.file.Path file = spool(body);
        try {
            return imports.preview(file, options(name, zone, layout));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @POST
    public Response commit(
            InputStream body,
            @QueryParam("name") @DefaultValue("upload.csv") String name,
            @QueryParam("zone") String zone,
            @QueryParam("layout") @DefaultValue("AUTO") String layout)
            throws IOException, SQLException {
        java.nio.file.Path file = spool(body);
        try {
            CsvImports.Outcome outcome =
                    imports.commit(account.username().orElse(""), file, options(name, zone, layout));
            return Response.status(outcome.report().ok() ? 200 : 422)
                    .entity(outcome)
                    .build();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private ImportOptions options(String name, String zone, String layout) {
        try {
            ImportOptions options = imports.options(name, zone == null || zone.isBlank() ? null : ZoneId.of(zone));
            return options.withLayout(ImportOptions.Layout.valueOf(layout.toUpperCase(java.util.Locale.ROOT)));
        } catch (DateTimeException e) {
            throw new LedgerException(LedgerException.Kind.INVALID, "Unknown time zone [" + zone + "]");
        } catch (IllegalArgumentException e) {
            throw new LedgerException(
                    LedgerException.Kind.INVALID, "Layout must be AUTO, LONG or WIDE, not [" + layout + "]");
        }
    }

    /** The upload goes to a temporary file: the import reads it twice (validate, then store) without holding it in memory. */
    private static java.nio.file.Path spool(InputStream body) throws IOException {
        java.nio.file.Path file = Files.createTempFile("hausmeter-import-", ".csv");
        Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }
}
