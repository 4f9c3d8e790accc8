package org.hausmeter.web.resident;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hausmeter.accounts.Access;
import org.hausmeter.billing.BillCalculator;
import org.hausmeter.billing.BillDraft;
import org.hausmeter.billing.BillLine;
import org.hausmeter.billing.QuantityUnit;
import org.hausmeter.billing.VatTotal;
import org.hausmeter.energy.ApartmentEnergy;
import org.hausmeter.energy.Energy;
import org.hausmeter.energy.MonthEnergy;
import org.hausmeter.tariff.Money;

/**
 * Turns a resident's {@link ResidentFigures} into the {@link Dashboard} of one request: texts in the
 * request's language, numbers and dates formatted, links, the SVG charts. Presentation only: every
 * figure comes from {@link ResidentFigures} or the running month's bill draft.
 */
final class DashboardBuilder {

    private final ResidentFigures figures;
    private final ResidentMessages msg;
    private final org.hausmeter.web.i18n.A11yMessages ax;
    private final Fmt fmt;
    private final int co2Factor;
    private final String base;
    private final LocalDate today;
    private final ApartmentEnergy memo;
    private final ResidentPageMessages rp;

    /**
     * @param figures   the resident's figures
     * @param msg       texts in the request's language
     * @param fmt       formatting in the request's language
     * @param co2Factor g CO2 per kWh of grid power
     * @param base      the page's path, to which period queries are appended ({@code /me} or {@code /me/apartments/X})
     * @param memo      keeps the heat map (a year of days: the dearest part of the page) until the data changes;
     *                  null: always computed
     */
    DashboardBuilder(
            ResidentFigures figures, ResidentMessages msg, Fmt fmt, int co2Factor, String base, ApartmentEnergy memo) {
        this.memo = memo;
        this.rp = Residents.pageMessages(fmt.locale);
        this.figures = figures;
        this.msg = msg;
        this.ax = io.quarkus.qute.i18n.MessageBundles.get(
                org.hausmeter.web.i18n.A11yMessages.class,
                io.quarkus.qute.i18n.Localized.Literal.of(fmt.locale.getLanguage()));
        this.fmt = fmt;
        this.co2Factor = co2Factor;
        this.base = base;
        this.today = LocalDate.ofInstant(figures.now(), figures.zone());
    }

    /** @return the link of a period (the default resolution is left out of the query) */
    String href(ReportPeriod p, Resolution r) {
        String q = base + "?period=" + p.kind().param() + "&date=" + p.first();
        return r == null || r == p.kind().resolutions().get(0) ? q : q + "&resolution=" + r.param();
    }

    /**
     * @param dataUntil     end of the newest quarter hour with readings (running or last month)
     * @param costDataUntil end of the running month's newest quarter hour with readings, the cost's "as of"
     */
    Dashboard build(
            Access.OwnApartment apartment,
            List<Access.OwnApartment> others,
            ReportPeriod period,
            Resolution resolution,
            Optional<MonthEnergy.TenancyCost> cost,
            boolean tariffKnown,
            Optional<Instant> dataUntil,
            Optional<Instant> costDataUntil,
            int minApartments) {
        List<Dashboard.Link> otherLinks = others.stream()
                .map(a -> new Dashboard.Link(
                        msg.apartment_heading(a.name(), a.code()),
                        "/me/apartments/" + org.hausmeter.web.Formats.seg(a.code()),
                        false))
                .toList();
        String asOf = dataUntil.map(t -> msg.data_as_of(fmt.dateTime(t))).orElse(msg.no_data_yet());
        Dashboard.Cost costView = cost.map(c -> cost(c.draft(), costDataUntil)).orElse(null);
        String costNone = costView == null && !tariffKnown ? msg.cost_none() : null;
        return new Dashboard(
                new Dashboard.Link(msg.apartment_heading(apartment.name(), apartment.code()), base, true),
                otherLinks,
                tenancy(apartment.periods()),
                asOf,
                cards(),
                costView,
                costNone,
                report(period, resolution, minApartments),
                cachedHeat(apartment, period),
                msg.co2_note(Integer.toString(co2Factor)));
    }

