package org.hausmeter.web.caretaker;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
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
import java.util.List;
import org.hausmeter.ledger.persistence.MeterReadings;
import org.hausmeter.ledger.persistence.MsconsImports;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * MSCONS import for the caretaker (docs/mscons.md): upload, a preview that judges every message (status, values,
 * reason with the segment), then storing the previewed file's accepted messages. The same flow as the CSV import.
 */
@Path("/caretaker/import/mscons")
@RolesAllowed("CARETAKER")
public class CaretakerMsconsResource extends CaretakerPages {

    /**
     * @param outcome the preview or the commit's result, or null before an upload
     * @param token   the kept file's token when the preview found a message to store, else null
     */
    public record View(
            Notice notice, MsconsImports.Outcome outcome, String token, List<MsconsImports.MeterPoint> meters) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(View view);
    }

    private final MsconsImports imports;
    private final ImportUploads uploads;
    private final MeterReadings readings;

    CaretakerMsconsResource(MsconsImports imports, ImportUploads uploads, MeterReadings readings) {
        this.imports = imports;
        this.uploads = uploads;
        this.readings = readings;
    }

    private View view(Notice notice, MsconsImports.Outcome outcome, String token) {
        return new View(notice, outcome, token, imports.meterPoints());
    }

    MsconsMessages ms() {
        return MessageBundles.get(MsconsMessages.class, Localized.Literal.of(locale().getLanguage()));
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@QueryParam("done") String done) {
        return Templates.page(view(done == null ? null : Notice.ok(ms().point_saved(done)), null, null));
    }

    /** Sets or clears a meter's metering point id (MaLo/MeLo), audited with the reason. */
    @POST
    @Path("metering-point")
    @Produces(MediaType.TEXT_HTML)
    public Response meteringPoint(
            @FormParam("meter") String meter,
            @FormParam("meteringPoint") String meteringPoint,
            @FormParam("reason") String reason) {
        return change(
                () -> {
                    readings.setMeteringPoint(actor(), meter, meteringPoint, reason);
                    return Response.seeOther(java.net.URI.create(
                                    "/caretaker/import/mscons?done=" + enc(meter == null ? "" : meter)))
                            .build();
                },
                notice -> Templates.page(view(notice, null, null)));
    }

    /** Judges the uploaded file; nothing is stored yet. */
    @POST
    @Path("preview")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.TEXT_HTML)
    public Response preview(@RestForm("file") FileUpload file) {
        return change(
                () -> {
                    if (file == null || file.uploadedFile() == null || file.size() == 0) {
                        throw new FormException(ms().no_file());
                    }
                    String name = file.fileName() == null || file.fileName().isBlank() ? "upload.edi" : file.fileName();
                    try {
                        MsconsImports.Outcome o = imports.preview(file.uploadedFile(), name);
                        String token = o.ok() && o.accepted() > 0 ? uploads.keep(file.uploadedFile()) : null;
                        return page(o.ok() ? 200 : 422, Templates.page(view(null, o, token)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (SQLException e) {
                        throw new IllegalStateException("MSCONS preview failed: " + e.getMessage(), e);
                    }
                },
                notice -> Templates.page(view(notice, null, null)));
    }

    /** Stores the previewed file's accepted messages and every message's status; shows the result. */
    @POST
    @Path("commit")
    @Produces(MediaType.TEXT_HTML)
    public Response commit(@FormParam("token") String token, @FormParam("name") String name) {
        return change(
                () -> {
                    java.nio.file.Path file = uploads.file(token).orElseThrow(() -> new FormException(ms().expired()));
                    try {
                        MsconsImports.Outcome o =
                                imports.commit(actor(), file, Forms.blank(name) ? "upload.edi" : name);
                        uploads.forget(token);
                        return page(o.ok() ? 200 : 422, Templates.page(view(null, o, null)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (SQLException e) {
                        throw new IllegalStateException("MSCONS import failed: " + e.getMessage(), e);
                    }
                },
                notice -> Templates.page(view(notice, null, null)));
    }
}
