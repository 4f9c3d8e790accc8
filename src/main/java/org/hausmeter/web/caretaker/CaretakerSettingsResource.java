package org.hausmeter.web.caretaker;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hausmeter.building.BuildingSettings;

/**
 * Building settings: the name, the time zone and currency (shown, not changed: every stored value
 * depends on them), and the co-op's details as issuer of bills, with what is still missing.
 */
@Path("/caretaker/settings")
@RolesAllowed("CARETAKER")
public class CaretakerSettingsResource extends CaretakerPages {

    /** One issuer field: its key, value as text (multi-line fields newline-separated), and whether bills need it. */
    public record Field(String key, String value, boolean multiline, boolean missing) {}

    public record View(
            Notice notice,
            String name,
            String zone,
            String currency,
            List<Field> fields,
            String paymentDays,
            List<String> missing) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance settings(View view);
    }

    private final BuildingSettings settings;

    CaretakerSettingsResource(BuildingSettings settings) {
        this.settings = settings;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance settings(@QueryParam("done") String done, @QueryParam("n") String n) {
        BuildingSettings.Settings s = settings.current();
        Map<String, Object> json = settings.issuerJson();
        Map<String, String> values = new LinkedHashMap<>();
        for (String k : BuildingSettings.Issuer.KEYS) {
            Object v = json.get(k);
            values.put(
                    k,
                    v == null
                            ? ""
                            : v instanceof List<?> l
                                    ? String.join(
                                            "\n",
                                            l.stream().map(Object::toString).toList())
                                    : v.toString());
        }
        return view(done(done, n), s.name(), values, String.valueOf(json.getOrDefault("paymentDays", 14)));
    }

    /** The settings form's fields (names as {@link BuildingSettings.Issuer#KEYS}). */
    public static class SettingsForm {
        @FormParam("name")
        String name;

        @FormParam("paymentDays")
        String paymentDays;

        @FormParam("address")
        String address;

        @FormParam("taxNumber")
        String taxNumber;

        @FormParam("vatId")
        String vatId;

        @FormParam("registerCourt")
        String registerCourt;

        @FormParam("registerNumber")
        String registerNumber;

        @FormParam("board")
        String board;

        @FormParam("phone")
        String phone;

        @FormParam("email")
        String email;

        @FormParam("iban")
        String iban;

        @FormParam("bankName")
        String bankName;

        @FormParam("meteringOperator")
        String meteringOperator;

        @FormParam("marketLocationId")
        String marketLocationId;

        @FormParam("gridOperator")
        String gridOperator;

        @FormParam("noticePeriod")
        String noticePeriod;

        Map<String, String> issuer() {
            Map<String, String> m = new LinkedHashMap<>();
            String[] v = {
                address,
                taxNumber,
                vatId,
                registerCourt,
                registerNumber,
                board,
                phone,
                email,
                iban,
                bankName,
                meteringOperator,
                marketLocationId,
                gridOperator,
                noticePeriod
            };
            for (int i = 0; i < v.length; i++) {
                m.put(BuildingSettings.Issuer.KEYS.get(i), v[i] == null ? "" : v[i]);
            }
            return m;
        }
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    public Response save(@BeanParam SettingsForm form) {
        String name = form.name;
        Map<String, String> values = form.issuer();
        String days = form.paymentDays;
        return change(
                () -> {
                    int d = forms().integer(days, ctb().settings_payment_days());
                    settings.update(name, values, d, actor());
                    site.refresh();
                    return seeOther("/caretaker/settings", "settings_saved", null);
                },
                notice -> view(notice, name, values, days));
    }

    private TemplateInstance view(Notice notice, String name, Map<String, String> values, String paymentDays) {
        BuildingSettings.Settings s = settings.current();
        List<String> missing = settings.issuer().missing();
        List<Field> fields = new ArrayList<>();
        for (String k : BuildingSettings.Issuer.KEYS) {
            fields.add(new Field(
                    k, values.getOrDefault(k, ""), k.equals("address") || k.equals("board"), missing.contains(k)));
        }
        return Templates.settings(new View(
                notice,
                name == null ? "" : name,
                s.zone().getId(),
                s.currency().getCurrencyCode(),
                fields,
                paymentDays == null ? "" : paymentDays,
                missing));
    }
}