    private String tenancy(List<Access.TenancyPeriod> periods) {
        List<String> parts = new ArrayList<>();
        for (Access.TenancyPeriod p : periods) {
            String from = fmt.date(p.moveIn());
            parts.add(
                    p.moveOut() == null
                            ? msg.tenancy_since(from)
                            : msg.tenancy_period(from, fmt.date(p.moveOut().minusSeconds(1))));
        }
        return String.join(" · ", parts);
    }

    private List<Dashboard.Card> cards() {
        List<Dashboard.Card> out = new ArrayList<>(4);
        String[] labels = {msg.card_today(), msg.card_week(), msg.card_month(), msg.card_year()};
        ReportPeriod.Kind[] kinds = ReportPeriod.Kind.values();
        for (int i = 0; i < kinds.length; i++) {
            ReportPeriod p = ReportPeriod.of(kinds[i], today);
            Energy e = figures.total(p);
            int digits = e.wh() >= 100_000 ? 0 : 1;
            // Nothing measured yet (a new day, no readings): no "0 % solar" for nothing.
            String solar = e.wh() == 0
                    ? msg.no_data_yet()
                    : e.pvKnown() ? msg.card_solar(fmt.percent(e.solarShare())) : msg.card_pv_unknown();
            String co2 = e.wh() == 0 || !e.pvKnown() ? null : msg.card_co2(fmt.co2(e.gridCo2Grams(co2Factor)));
            out.add(new Dashboard.Card(
                    labels[i], e.wh() == 0 ? "–" : fmt.kwh(e.wh(), digits), solar, co2, href(p, null)));
        }
        return out;
    }

