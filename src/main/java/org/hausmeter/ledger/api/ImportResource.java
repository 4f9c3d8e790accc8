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
import java.util.List;
import org.hausmeter.ledger.LedgerException;
import org.hausmeter.ledger.csv.ImportOptions;
import org.hausmeter.ledger.csv.ImportProblem;
import org.hausmeter.ledger.csv.ImportReport;
import org.hausmeter.ledger.csv.ImportSummary;
import org.hausmeter.ledger.persistence.CsvImports;
import org.hausmeter.ledger.persistence.ImportedIntervals;
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

    /**
     * The preview's answer: the report's fields ({@code file}, {@code summary} with the detected {@code resolution},
     * {@code problemCount}, {@code problems}) and the values that differ from stored ones ({@code conflictCount}, the
     * first 1,000 {@code conflicts} with both values and their sources).
     */
    public record PreviewAnswer(
            String file,
            ImportSummary summary,
            long problemCount,
            List<ImportProblem> problems,
            long conflictCount,
            List<CsvImports.Conflict> conflicts) {}

    @POST
    @Path("preview")
    public PreviewAnswer preview(
            InputStream body,
            @QueryParam("name") @DefaultValue("upload.csv") String name,
            @QueryParam("zone") String zone,
            @QueryParam("layout") @DefaultValue("AUTO") String layout,
            @QueryParam("spread") @DefaultValue("false") boolean spread)
            throws IOException {
        java.nio.file.Path file = spool(body);
        try {
            CsvImports.Preview p = imports.preview(file, options(name, zone, layout, spread));
            ImportReport r = p.report();
            return new PreviewAnswer(
                    r.file(), r.summary(), r.problemCount(), r.problems(), p.conflictCount(), p.conflicts());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * Stores the file: 200 stored, 422 with the report when the file has problems, 409 with the conflicts when values
     * differ from stored ones and no choice was given ({@code onConflict=KEEP}, or {@code REPLACE} with a
     * {@code reason}).
     */
    @POST
    public Response commit(
            InputStream body,
            @QueryParam("name") @DefaultValue("upload.csv") String name,
            @QueryParam("zone") String zone,
            @QueryParam("layout") @DefaultValue("AUTO") String layout,
            @QueryParam("spread") @DefaultValue("false") boolean spread,
            @QueryParam("onConflict") @DefaultValue("REFUSE") String onConflict,
            @QueryParam("reason") String reason)
            throws IOException, SQLException {
        ImportedIntervals.OnConflict choice;
        try {
            choice = ImportedIntervals.OnConflict.valueOf(onConflict.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LedgerException(
                    LedgerException.Kind.INVALID,
                    "onConflict must be REFUSE, KEEP or REPLACE, not [" + onConflict + "]");
        }
        java.nio.file.Path file = spool(body);
        try {
            CsvImports.Outcome outcome = imports.commit(
                    account.username().orElse(""),
                    file,
                    options(name, zone, layout, spread),
                    new CsvImports.Choice(choice, reason));
            int status = !outcome.report().ok() ? 422 : outcome.stored() ? 200 : 409;
            return Response.status(status).entity(outcome).build();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private ImportOptions options(String name, String zone, String layout, boolean spread) {
        try {
            ImportOptions options = imports.options(name, zone == null || zone.isBlank() ? null : ZoneId.of(zone));
            return options.withSpread(spread)
                    .withLayout(ImportOptions.Layout.valueOf(layout.toUpperCase(java.util.Locale.ROOT)));
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
