package org.hausmeter.web.caretaker;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hausmeter.scenario.Scenario;
import org.hausmeter.scenario.ScenarioFile;
import org.hausmeter.scenario.persistence.SavedScenarios;
import org.hausmeter.scenario.persistence.Scenarios;

/**
 * The general assembly's scenarios (issue 19, docs/scenarios.md): a form with up to three scenarios, the
 * comparison with the real year as a table and SVG charts, saved scenarios (open, delete; audited), and the PDF
 * handout in German or English.
 */
@Path("/caretaker/scenarios")
@RolesAllowed("CARETAKER")
public class CaretakerScenariosResource extends CaretakerPages {

    /** The figures of one comparison, ready to show. */
    public record Result(
            String from,
            int months,
            List<String> names,
            List<ScenarioTables.Row> rows,
            List<ScenarioCharts.DayChart> days,
            ScenarioCharts.MonthChart monthChart) {}

    /**
     * @param form   the fields
     * @param result the comparison, or null before one
     * @param saved  the saved scenarios
     * @param open   the saved scenario shown, or null
     */
    public record View(
            Notice notice,
            ScenarioForm.Values form,
            Result result,
            List<SavedRow> saved,
            Long open,
            List<String> keys) {}

    /** A saved scenario in the list; {@code savedAt} in the building's time. */
    public record SavedRow(long id, String name, String savedBy, String savedAt) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(View view);
    }

    private final Scenarios scenarios;
    private final SavedScenarios store;

    CaretakerScenariosResource(Scenarios scenarios, SavedScenarios store) {
        this.scenarios = scenarios;
        this.store = store;
    }

    ScenarioMessages sc() {
        return sc(locale().getLanguage());
    }

    static ScenarioMessages sc(String lang) {
        return MessageBundles.get(ScenarioMessages.class, Localized.Literal.of(lang));
    }

    private View view(Notice notice, ScenarioForm.Values form, Result result, Long open) {
        List<String> keys = new ArrayList<>();
        for (org.hausmeter.allocation.AllocationKey k : org.hausmeter.allocation.AllocationKey.values()) {
            keys.add(k.name());
        }
        java.time.format.DateTimeFormatter at = java.time.format.DateTimeFormatter.ofPattern(
                        "dd.MM.yyyy HH:mm", locale())
                .withZone(zone());
        List<SavedRow> saved = store.list().stream()
                .map(s -> new SavedRow(s.id(), s.name(), s.savedBy(), at.format(s.savedAt())))
                .toList();
        return new View(notice, form, result, saved, open, keys);
    }

    private Result result(ScenarioFile file, Locale locale) {
        Scenarios.Figures f = scenarios.run(file);
        List<String> names = new ArrayList<>();
        names.add(sc(locale.getLanguage()).baseline());
        f.comparison().scenarios().forEach(r -> names.add(r.name()));
        return new Result(
                file.period().from(),
                file.period().months(),
                names,
                ScenarioTables.rows(f.comparison(), sc(locale.getLanguage()), locale),
                ScenarioCharts.days(f.comparison(), locale),
                ScenarioCharts.months(f.comparison(), names, locale));
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("open") Long open, @QueryParam("done") String done, @QueryParam("n") String n) {
        Notice notice = done == null
                ? null
                : Notice.ok("deleted".equals(done) ? sc().deleted(n == null ? "" : n) : sc().saved(n == null ? "" : n));
        if (open == null) {
            return ok(Templates.page(view(notice, ScenarioForm.initial(thisMonth()), null, null)));
        }
        SavedScenarios.Saved s = store.get(open).orElse(null);
        if (s == null) {
            return page(
                    404,
                    Templates.page(view(
                            Notice.error(sc().not_found(open.toString())),
                            ScenarioForm.initial(thisMonth()),
                            null,
                            null)));
        }
        ScenarioForm.Values form = ScenarioForm.of(s.file());
        return change(
                () -> ok(Templates.page(view(notice, form, result(s.file(), locale()), open))),
                failed -> Templates.page(view(failed, form, null, open)));
    }

    /** Runs the entered scenarios against the real year; nothing is stored. */
    @POST
    @Path("compare")
    @Produces(MediaType.TEXT_HTML)
    public Response compare(
            @FormParam("from") String from,
            @FormParam("months") String months,
            @FormParam("name") List<String> name,
            @FormParam("existingKwp") List<String> existingKwp,
            @FormParam("pvKwp") List<String> pvKwp,
            @FormParam("pvShift") List<String> pvShift,
            @FormParam("capacity") List<String> capacity,
            @FormParam("chargeKw") List<String> chargeKw,
            @FormParam("dischargeKw") List<String> dischargeKw,
            @FormParam("efficiency") List<String> efficiency,
            @FormParam("minSoc") List<String> minSoc,
            @FormParam("standbyW") List<String> standbyW,
            @FormParam("key") List<String> key,
            @FormParam("ev") List<String> ev,
            @FormParam("gridPrice") List<String> gridPrice,
            @FormParam("pvPrice") List<String> pvPrice,
            @FormParam("baseFee") List<String> baseFee,
            @FormParam("evPvPrice") List<String> evPvPrice,
            @FormParam("evGridPrice") List<String> evGridPrice,
            @FormParam("feedIn") List<String> feedIn,
            @FormParam("capital") List<String> capital,
            @FormParam("lifetime") List<String> lifetime,
            @FormParam("maintenance") List<String> maintenance,
            @FormParam("rate") List<String> rate,
            @FormParam("purchase") List<String> purchase,
            @FormParam("saveAs") String saveAs,
            @FormParam("action") String action) {
        Map<String, List<String>> fields = new java.util.HashMap<>();
        fields.put("name", name);
        fields.put("existingKwp", existingKwp);
        fields.put("pvKwp", pvKwp);
        fields.put("pvShift", pvShift);
        fields.put("capacity", capacity);
        fields.put("chargeKw", chargeKw);
        fields.put("dischargeKw", dischargeKw);
        fields.put("efficiency", efficiency);
        fields.put("minSoc", minSoc);
        fields.put("standbyW", standbyW);
        fields.put("key", key);
        fields.put("ev", ev);
        fields.put("gridPrice", gridPrice);
        fields.put("pvPrice", pvPrice);
        fields.put("baseFee", baseFee);
        fields.put("evPvPrice", evPvPrice);
        fields.put("evGridPrice", evGridPrice);
        fields.put("feedIn", feedIn);
        fields.put("capital", capital);
        fields.put("lifetime", lifetime);
        fields.put("maintenance", maintenance);
        fields.put("rate", rate);
        fields.put("purchase", purchase);
        ScenarioForm.Values form = ScenarioForm.submitted(from, months, (f, k) -> {
            List<String> l = fields.get(f);
            return l == null || k >= l.size() || l.get(k) == null ? "" : l.get(k);
        });
        return change(
                () -> {
                    ScenarioFile file = new ScenarioForm(sc()).parse(form);
                    if ("save".equals(action)) {
                        String n = saveAs == null || saveAs.isBlank() ? "" : saveAs.strip();
                        if (n.isEmpty()) {
                            throw new FormException(sc().err_required(1, sc().save_name()));
                        }
                        long id = store.save(actor(), n, file);
                        return seeOther("/caretaker/scenarios?open=" + id, "saved", n);
                    }
                    return ok(Templates.page(view(null, form, result(file, locale()), null)));
                },
                failed -> Templates.page(view(failed, form, null, null)));
    }

    /** Deletes a saved scenario (audited). */
    @POST
    @Path("{id}/delete")
    @Produces(MediaType.TEXT_HTML)
    public Response delete(@PathParam("id") long id) {
        SavedScenarios.Saved s = store.get(id).orElse(null);
        if (s == null || !store.delete(actor(), id)) {
            return page(
                    404,
                    Templates.page(view(
                            Notice.error(sc().not_found(Long.toString(id))),
                            ScenarioForm.initial(thisMonth()),
                            null,
                            null)));
        }
        return seeOther("/caretaker/scenarios", "deleted", s.name());
    }

    /** The handout of a saved scenario as PDF, in {@code lang} (de or en; default: the caretaker's language). */
    @GET
    @Path("{id}/handout.pdf")
    @Produces("application/pdf")
    public Response handout(@PathParam("id") long id, @QueryParam("lang") String lang) {
        SavedScenarios.Saved s = store.get(id).orElse(null);
        if (s == null) {
            return Response.status(404)
                    .type(MediaType.TEXT_PLAIN + ";charset=UTF-8")
                    .entity(sc().not_found(Long.toString(id)))
                    .build();
        }
        String language = "en".equals(lang) || "de".equals(lang) ? lang : locale().getLanguage();
        Locale locale = Locale.forLanguageTag(language);
        ScenarioMessages m = sc(language);
        CaretakerBillingMessages ctb =
                MessageBundles.get(CaretakerBillingMessages.class, Localized.Literal.of(language));
        Result r = result(s.file(), locale);
        List<String> options = new ArrayList<>();
        for (Scenario x : s.file().scenarios()) {
            options.add(x.name() + ": " + options(x, m, ctb));
        }
        byte[] pdf = ScenarioHandout.render(new ScenarioHandout.Content(
                m.pdf_title() + ": " + s.name(),
                m.pdf_period(site.current().name(), r.from(), Integer.toString(r.months()))
                        + (r.months() == 12 ? "" : " " + m.not_a_year(Integer.toString(r.months()))),
                m.options_title(),
                options,
                m.col_figure(),
                r.names(),
                r.rows(),
                m.modelled_title(),
                m.modelled(),
                m.not_modelled(),
                m.pdf_footer("%d")));
        return Response.ok(pdf)
                .type("application/pdf")
                .header("Content-Disposition", "inline; filename=\"scenarios-" + id + "-" + language + ".pdf\"")
                .build();
    }

    /** One scenario's options as a sentence. */
    static String options(Scenario s, ScenarioMessages m, CaretakerBillingMessages ctb) {
        List<String> parts = new ArrayList<>();
        if (s.pv() != null) {
            for (Scenario.PvAddition a : s.pv().additions()) {
                parts.add(m.opt_pv(
                        a.kwp().toPlainString(),
                        s.pv().existingKwp().toPlainString(),
                        (a.shiftHours() > 0 ? "+" : "") + a.shiftHours()));
            }
        }
        Scenario.Battery b = s.battery();
        if (b != null) {
            parts.add(m.opt_battery(
                    b.capacityKwh().toPlainString(),
                    b.chargeKw().toPlainString(),
                    b.dischargeKw().toPlainString(),
                    b.roundTripEfficiency().toPlainString(),
                    b.minSoc().toPlainString(),
                    b.standbyW().toPlainString()));
        }
        if (s.key() != null) {
            parts.add(m.opt_key(ctb.key_name(s.key().name())));
        }
        if (s.shiftEv()) {
            parts.add(m.opt_ev());
        }
        Scenario.TariffChange t = s.tariff();
        if (t != null) {
            List<String> p = new ArrayList<>();
            add(p, m.f_grid_price(), t.gridPrice());
            add(p, m.f_pv_price(), t.pvPrice());
            add(p, m.f_base_fee(), t.baseFeePerMonth());
            add(p, m.f_ev_pv_price(), t.evPvPrice());
            add(p, m.f_ev_grid_price(), t.evGridPrice());
            add(p, m.f_feed_in(), t.feedInPrice());
            parts.add(m.opt_tariff(String.join(", ", p)));
        }
        Scenario.Investment i = s.investment();
        if (i != null) {
            parts.add(m.opt_investment(
                    i.capitalCost().toPlainString(),
                    Integer.toString(i.lifetimeYears()),
                    i.maintenancePerYear().toPlainString(),
                    i.discountRate().toPlainString(),
                    i.gridPurchasePrice().toPlainString()));
        }
        return parts.isEmpty() ? m.opt_nothing() : String.join("; ", parts);
    }

    private static void add(List<String> p, String label, java.math.BigDecimal v) {
        if (v != null) {
            p.add(label + " " + v.toPlainString());
        }
    }
}
