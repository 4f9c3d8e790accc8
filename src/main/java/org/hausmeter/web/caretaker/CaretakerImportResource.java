package org.hausmeter.web.caretaker;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import org.hausmeter.ledger.csv.ImportOptions;
import org.hausmeter.ledger.csv.ImportReport;
import org.hausmeter.ledger.persistence.CsvImports;
import org.hausmeter.ledger.persistence.ReadingChanges;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * CSV import of meter values: upload, a preview that lists every bad line (line, column, reason),
 * then the import of the previewed file, all or nothing. See docs/csv-import.md for the layouts.
 */
@Path("/caretaker/import")
@RolesAllowed("CARETAKER")
public class CaretakerImportResource extends CaretakerPages {

    /**
     * @param report the preview, or null before an upload
     * @param token  the kept file's token when the preview has no problems, else null
     */
    public record View(
            Notice notice,
            ImportReport report,
            String token,
            String name,
            String layout,
            String zone,
            String defaultZone) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance upload(View view);
    }

    private final CsvImports imports;
    private final ReadingChanges changes;
    private final ImportUploads uploads;

    CaretakerImportResource(CsvImports imports, ReadingChanges changes, ImportUploads uploads) {
        this.imports = imports;
        this.changes = changes;
        this.uploads = uploads;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance upload(@QueryParam("done") String done, @QueryParam("n") String n) {
        return Templates.upload(new View(done(done, n), null, null, "", "AUTO", "", zone().getId()));
    }

    /** Checks the uploaded file and lists its problems; nothing is stored yet. */
    @POST
    @Path("preview")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.TEXT_HTML)
    public Response preview(
            @RestForm("file") FileUpload file, @RestForm("layout") String layout, @RestForm("zone") String zone) {
        String lay = layout == null ? "AUTO" : layout;
        String z = zone == null ? "" : zone.strip();
        return change(
                () -> {
                    if (file == null || file.uploadedFile() == null || file.size() == 0) {
                        throw new FormException(ctb().import_no_file());
                    }
                    String name = file.fileName() == null || file.fileName().isBlank() ? "upload.csv" : file.fileName();
                    ImportOptions options = options(name, z, lay);
                    try {
                        ImportReport report = imports.preview(file.uploadedFile(), options);
                        String token = report.ok()
                                        && report.summary() != null
                                        && report.summary().values() > 0
                                ? uploads.keep(file.uploadedFile())
                                : null;
                        return ok(Templates.upload(new View(null, report, token, name, lay, z, zone().getId())));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                notice -> Templates.upload(new View(notice, null, null, "", lay, z, zone().getId())));
    }

    /** Imports the previewed file (all or nothing), then derives counter files into quarter hours. */
    @POST
    @Path("commit")
    @Produces(MediaType.TEXT_HTML)
    public Response commit(
            @FormParam("token") String token,
            @FormParam("name") String name,
            @FormParam("layout") String layout,
            @FormParam("zone") String zone) {
        String lay = layout == null ? "AUTO" : layout;
        String z = zone == null ? "" : zone.strip();
        return change(
                () -> {
                    java.nio.file.Path file =
                            uploads.file(token).orElseThrow(() -> new FormException(ctb().import_expired()));
                    try {
                        CsvImports.Outcome o = changes.importFile(actor(), file, options(name, z, lay));
                        if (!o.report().ok()) {
                            return page(
                                    422,
                                    Templates.upload(new View(
                                            Notice.error(ctb().import_refused()),
                                            o.report(),
                                            null,
                                            name,
                                            lay,
                                            z,
                                            zone().getId())));
                        }
                        uploads.forget(token);
                        return seeOther("/caretaker/import", "imported", o.inserted() + "|" + o.alreadyPresent());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (SQLException e) {
                        throw new IllegalStateException("Import failed: " + e.getMessage(), e);
                    }
                },
                notice -> Templates.upload(new View(notice, null, null, "", lay, z, zone().getId())));
    }

    private ImportOptions options(String name, String zone, String layout) {
        ZoneId z;
        try {
            z = Forms.blank(zone) ? null : ZoneId.of(zone.strip());
        } catch (DateTimeException e) {
            throw new FormException(ctb().import_zone_bad(zone));
        }
        ImportOptions.Layout l;
        try {
            l = ImportOptions.Layout.valueOf(layout.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            l = ImportOptions.Layout.AUTO;
        }
        return imports.options(Forms.blank(name) ? "upload.csv" : name, z).withLayout(l);
    }
}
