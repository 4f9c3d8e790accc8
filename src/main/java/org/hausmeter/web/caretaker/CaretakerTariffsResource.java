package org.hausmeter.web.caretaker;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Month;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hausmeter.allocation.AllocationKey;
import org.hausmeter.billing.TariffStore;
import org.hausmeter.billing.api.BillingResource;
import org.hausmeter.tariff.DayType;
import org.hausmeter.tariff.GridPrice;
import org.hausmeter.tariff.Season;
import org.hausmeter.tariff.TariffVersion;
import org.hausmeter.tariff.TouWindow;

/**
 * Tariffs: every version with its grid price windows, and a form for a new version (flat grid
 * price or time-of-use windows per season and day type). Validation is the pure tariff model's
 * (through {@link BillingResource#toTariff}); a version an issued bill used cannot be replaced.
 */
@Path("/caretaker/tariffs")
@RolesAllowed("CARETAKER")
public class CaretakerTariffsResource extends CaretakerPages {

    /** Rows of time-of-use windows the form offers. */
    static final int ROWS = 12;

    /** A grid price window as shown and as a form row (all text, as typed). */
    public record WindowRow(
            String season, String months, String dayType, String name, String from, String to, String price) {
        static final WindowRow EMPTY = new WindowRow("", "", "WEEKDAY", "", "", "", "");
    }

    /** A stored grid price window for display. */
    public record WindowView(
            String season, String months, String dayType, String name, String from, String to, BigDecimal price) {}

    /** A stored version, prepared for display. */
    public record Version(TariffStore.StoredTariff tariff, boolean flat, List<WindowView> windows, boolean current) {}

    /** The new-version form as typed. */
    public record Form(
            String validFrom,
            String gridPrice,
            String pvPrice,
            String baseFee,
            String evPvPrice,
            String evGridPrice,
            String feedInPrice,
            String vatPercent,
            String allocationKey,
            String commonKey,
            String reason,
            List<WindowRow> rows) {}