    private Dashboard.Cost cost(BillDraft draft, Optional<Instant> dataUntil) {
        Map<String, BigDecimal[]> byKey = new LinkedHashMap<>();
        Map<String, Boolean> kwh = new LinkedHashMap<>();
        for (BillLine l : draft.lines()) {
            BigDecimal[] sum = byKey.computeIfAbsent(l.key(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            sum[0] = sum[0].add(l.quantity());
            sum[1] = sum[1].add(l.net().amount());
            kwh.put(l.key(), l.unit() == QuantityUnit.KWH);
        }
        List<Dashboard.Row> lines = new ArrayList<>();
        byKey.forEach((key, sum) -> lines.add(new Dashboard.Row(
                lineLabel(key),
                Boolean.TRUE.equals(kwh.get(key))
                        ? fmt.kwh(sum[0].movePointRight(3).longValue(), 1)
                        : "",
                fmt.money(sum[1], draft.currency()))));
        List<Dashboard.Row> vat = new ArrayList<>();
        for (VatTotal v : draft.vatTotals()) {
            vat.add(new Dashboard.Row(
                    msg.line_vat(fmt.percent(v.rate().percent().movePointLeft(2).doubleValue())),
                    "",
                    fmt.money(v.vat())));
        }
        Money gross = draft.gross();
        BigDecimal evGross = BigDecimal.ZERO;
        boolean ev = false;
        for (BillLine l : draft.lines()) {
            if (BillCalculator.EV_SESSION.equals(l.key())) {
                evGross = evGross.add(Fmt.gross(l.net().amount(), l.vatRate().percent()));
                ev = true;
            }
        }
        String evText = ev ? rp.cost_ev(fmt.money(evGross, draft.currency())) : null;
        String asOf = dataUntil.map(t -> msg.cost_as_of(fmt.dateTime(t))).orElse(msg.cost_no_data_yet());
        return new Dashboard.Cost(
                fmt.money(gross),
                msg.cost_month(fmt.month(YearMonth.from(draft.from().atZone(draft.zone())))),
                asOf,
                lines,
                vat,
                new Dashboard.Row(msg.line_total(), "", fmt.money(gross)),
                evText,
                rp.cost_lines_net());
    }

    private String lineLabel(String key) {
        return switch (key) {
            case BillCalculator.GRID_ENERGY -> msg.line_grid_energy();
            case BillCalculator.PV_ENERGY -> msg.line_pv_energy();
            case BillCalculator.BASE_FEE -> msg.line_base_fee();
            case BillCalculator.COMMON_GRID -> msg.line_common_grid();
            case BillCalculator.COMMON_PV -> msg.line_common_pv();
            case BillCalculator.EV_SESSION -> msg.line_ev_session();
            default -> msg.line_adjustment();
        };
    }

    // ---- the chosen period ----

    private String periodName(ReportPeriod p) {
        return switch (p.kind()) {
            case DAY -> fmt.fullDate(p.first());
            case WEEK ->
                msg.week_name(
                        p.first().get(WeekFields.ISO.weekOfWeekBasedYear()), fmt.date(p.first()), fmt.date(p.last()));
            case MONTH -> fmt.month(p.first());
            case YEAR -> Integer.toString(p.first().getYear());
        };
    }

    private Dashboard.Report report(ReportPeriod period, Resolution resolution, int minApartments) {
        List<Dashboard.Link> kinds = new ArrayList<>();
        LocalDate anchor = period.contains(today) ? today : period.first();
        String[] kindLabels = {msg.period_day(), msg.period_week(), msg.period_month(), msg.period_year()};
        for (ReportPeriod.Kind k : ReportPeriod.Kind.values()) {
            kinds.add(new Dashboard.Link(
                    kindLabels[k.ordinal()], href(ReportPeriod.of(k, anchor), null), k == period.kind()));
        }
        List<Dashboard.Link> resolutions = new ArrayList<>();
        if (period.kind().resolutions().size() > 1) {
            for (Resolution r : period.kind().resolutions()) {
                resolutions.add(new Dashboard.Link(resolutionLabel(r), href(period, r), r == resolution));
            }
        }
        Dashboard.Link earlier = new Dashboard.Link(msg.earlier(), href(period.previous(), resolution), false);
        Dashboard.Link later = period.next().first().isAfter(today)
                ? null
                : new Dashboard.Link(msg.later(), href(period.next(), resolution), false);
        ReportPeriod current = ReportPeriod.of(period.kind(), today);
        Dashboard.Link now = current.equals(period)
                ? null
                : new Dashboard.Link(msg.current_period(), href(current, resolution), false);

        String name = periodName(period);
        List<ResidentFigures.Bucket> buckets = figures.buckets(period, resolution);
        ResidentFigures.Comparison cmp = figures.compare(period, minApartments);
        Energy total = cmp.current();
        boolean pvKnown = total.pvKnown();
        int digits = switch (resolution) {
            case QUARTER_HOUR -> 3;
            case HOUR -> 2;
            default -> 1;
        };
        // The bar tooltips: the message's pattern once, filled per bar (a bundle call renders a template each time).
        String barPattern = msg.bar_title("{0}", "{1}", "{2}", "{3}");
        String barPatternNoPv = msg.bar_title_nopv("{0}", "{1}");
        List<BarChartSvg.Bar> bars = new ArrayList<>(buckets.size());
        List<Dashboard.TableRow> table = new ArrayList<>();
        for (int i = 0; i < buckets.size(); i++) {
            ResidentFigures.Bucket b = buckets.get(i);
            String time = bucketTitle(b, resolution, period);
            Energy e = b.energy();
            String title = !b.visible()
                    ? null
                    : e.pvKnown()
                            ? fill(
                                    barPattern,
                                    time,
                                    fmt.kwh(e.wh(), digits),
                                    fmt.kwh(e.pvWh(), digits),
                                    fmt.percent(e.solarShare()))
                            : fill(barPatternNoPv, time, fmt.kwh(e.wh(), digits));
            bars.add(new BarChartSvg.Bar(
                    e.wh(),
                    e.pvWh(),
                    e.pvKnown(),
                    b.visible(),
                    title,
                    axisLabel(b, i, resolution, period),
                    drillDown(b, resolution, period)));
            if (b.visible()) {
                table.add(new Dashboard.TableRow(
                        time,
                        fmt.kwh(e.wh(), digits),
                        e.pvKnown() ? fmt.kwh(e.pvWh(), digits) : "–",
                        e.pvKnown() ? fmt.kwh(e.gridWh(), digits) : "–",
                        e.pvKnown() ? fmt.co2(e.gridCo2Grams(co2Factor)) : "–"));
            }
        }
        String totalText = fmt.kwh(total.wh(), 1);
        String desc = pvKnown
                ? msg.chart_desc(totalText, fmt.kwh(total.pvWh(), 1), fmt.percent(total.solarShare()))
                : msg.chart_desc_nopv(totalText);
        String svg = BarChartSvg.render("chart", msg.chart_title(name, totalText), desc, bars, fmt::kwhAxis, "kWh");

        boolean running = period.contains(today);
        List<Dashboard.Comparison> comparisons = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        // The resident's time, but no readings in it (yet): nothing to total or compare, no "0.0 kWh".
        boolean readings = cmp.visible() && total.wh() > 0;
        if (readings) {
            long you = total.wh();
            long max = Math.max(
                    you,
                    Math.max(
                            cmp.lastYear().map(Energy::wh).orElse(0L),
                            cmp.medianWh().orElse(0)));
            comparisons.add(new Dashboard.Comparison(msg.compare_you(), totalText, "", bar(you, max), "you"));
            cmp.lastYear()
                    .ifPresentOrElse(
                            ly -> comparisons.add(new Dashboard.Comparison(
                                    msg.compare_last_year(),
                                    fmt.kwh(ly.wh(), 1),
                                    difference(ly.wh(), you),
                                    bar(ly.wh(), max),
                                    "last-year")),
                            () -> notes.add(noLastYear(cmp.rule(), period.kind())));
            if (cmp.medianWh().isPresent()) {
                long m = cmp.medianWh().getAsLong();
                comparisons.add(new Dashboard.Comparison(
                        msg.compare_median(), fmt.kwh(m, 1), difference(m, you), bar(m, max), "median"));
                notes.add(msg.compare_median_note(cmp.apartments()));
            } else {
                notes.add(msg.compare_no_median());
            }
            if (running) {
                notes.add(msg.compare_running());
            }
        }
        return new Dashboard.Report(
                msg.report_heading(name),
                kinds,
                resolutions,
                earlier,
                later,
                now,
                readings,
                running,
                svg,
                pvKnown,
                totalText,
                pvKnown ? msg.solar_line(fmt.percent(total.solarShare())) : null,
                pvKnown ? msg.co2_line(fmt.co2(total.gridCo2Grams(co2Factor))) : null,
                comparisons,
                notes,
                table,
                readings ? phoneBars(period) : List.of(),
                cmp.visible() ? rp.no_readings_period() : msg.no_data_period());
    }

    /**
     * The chart for narrow screens: a horizontal bar per hour (day), day (week, month) or month (year), only where
     * the resident has data, so that every label stays legible at phone width.
     */
    private List<Dashboard.HBar> phoneBars(ReportPeriod period) {
        Resolution r = switch (period.kind()) {
            case DAY -> Resolution.HOUR;
            case WEEK, MONTH -> Resolution.DAY;
            case YEAR -> Resolution.MONTH;
        };
        List<ResidentFigures.Bucket> buckets = figures.buckets(period, r);
        long max = 0;
        for (ResidentFigures.Bucket b : buckets) {
            if (b.visible()) {
                max = Math.max(max, b.energy().wh());
            }
        }
        int digits = r == Resolution.HOUR ? 2 : 1;
        List<Dashboard.HBar> out = new ArrayList<>();
        for (ResidentFigures.Bucket b : buckets) {
            if (!b.visible()) {
                continue;
            }
            ZonedDateTime from = b.from().atZone(fmt.zone);
            String label = switch (r) {
                case HOUR -> fmt.time(b.from());
                case DAY -> fmt.weekdayDay(from);
                default -> fmt.monthShort(from);
            };
            Energy e = b.energy();
            int total = bar(e.wh(), max);
            int pv = e.pvKnown() ? Math.min(total, bar(e.pvWh(), max)) : 0;
            String href = r == Resolution.HOUR ? null : drillDown(b, r, period);
            // A day or month without any consumption is one without readings (as on the cards): "–", not "0.0 kWh".
            String value = e.wh() == 0 && r != Resolution.HOUR ? "–" : fmt.kwh(e.wh(), digits);
            out.add(new Dashboard.HBar(label, value, pv, total - pv, e.pvKnown(), e.wh() == 0 ? null : href));
        }
        return out;
    }

    /** The true reason why last year is not compared ({@link ComparisonRules}). */
    private String noLastYear(ComparisonRules.LastYear rule, ReportPeriod.Kind kind) {
        return switch (rule.reason()) {
            case MOVED_IN_DURING -> rp.lastyear_moved_in_during(fmt.date(rule.moveIn()));
            case MOVED_IN_LATER -> rp.lastyear_moved_in_later(fmt.date(rule.moveIn()));
            case NOT_RESIDENT -> rp.lastyear_not_resident();
            case SOME_READINGS -> rp.lastyear_some(rule.daysWithReadings(), rule.days());
            case NO_READINGS, COMPARABLE ->
                switch (kind) {
                    case DAY -> rp.lastyear_none_day();
                    case WEEK -> rp.lastyear_none_week();
                    case MONTH -> rp.lastyear_none_month();
                    case YEAR -> rp.lastyear_none_year();
                };
        };
    }

    /** @return {@code pattern} with {0}, {1} … replaced by the arguments */
    static String fill(String pattern, String... args) {
        StringBuilder sb = new StringBuilder(pattern.length() + 48);
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '{'
                    && i + 2 < pattern.length()
                    && pattern.charAt(i + 2) == '}'
                    && Character.isDigit(pattern.charAt(i + 1))
                    && pattern.charAt(i + 1) - '0' < args.length) {
                sb.append(args[pattern.charAt(i + 1) - '0']);
                i += 3;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private static int bar(long value, long max) {
        return max <= 0 ? 0 : (int) Math.round(100.0 * value / max);
    }

    /** "12 % more than you" for the other's value against the resident's. */
    private String difference(long other, long you) {
        if (you == 0 && other == 0 || other == you) {
            return msg.compare_same();
        }
        if (you == 0) {
            return msg.compare_more("–");
        }
        double rel = (double) (other - you) / you;
        if (Math.abs(rel) < 0.005) {
            return msg.compare_same();
        }
        return rel > 0 ? msg.compare_more(fmt.percent(rel)) : msg.compare_less(fmt.percent(-rel));
    }

    private String resolutionLabel(Resolution r) {
        return switch (r) {
            case QUARTER_HOUR -> msg.resolution_15min();
            case HOUR -> msg.resolution_hour();
            case DAY -> msg.resolution_day();
            case MONTH -> msg.resolution_month();
        };
    }

    private String bucketTitle(ResidentFigures.Bucket b, Resolution r, ReportPeriod p) {
        ZonedDateTime from = b.from().atZone(fmt.zone);
        return switch (r) {
            case QUARTER_HOUR, HOUR ->
                (p.kind() == ReportPeriod.Kind.DAY ? "" : fmt.dayMonth(from) + ", ") + fmt.time(b.from()) + "–"
                        + fmt.time(b.to());
            case DAY -> fmt.fullDate(from.toLocalDate());
            case MONTH -> fmt.month(from);
        };
    }

    private String axisLabel(ResidentFigures.Bucket b, int index, Resolution r, ReportPeriod p) {
        ZonedDateTime from = b.from().atZone(fmt.zone);
        return switch (r) {
            case QUARTER_HOUR -> from.getMinute() == 0 && from.getHour() % 3 == 0 ? fmt.time(b.from()) : null;
            case HOUR ->
                p.kind() == ReportPeriod.Kind.DAY
                        ? (from.getHour() % 3 == 0 ? fmt.time(b.from()) : null)
                        : (from.getHour() == 12 ? fmt.weekdayDay(from) : null);
            case DAY ->
                p.kind() == ReportPeriod.Kind.WEEK ? fmt.weekdayDay(from) : Integer.toString(from.getDayOfMonth());
            case MONTH -> fmt.monthShort(from);
        };
    }

    /** The chart a bar leads to: a day's bar to the day, a month's to the month, a week's hour to its day. */
    private String drillDown(ResidentFigures.Bucket b, Resolution r, ReportPeriod p) {
        LocalDate day = LocalDate.ofInstant(b.from(), fmt.zone);
        return switch (r) {
            case QUARTER_HOUR -> null;
            case HOUR ->
                p.kind() == ReportPeriod.Kind.DAY ? null : href(ReportPeriod.of(ReportPeriod.Kind.DAY, day), null);
            case DAY -> href(ReportPeriod.of(ReportPeriod.Kind.DAY, day), null);
            case MONTH -> href(ReportPeriod.of(ReportPeriod.Kind.MONTH, day), null);
        };
    }

    // ---- heat map ----

    private Dashboard.Heat cachedHeat(Access.OwnApartment apartment, ReportPeriod period) {
        LocalDate last = period.last().isAfter(today) ? today : period.last();
        if (memo == null) {
            return heat(last);
        }
        return memo.memo("heat|" + base + "|" + apartment + "|" + fmt.locale + "|" + last, () -> heat(last));
    }

    /** The heat map's days by month (newest last), for its table alternative. */
    private List<HeatMapSvg.MonthRow> monthRows(List<ResidentFigures.HeatDay> days) {
        java.util.Map<java.time.YearMonth, List<ResidentFigures.HeatDay>> byMonth = new java.util.TreeMap<>();
        for (ResidentFigures.HeatDay d : days) {
            if (d.energy() != null && d.energy().wh() > 0) {
                byMonth.computeIfAbsent(java.time.YearMonth.from(d.day()), m -> new ArrayList<>())
                        .add(d);
            }
        }
        List<HeatMapSvg.MonthRow> rows = new ArrayList<>();
        byMonth.forEach((m, ds) -> {
            long total = ds.stream().mapToLong(d -> d.energy().wh()).sum();
            ResidentFigures.HeatDay top = ds.stream()
                    .max(java.util.Comparator.comparingLong(d -> d.energy().wh()))
                    .orElseThrow();
            rows.add(new HeatMapSvg.MonthRow(
                    fmt.month(m),
                    href(ReportPeriod.of(ReportPeriod.Kind.MONTH, m.atDay(1)), null),
                    fmt.kwh(total, 1),
                    ds.size(),
                    ax.heat_top_day(
                            fmt.dayMonthYear(top.day()), fmt.kwh(top.energy().wh(), 1)),
                    "?period=day&date=" + top.day()));
        });
        return rows;
    }

    private Dashboard.Heat heat(LocalDate last) {
        List<ResidentFigures.HeatDay> days = figures.heatMap(last);
        long[] values = days.stream()
                .filter(d -> d.energy() != null)
                .mapToLong(d -> d.energy().wh())
                .toArray();
        long[] t = HeatMapSvg.thresholds(values);
        List<HeatMapSvg.Cell> cells = new ArrayList<>(days.size());
        String dayPattern = msg.heat_day("{0}", "{1}");
        String noDataPattern = msg.heat_no_data("{0}");
        List<HeatMapSvg.MonthLabel> months = new ArrayList<>();
        LocalDate first = days.get(0).day();
        for (int i = 0; i < days.size(); i++) {
            ResidentFigures.HeatDay d = days.get(i);
            if (d.day().getDayOfMonth() <= 7 && d.day().getDayOfWeek() == java.time.DayOfWeek.MONDAY && i / 7 < 52) {
                months.add(new HeatMapSvg.MonthLabel(i / 7, fmt.monthShort(d.day())));
            }
            if (d.energy() == null) {
                cells.add(new HeatMapSvg.Cell(d.day(), -1, null, null));
            } else if (d.energy().wh() == 0) {
                // An occupied apartment never uses nothing for a whole day: the ledger has no values for it.
                cells.add(new HeatMapSvg.Cell(d.day(), -1, fill(noDataPattern, fmt.dayMonthYear(d.day())), null));
            } else {
                cells.add(new HeatMapSvg.Cell(
                        d.day(),
                        HeatMapSvg.level(d.energy().wh(), t),
                        fill(
                                dayPattern,
                                fmt.dayMonthYear(d.day()),
                                fmt.kwh(d.energy().wh(), 1)),
                        "?period=day&date=" + d.day()));
            }
        }
        LocalDate monday = first;
        List<String> weekdays =
                List.of(fmt.weekday(monday), fmt.weekday(monday.plusDays(2)), fmt.weekday(monday.plusDays(4)));
        String title = msg.heat_title(fmt.date(first), fmt.date(last));
        String svg = HeatMapSvg.render("heat", title, msg.heat_desc(), cells, weekdays, months)
                + HeatMapSvg.monthTable(
                        ax.heat_table_show(),
                        List.of(ax.heat_col_month(), ax.heat_col_total(), ax.heat_col_days(), ax.heat_col_top()),
                        monthRows(days));
        List<Dashboard.Legend> legend = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            legend.add(new Dashboard.Legend(i + 1, msg.heat_level(fmt.kwh(t[i], 1))));
        }
        legend.add(new Dashboard.Legend(4, msg.heat_level_top(fmt.kwh(t[2], 1))));
        return new Dashboard.Heat(msg.heat_heading(), svg, legend);
    }
}
