package org.hausmeter.web.caretaker;

import java.util.ArrayList;
import java.util.List;

/**
 * Geometry of server-rendered SVG bar charts (pure formatting: values in, rectangles out). The
 * templates draw each {@link Bar} as a {@code <rect>} with its {@code title} as tooltip, so the chart
 * reads without JavaScript and prints.
 */
final class Bars {

    /** One rectangle; {@code cls} is the CSS class that colours it, {@code title} its text (label and value). */
    record Bar(double x, double y, double width, double height, String cls, String title) {
    }

    /** A labelled group (vertical chart: under the bars; horizontal chart: left of the row). */
    record Group(String label, double labelX, double labelY, List<Bar> bars) {
    }

    /** A value line of the axis. */
    record Tick(double y, String label) {
    }

    /** A chart in a view box of {@code width} × {@code height}. */
    record Chart(int width, int height, List<Group> groups, List<Tick> ticks) {
        public String viewBox() {
            return "0 0 " + width + " " + height;
        }
    }

    /** A bar's value and how to show it. */
    record Value(double value, String cls, String title) {
    }

    private Bars() {
    }

    /**
     * Vertical bars side by side per group (e.g. one group per apartment, one bar per allocation key).
     *
     * @param groups labels under the groups
     * @param values per group the bars, in series order; values ≥ 0
     * @param tickLabel formats an axis value (in the values' unit) for the tick labels
     */
    static Chart grouped(List<String> groups, List<List<Value>> values, java.util.function.DoubleFunction<String> tickLabel) {
        int left = 70;
        int top = 10;
        int plotH = 220;
        int bottom = 30;
        int width = 960;
        double max = 0;
        for (List<Value> g : values) {
            for (Value v : g) {
                max = Math.max(max, v.value());
            }
        }
        double scaleMax = niceCeiling(max);
        int n = Math.max(groups.size(), 1);
        double groupW = (double) (width - left - 10) / n;
        List<Group> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            List<Value> g = values.get(i);
            int k = Math.max(g.size(), 1);
            double inner = groupW * 0.8;
            double barW = inner / k;
            double x0 = left + i * groupW + (groupW - inner) / 2;
            List<Bar> bars = new ArrayList<>();
            for (int j = 0; j < g.size(); j++) {
                Value v = g.get(j);
                double h = scaleMax == 0 ? 0 : v.value() / scaleMax * plotH;
                bars.add(new Bar(round(x0 + j * barW), round(top + plotH - h), round(Math.max(barW - 1, 1)), round(h), v.cls(),
                        v.title()));
            }
            out.add(new Group(groups.get(i), round(left + i * groupW + groupW / 2), top + plotH + 18, bars));
        }
        List<Tick> ticks = new ArrayList<>();
        for (int t = 0; t <= 4; t++) {
            double value = scaleMax * t / 4;
            ticks.add(new Tick(round(top + plotH - (double) plotH * t / 4), tickLabel.apply(value)));
        }
        return new Chart(width, top + plotH + bottom, out, ticks);
    }

    /**
     * Horizontal stacked bars, one row per group, all on the same scale.
     *
     * @param rows   labels left of the rows
     * @param values per row the segments, left to right; values ≥ 0
     */
    static Chart stacked(List<String> rows, List<List<Value>> values) {
        int left = 190;
        int rowH = 34;
        int gap = 14;
        int width = 960;
        double max = 0;
        for (List<Value> r : values) {
            max = Math.max(max, r.stream().mapToDouble(Value::value).sum());
        }
        double plotW = width - left - 10;
        List<Group> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            double y = 8 + i * (rowH + gap);
            double x = left;
            List<Bar> bars = new ArrayList<>();
            for (Value v : values.get(i)) {
                double w = max == 0 ? 0 : v.value() / max * plotW;
                bars.add(new Bar(round(x), round(y), round(w), rowH, v.cls(), v.title()));
                x += w;
            }
            out.add(new Group(rows.get(i), left - 10, round(y + rowH / 2.0 + 5), bars));
        }
        return new Chart(width, 8 + rows.size() * (rowH + gap), out, List.of());
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code v}. */
    static double niceCeiling(double v) {
        if (v <= 0) {
            return 0;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] { 1, 2, 2.5, 5, 10 }) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