    public record View(
            Notice notice,
            List<Version> versions,
            Form form,
            List<String> allocationKeys,
            List<String> commonKeys,
            String currency) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tariffs(View view);
    }

    private final TariffStore tariffs;

    CaretakerTariffsResource(TariffStore tariffs) {
        this.tariffs = tariffs;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance tariffs(@QueryParam("done") String done, @QueryParam("n") String n) {
        return view(done(done, n), null);
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    public Response save(
            @FormParam("validFrom") String validFrom,
            @FormParam("gridPrice") String gridPrice,
            @FormParam("pvPrice") String pvPrice,
            @FormParam("baseFee") String baseFee,
            @FormParam("evPvPrice") String evPvPrice,
            @FormParam("evGridPrice") String evGridPrice,
            @FormParam("feedInPrice") String feedInPrice,
            @FormParam("vatPercent") String vatPercent,
            @FormParam("allocationKey") String allocationKey,
            @FormParam("commonKey") String commonKey,
            @FormParam("reason") String reason,
            @FormParam("season") List<String> season,
            @FormParam("months") List<String> months,
            @FormParam("dayType") List<String> dayType,
            @FormParam("window") List<String> window,
            @FormParam("from") List<String> from,
            @FormParam("to") List<String> to,
            @FormParam("price") List<String> price) {
        List<WindowRow> rows = new ArrayList<>();
        for (int i = 0; i < size(window); i++) {
            rows.add(new WindowRow(
                    at(season, i), at(months, i), at(dayType, i), at(window, i), at(from, i), at(to, i), at(price, i)));
        }
        Form form = new Form(
                validFrom,
                gridPrice,
                pvPrice,
                baseFee,
                evPvPrice,
                evGridPrice,
                feedInPrice,
                vatPercent,
                allocationKey,
                commonKey,
                reason,
                padded(rows));
        return change(
                () -> {
                    BillingResource.TariffInput in = input(form);
                    TariffStore.StoredTariff t =
                            BillingResource.toTariff(in, site.current().currency());
                    tariffs.save(t, actor(), Forms.blank(reason) ? null : reason.strip());
                    return seeOther(
                            "/caretaker/tariffs",
                            "tariff_saved",
                            t.version().validFrom().toString());
                },
                notice -> view(notice, form));
    }

    private BillingResource.TariffInput input(Form form) {
        Forms f = forms();
        CaretakerBillingMessages cb = ctb();
        List<BillingResource.SeasonInput> seasons = new ArrayList<>();
        Map<String, List<WindowRow>> bySeason = new LinkedHashMap<>();
        for (WindowRow r : form.rows()) {
            if (!Forms.blank(r.name()) || !Forms.blank(r.price())) {
                bySeason.computeIfAbsent(
                                Forms.blank(r.season())
                                        ? cb.tariff_all_year()
                                        : r.season().strip(),
                                k -> new ArrayList<>())
                        .add(r);
            }
        }
        for (var e : bySeason.entrySet()) {
            List<Integer> months = null;
            List<BillingResource.WindowInput> weekdays = new ArrayList<>();
            List<BillingResource.WindowInput> weekends = new ArrayList<>();
            for (WindowRow r : e.getValue()) {
                if (months == null || months.isEmpty()) {
                    months = months(r.months(), e.getKey(), cb);
                }
                BillingResource.WindowInput w = new BillingResource.WindowInput(
                        f.required(r.name(), cb.tariff_window()),
                        f.required(r.from(), cb.tariff_from()),
                        f.required(r.to(), cb.tariff_to()),
                        f.decimal(f.required(r.price(), cb.tariff_price()), cb.tariff_price()));
                (DayType.WEEKEND.name().equals(r.dayType()) ? weekends : weekdays).add(w);
            }
            seasons.add(new BillingResource.SeasonInput(e.getKey(), months, weekdays, weekends));
        }
        BigDecimal flat = f.decimal(form.gridPrice(), cb.tariff_grid());
        if (seasons.isEmpty() && flat == null) {
            throw new FormException(cb.tariff_grid_missing());
        }
        if (!seasons.isEmpty() && flat != null) {
            throw new FormException(cb.tariff_grid_both());
        }
        return new BillingResource.TariffInput(
                f.date(form.validFrom(), cb.tariff_valid_from()),
                flat,
                seasons.isEmpty() ? null : seasons,
                price(f, form.pvPrice(), cb.tariff_pv()),
                price(f, form.baseFee(), cb.tariff_base_fee()),
                price(f, form.evPvPrice(), cb.tariff_ev_pv()),
                price(f, form.evGridPrice(), cb.tariff_ev_grid()),
                price(f, form.feedInPrice(), cb.tariff_feed_in()),
                price(f, form.vatPercent(), cb.tariff_vat()),
                form.allocationKey(),
                form.commonKey(),
                form.reason());
    }

    private static BigDecimal price(Forms f, String value, String field) {
        return f.decimal(f.required(value, field), field);
    }

    /** "10,11,12,1,2,3" or "10-3" (wrapping over the new year); empty: all year. */
    private static List<Integer> months(String text, String season, CaretakerBillingMessages cb) {
        List<Integer> out = new ArrayList<>();
        if (Forms.blank(text)) {
            for (int m = 1; m <= 12; m++) {
                out.add(m);
            }
            return out;
        }
        try {
            for (String part : text.split("[,;\\s]+")) {
                if (part.isBlank()) {
                    continue;
                }
                if (part.contains("-")) {
                    String[] ends = part.split("-");
                    int a = Integer.parseInt(ends[0].strip());
                    int b = Integer.parseInt(ends[1].strip());
                    for (int m = a; ; m = m % 12 + 1) {
                        out.add(m);
                        if (m == b || out.size() > 12) {
                            break;
                        }
                    }
                } else {
                    out.add(Integer.parseInt(part.strip()));
                }
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new FormException(cb.tariff_months_bad(season, text));
        }
        return out;
    }

    private TemplateInstance view(Notice notice, Form form) {
        List<TariffStore.StoredTariff> all = tariffs.all();
        TariffStore.StoredTariff current = TariffStore.at(all, today());
        List<Version> versions = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            TariffStore.StoredTariff t = all.get(i);
            versions.add(new Version(
                    t,
                    isFlat(t.version().gridPrice()),
                    windows(t.version()).stream()
                            .map(w -> new WindowView(
                                    w.season(),
                                    w.months(),
                                    w.dayType(),
                                    w.name(),
                                    w.from(),
                                    w.to(),
                                    new BigDecimal(w.price())))
                            .toList(),
                    t == current));
        }
        Form f = form != null ? form : defaults(all.isEmpty() ? null : all.get(all.size() - 1));
        return Templates.tariffs(new View(
                notice,
                versions,
                f,
                java.util.Arrays.stream(AllocationKey.values()).map(Enum::name).toList(),
                java.util.Arrays.stream(TariffStore.CommonKey.values())
                        .map(Enum::name)
                        .toList(),
                site.current().currency().getCurrencyCode()));
    }

    private Form defaults(TariffStore.StoredTariff last) {
        String validFrom = thisMonth().plusMonths(1).atDay(1).toString();
        if (last == null) {
            return new Form(
                    validFrom,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    AllocationKey.DYNAMIC_PROPORTIONAL.name(),
                    TariffStore.CommonKey.EQUAL.name(),
                    "",
                    padded(List.of()));
        }
        TariffVersion v = last.version();
        boolean flat = isFlat(v.gridPrice());
        return new Form(
                validFrom,
                flat
                        ? plain(v.gridPrice()
                                .seasons()
                                .get(0)
                                .weekdays()
                                .windows()
                                .get(0)
                                .price()
                                .perKwh())
                        : "",
                plain(v.pvPrice().perKwh()),
                plain(v.baseFeePerMonth().amount()),
                plain(v.evPvPrice().perKwh()),
                plain(v.evGridPrice().perKwh()),
                plain(v.feedInPerKwh().perKwh()),
                plain(v.vatRate().percent()),
                last.allocationKey().name(),
                last.commonKey().name(),
                "",
                padded(flat ? List.of() : windows(v)));
    }

    /** One price at all times (as {@link GridPrice#flat} makes it): one season, one window a day, the same price. */
    private static boolean isFlat(GridPrice g) {
        if (g.seasons().size() != 1) {
            return false;
        }
        Season s = g.seasons().get(0);
        return s.months().size() == 12
                && s.weekdays().windows().size() == 1
                && s.weekends().windows().size() == 1
                && s.weekdays()
                        .windows()
                        .get(0)
                        .price()
                        .equals(s.weekends().windows().get(0).price());
    }

    private static List<WindowRow> windows(TariffVersion v) {
        List<WindowRow> rows = new ArrayList<>();
        for (Season s : v.gridPrice().seasons()) {
            String months = monthsText(s.months());
            for (DayType dt : DayType.values()) {
                for (TouWindow w : s.schedule(dt).windows()) {
                    rows.add(new WindowRow(
                            s.name(),
                            months,
                            dt.name(),
                            w.name(),
                            w.from().toString(),
                            w.endsAtEndOfDay() ? "24:00" : w.to().toString(),
                            plain(w.price().perKwh())));
                }
            }
        }
        return rows;
    }

    /** Months as runs, a run across the new year kept together: {4..9} "4-9", {10..3} "10-3", {1, 6, 7} "1,6-7". */
    static String monthsText(java.util.Set<Month> months) {
        boolean[] in = new boolean[13];
        months.forEach(m -> in[m.getValue()] = true);
        if (months.size() == 12) {
            return "1-12";
        }
        int start = 1;
        while (in[start] && in[start == 1 ? 12 : start - 1]) {
            start = start == 1 ? 12 : start - 1;
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int m = (start - 1 + i) % 12 + 1;
            int prev = m == 1 ? 12 : m - 1;
            if (!in[m] || in[prev] && i > 0) {
                continue;
            }
            int end = m;
            while (in[end % 12 + 1] && (end % 12 + 1) != m) {
                end = end % 12 + 1;
            }
            parts.add(end == m ? Integer.toString(m) : m + "-" + end);
        }
        return String.join(",", parts);
    }

    private static List<WindowRow> padded(List<WindowRow> rows) {
        List<WindowRow> out = new ArrayList<>(rows);
        while (out.size() < Math.max(ROWS, rows.size() + 2)) {
            out.add(WindowRow.EMPTY);
        }
        return out;
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().scale() < 2
                ? v.setScale(2).toPlainString()
                : v.stripTrailingZeros().toPlainString();
    }

    private static int size(List<String> l) {
        return l == null ? 0 : l.size();
    }

    private static String at(List<String> l, int i) {
        return l == null || i >= l.size() || l.get(i) == null ? "" : l.get(i);
    }
}
