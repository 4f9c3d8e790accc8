package org.hausmeter.web.caretaker;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.hausmeter.accounts.Residents;
import org.hausmeter.accounts.Tenancies;

/**
 * Apartments and their tenancies: who lives where now, the history per apartment, and the handover
 * (move-out, move-in or both on one day) with the meter's counter at the handover.
 */
@Path("/caretaker/apartments")
@RolesAllowed("CARETAKER")
public class CaretakerApartmentsResource extends CaretakerPages {

    /** The handover form's fields as typed. */
    public record Form(String day, String resident, String importKwh, String exportKwh) {}

    public record View(
            Notice notice,
            Tenancies.ApartmentView apartment,
            List<Tenancies.TenancyView> tenancies,
            List<Residents.ResidentView> residents,
            Form form,
            YearMonth rerun) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<Tenancies.ApartmentView> apartments);

        static native TemplateInstance apartment(View view);
    }

    private final Tenancies tenancies;
    private final Residents residents;

    CaretakerApartmentsResource(Tenancies tenancies, Residents residents) {
        this.tenancies = tenancies;
        this.residents = residents;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list() {
        return Templates.list(tenancies.apartments());
    }

    @GET
    @Path("{code}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance apartment(
            @PathParam("code") String code, @QueryParam("done") String done, @QueryParam("n") String n) {
        YearMonth rerun = null;
        if ("handover".equals(done) && n != null) {
            YearMonth m = Forms.month(n.split("\\|")[0]);
            rerun = m != null && !m.isAfter(thisMonth()) ? m : null;
        }
        return view(code, done(done, n), new Form(today().toString(), "", "", ""), rerun);
    }

    @POST
    @Path("{code}/handover")
    @Produces(MediaType.TEXT_HTML)
    public Response handover(
            @PathParam("code") String code,
            @FormParam("day") String day,
            @FormParam("resident") String resident,
            @FormParam("importKwh") String importKwh,
            @FormParam("exportKwh") String exportKwh) {
        Form form = new Form(day, resident, importKwh, exportKwh);
        return change(
                () -> {
                    Forms f = forms();
                    CaretakerMessages ct = ct();
                    LocalDate d = f.date(day, ct.handover_day());
                    Long imp = f.kwh(importKwh, ct.handover_import());
                    Long exp = f.kwh(exportKwh, ct.handover_export());
                    if (imp == null && exp != null) {
                        throw new FormException(ct.form_required(ct.handover_import()));
                    }
                    String who = f.required(resident, ct.handover_new());
                    Tenancies.Handover h = tenancies.handover(code, d, "-".equals(who) ? null : who, imp, exp, actor());
                    return seeOther(
                            "/caretaker/apartments/" + org.hausmeter.web.Formats.seg(code),
                            "handover",
                            YearMonth.from(d).toString()
                                    + (h.reading() == null
                                            ? ""
                                            : "|" + h.reading().importWh()));
                },
                notice -> view(code, notice, form, null));
    }

    private TemplateInstance view(String code, Notice notice, Form form, YearMonth rerun) {
        Tenancies.ApartmentView a =
                tenancies.apartment(code).orElseThrow(() -> new NotFoundException("No apartment [" + code + "]"));
        return Templates.apartment(new View(notice, a, tenancies.ofApartment(code), residents.all(), form, rerun));
    }
}
