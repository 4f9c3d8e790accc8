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
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hausmeter.ledger.CounterOrder;
import org.hausmeter.ledger.csv.ImportOptions;
import org.hausmeter.ledger.csv.ImportReport;
import org.hausmeter.ledger.csv.Resolution;
import org.hausmeter.ledger.persistence.CsvImports;
import org.hausmeter.ledger.persistence.ImportedIntervals;
import org.hausmeter.ledger.persistence.ReadingChanges;
import org.hausmeter.web.ProvenanceView;
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
            String defaultZone,
            boolean spread,
            long conflictCount,
            List<ConflictRow> conflicts) {

        View(Notice notice, ImportReport report, String token, String name, String layout, String zone, String dz) {
            this(notice, report, token, name, layout, zone, dz, false, 0, List.of());
        }

        /** The detected resolution's name for the message bundle: QUARTER_HOUR, HOURLY, DAILY or OTHER. */
        public String resolution() {
            Resolution r = report == null || report.summary() == null
                    ? null
                    : report.summary().resolution();
            if (r == null) {
                return null;
            }
            return r.daily() ? "DAILY" : r.seconds() == 900 ? "QUARTER_HOUR" : r.seconds() == 3600 ? "HOURLY" : "OTHER";
        }

        public long resolutionMinutes() {
            Resolution r = report == null || report.summary() == null
                    ? null
                    : report.summary().resolution();
            return r == null ? 0 : r.seconds() / 60;
        }

        public boolean coarser() {
            Resolution r = report == null || report.summary() == null
                    ? null
                    : report.summary().resolution();
            return r != null && r.coarser();
        }
    }

    /** A conflict as the page shows it: local time, kWh texts, both sources. */
    public record ConflictRow(
            String kind,
            String meter,
            String at,
            String stored,
            ProvenanceView storedSource,
            String now,
            ProvenanceView newSource) {}

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
        Notice notice;
        if ("import_done".equals(done) && n != null && n.matches("\\d+(\\|\\d+){5}")) {
            String[] p = n.split("\\|");
            notice = Notice.ok(ctb().import_done(p[0], p[1], p[2], p[3], p[4], seconds(Long.parseLong(p[5]))));
        } else if ("import_cancelled".equals(done)) {
            notice = Notice.ok(ctb().import_cancelled());
        } else {
            notice = done(done, n);
        }
        return Templates.upload(new View(notice, null, null, "", "AUTO", "", zone().getId()));
    }

    private String seconds(long millis) {
        return String.format(locale(), "%.1f", millis / 1000.0);
    }

    /** Cancels a previewed import: the kept file is removed, nothing was stored. */
    @POST
    @Path("cancel")
    @Produces(MediaType.TEXT_HTML)
    public Response cancel(@FormParam("token") String token) {
        if (token != null) {
            uploads.forget(token);
        }
        return seeOther("/caretaker/import", "import_cancelled", null);
    }

    private List<ConflictRow> rows(List<CsvImports.Conflict> conflicts) {
        List<ConflictRow> list = new ArrayList<>();
        ZoneId z = zone();
        for (CsvImports.Conflict k : conflicts) {
            list.add(new ConflictRow(
                    k.kind(),
                    k.meter(),
                    LocalDateTime.ofInstant(k.at(), z).toString().replace('T', ' '),
                    // Export is compared (and shown) only where the file has an export value.
                    kwh(k.storedImportWh(), k.newExportWh() == null ? null : k.storedExportWh()),
                    ProvenanceView.of(k.storedSource()),
                    kwh(k.newImportWh(), k.newExportWh()),
                    ProvenanceView.of(k.newSource())));
        }
        return list;
    }

    private static String kwh(long importWh, Long exportWh) {
        return CounterOrder.kwh(importWh, exportWh);
    }

    /** Checks the uploaded file and lists its problems; nothing is stored yet. */
    @POST
    @Path("preview")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.TEXT_HTML)
    public Response preview(
            @RestForm("file") FileUpload file,
            @RestForm("layout") String layout,
            @RestForm("zone") String zone,
            @RestForm("spread") String spreadField) {
        boolean spread = spreadField != null && !spreadField.isBlank();
        String lay = layout == null ? "AUTO" : layout;
        String z = zone == null ? "" : zone.strip();
        return change(
                () -> {
                    if (file == null || file.uploadedFile() == null || file.size() == 0) {
                        throw new FormException(ctb().import_no_file());
                    }
                    String name = file.fileName() == null || file.fileName().isBlank() ? "upload.csv" : file.fileName();
                    ImportOptions options = options(name, z, lay, spread);
                    try {
                        CsvImports.Preview preview = imports.preview(file.uploadedFile(), options);
                        ImportReport report = preview.report();
                        String token = report.ok()
                                        && report.summary() != null
                                        && report.summary().values() > 0
                                ? uploads.keep(file.uploadedFile())
                                : null;
                        return ok(Templates.upload(new View(
                                null,
                                report,
                                token,
                                name,
                                lay,
                                z,
                                zone().getId(),
                                spread,
                                preview.conflictCount(),
                                rows(preview.conflicts()))));
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
            @FormParam("zone") String zone,
            @FormParam("spread") String spreadField,
            @FormParam("onConflict") String onConflict,
            @FormParam("reason") String reason) {
        boolean spread = spreadField != null && !spreadField.isBlank();
        String lay = layout == null ? "AUTO" : layout;
        String z = zone == null ? "" : zone.strip();
        return change(
                () -> {
                    java.nio.file.Path file =
                            uploads.file(token).orElseThrow(() -> new FormException(ctb().import_expired()));
                    ImportedIntervals.OnConflict choice = "KEEP".equals(onConflict)
                            ? ImportedIntervals.OnConflict.KEEP
                            : "REPLACE".equals(onConflict)
                                    ? ImportedIntervals.OnConflict.REPLACE
                                    : ImportedIntervals.OnConflict.REFUSE;
                    if (choice == ImportedIntervals.OnConflict.REPLACE && Forms.blank(reason)) {
                        throw new FormException(ctb().import_reason_missing());
                    }
                    try {
                        long started = System.nanoTime();
                        CsvImports.Outcome o = changes.importFile(
                                actor(),
                                file,
                                options(name, z, lay, spread),
                                new CsvImports.Choice(choice, reason == null ? null : reason.strip()));
                        long millis = (System.nanoTime() - started) / 1_000_000;
                        if (o.report().ok() && !o.stored()) {
                            // Values differ from stored ones (also when they changed since the preview): choose.
                            return page(
                                    409,
                                    Templates.upload(new View(
                                            Notice.error(ctb().import_conflicts(String.valueOf(o.conflictCount()))),
                                            o.report(),
                                            token,
                                            name,
                                            lay,
                                            z,
                                            zone().getId(),
                                            spread,
                                            o.conflictCount(),
                                            rows(o.conflicts()))));
                        }
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
                        return seeOther(
                                "/caretaker/import",
                                "import_done",
                                o.inserted() + "|" + o.unchanged() + "|" + o.kept() + "|" + o.replaced() + "|"
                                        + o.report().summary().rows() + "|" + millis);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (SQLException e) {
                        throw new IllegalStateException("Import failed: " + e.getMessage(), e);
                    }
                },
                notice -> Templates.upload(new View(notice, null, null, "", lay, z, zone().getId())));
    }

    private ImportOptions options(String name, String zone, String layout, boolean spread) {
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
        return imports.options(Forms.blank(name) ? "upload.csv" : name, z)
                .withLayout(l)
                .withSpread(spread);
    }
}
