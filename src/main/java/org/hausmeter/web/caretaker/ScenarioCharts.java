package org.hausmeter.web.caretaker;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hausmeter.scenario.ScenarioEngine;
import org.hausmeter.scenario.ScenarioResult;

/**
 * Geometry of the scenario page's SVG charts (pure): a typical day as lines (PV, consumption, grid import in kW on
 * the left axis, the battery's state of charge in kWh on the right), and grid import per month as bars per
 * scenario. Each chart comes with the rows of its table alternative.
 */
final class ScenarioCharts {

    static final int WIDTH = 640;
    static final int LEFT = 50;
    static final int RIGHT = 590;
    static final int TOP = 10;
    static final int PLOT_H = 200;

    /** A line: its SVG path, CSS-free colour and dash. */
    record Line(String path, String colour, String dash) {}

    /** A tick on the left (kW) and one on the right (kWh) axis at the same height. */
    record Tick(double y, String left, String right) {}

    /** An hour label under the plot. */
    record Hour(double x, String label) {}

    /** One row of the table alternative: the hour and its values (kWh in the hour; SoC at its end). */
    record HourRow(String hour, String pv, String consumption, String gridImport, String soc) {}

    /** A typical day's chart. */
    record DayChart(
            String id,
            String scenario,
            String label,
            java.time.YearMonth month,
            boolean battery,
            List<Line> lines,
            List<Tick> ticks,
            List<Hour> hours,
            List<HourRow> rows) {
        public String viewBox() {
            return "0 0 " + WIDTH + " " + (TOP + PLOT_H + 30);
        }
    }

    /** The month chart and its table alternative. */
    record MonthChart(Bars.Chart chart, List<String> names, List<MonthRow> rows) {}

    /** One month: grid import per scenario, baseline first. */
    record MonthRow(String month, List<String> cells) {}

    private ScenarioCharts() {}

    static List<DayChart> days(ScenarioEngine.Comparison c, Locale locale) {
        List<ScenarioResult> shown = c.scenarios().isEmpty() ? List.of(c.baseline()) : c.scenarios();
        List<DayChart> out = new ArrayList<>();
        int n = 0;
        for (ScenarioResult r : shown) {
            for (ScenarioResult.Day d : r.days()) {
                out.add(day("day-" + n++, r.name(), d, r.energy().batteryInWh() > 0, locale));
            }
        }
        return out;
    }

    static DayChart day(String id, String scenario, ScenarioResult.Day d, boolean battery, Locale locale) {
        double maxW = 0;
        double maxSoc = 0;
        for (int q = 0; q < d.pvWh().length; q++) {
            maxW = Math.max(maxW, Math.max(d.pvWh()[q], Math.max(d.consumptionWh()[q], d.gridImportWh()[q])) * 4.0);
            maxSoc = Math.max(maxSoc, d.socWh()[q]);
        }
        double stepW = Bars.niceCeiling(maxW / 4);
        double topW = stepW == 0 ? 4000 : stepW * 4;
        double stepS = Bars.niceCeiling(maxSoc / 4);
        double topS = stepS == 0 ? 4000 : stepS * 4;
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(path(d.pvWh(), 4.0, topW), "#d98e04", ""));
        lines.add(new Line(path(d.consumptionWh(), 4.0, topW), "#2f6fa3", ""));
        lines.add(new Line(path(d.gridImportWh(), 4.0, topW), "#50616d", "6 4"));
        if (battery) {
            lines.add(new Line(path(d.socWh(), 1.0, topS), "#7a9a3a", "2 3"));
        }
        List<Tick> ticks = new ArrayList<>();
        for (int t = 0; t <= 4; t++) {
            double y = round(TOP + PLOT_H - t / 4.0 * PLOT_H);
            ticks.add(new Tick(
                    y,
                    ScenarioTables.number(BigDecimal.valueOf(topW * t / 4 / 1000), 1, locale),
                    battery ? ScenarioTables.number(BigDecimal.valueOf(topS * t / 4 / 1000), 1, locale) : ""));
        }
        List<Hour> hours = new ArrayList<>();
        for (int h = 0; h <= 24; h += 3) {
            hours.add(new Hour(round(LEFT + h / 24.0 * (RIGHT - LEFT)), String.format("%02d", h)));
        }
        List<HourRow> rows = new ArrayList<>();
        int quarters = d.pvWh().length;
        for (int h = 0; h * 4 < quarters; h++) {
            long pv = 0;
            long cons = 0;
            long imp = 0;
            for (int q = h * 4; q < Math.min(quarters, h * 4 + 4); q++) {
                pv += d.pvWh()[q];
                cons += d.consumptionWh()[q];
                imp += d.gridImportWh()[q];
            }
            long soc = d.socWh()[Math.min(quarters, h * 4 + 4) - 1];
            rows.add(new HourRow(
                    String.format("%02d–%02d", h, h + 1),
                    ScenarioTables.kwh(pv, locale),
                    ScenarioTables.kwh(cons, locale),
                    ScenarioTables.kwh(imp, locale),
                    battery ? ScenarioTables.kwh(soc, locale) : "–"));
        }
        return new DayChart(id, scenario, d.label(), d.month(), battery, lines, ticks, hours, rows);
    }

    /** @param factor multiplies each value (4: Wh per quarter hour into W) */
    private static String path(long[] values, double factor, double top) {
        StringBuilder b = new StringBuilder();
        int n = values.length;
        for (int q = 0; q < n; q++) {
            double x = LEFT + (q + 0.5) / n * (RIGHT - LEFT);
            double y = TOP + PLOT_H - (top == 0 ? 0 : values[q] * factor / top * PLOT_H);
            b.append(q == 0 ? "M" : " L").append(round(x)).append(' ').append(round(y));
        }
        return b.toString();
    }

    static MonthChart months(ScenarioEngine.Comparison c, List<String> names, Locale locale) {
        List<ScenarioResult> all = new ArrayList<>();
        all.add(c.baseline());
        all.addAll(c.scenarios());
        List<String> labels = new ArrayList<>();
        List<List<Bars.Value>> values = new ArrayList<>();
        List<MonthRow> rows = new ArrayList<>();
        for (int m = 0; m < c.baseline().months().size(); m++) {
            java.time.YearMonth ym = c.baseline().months().get(m).month();
            String label =
                    ym.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, locale) + " " + (ym.getYear() % 100);
            labels.add(label);
            List<Bars.Value> group = new ArrayList<>();
            List<String> cells = new ArrayList<>();
            for (int s = 0; s < all.size(); s++) {
                long wh = all.get(s).months().get(m).gridImportWh();
                String kwh = ScenarioTables.kwh(wh, locale);
                group.add(
                        new Bars.Value(wh / 1000.0, "k" + (s % 5), names.get(s) + ", " + label + ": " + kwh + " kWh"));
                cells.add(kwh);
            }
            values.add(group);
            rows.add(new MonthRow(label, cells));
        }
        Bars.Chart chart = Bars.grouped(labels, values, v -> ScenarioTables.number(BigDecimal.valueOf(v), 0, locale));
        return new MonthChart(chart, names, rows);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
