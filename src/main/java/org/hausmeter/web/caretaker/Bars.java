package org.hausmeter.web.caretaker;

import java.util.ArrayList;
import java.util.List;

/**
 * Geometry of server-rendered SVG bar charts (pure formatting: values in, rectangles out). The
 * templates draw each {@link Bar} as a {@code <rect>} with its {@code title} as tooltip, so the chart
 * reads without JavaScript and prints.
 */
final class Bars {

    /**
     * One rectangle; {@code cls} is the CSS class that colours it, {@code title} its tooltip, {@code label} the text
     * drawn inside it (empty when it does not fit) at ({@code labelX}, {@code labelY}).
     */
    record Bar(
            double x,
            double y,
            double width,
            double height,
            String cls,
            String title,
            String label,
            double labelX,
            double labelY) {
        Bar(double x, double y, double width, double height, String cls, String title) {
            this(x, y, width, height, cls, title, "", x, y);
        }
    }

    /** A labelled group (vertical chart: under the bars; horizontal chart: left of the row). */
    record Group(String label, double labelX, double labelY, List<Bar> bars) {}

    /** A value line of the axis. */
    record Tick(double y, String label) {}

    /** A chart in a view box of {@code width} × {@code height}. */
    record Chart(int width, int height, List<Group> groups, List<Tick> ticks) {
        public String viewBox() {
            return "0 0 " + width + " " + height;
        }
    }

    /** A bar's value and how to show it: tooltip, and a short label drawn inside the bar when it fits. */
    record Value(double value, String cls, String title, String label) {
        Value(double value, String cls, String title) {
            this(value, cls, title, "");
        }
    }

    private Bars() {}

    /**
     * Vertical bars side by side per group (e.g. one group per apartment, one bar per allocation key).
     * Values may be negative: the bars then hang below a zero line (differences to a reference).
     *
     * @param groups labels under the groups
     * @param values per group the bars, in series order
     * @param tickLabel formats an axis value (in the values' unit) for the tick labels
     */
    static Chart grouped(
            List<String> groups, List<List<Value>> values, java.util.function.DoubleFunction<String> tickLabel) {
        int left = 70;
        int top = 10;
        int plotH = 220;
        int bottom = 30;
        int width = 960;
        double max = 0;
        double min = 0;
        for (List<Value> g : values) {
            for (Value v : g) {
                max = Math.max(max, v.value());
                min = Math.min(min, v.value());
            }
        }
        // One step size for both sides, so that the zero line sits on a tick.
        double step = niceCeiling(Math.max(max, -min) / 4);
        int up = step == 0 ? 4 : (int) Math.ceil(max / step);
        int down = step == 0 ? 0 : (int) Math.ceil(-min / step);
        if (up + down == 0) {
            up = 4;
        }
        double top0 = up * step;
        double range = (up + down) * step;
        double zeroY = top + (range == 0 ? plotH : top0 / range * plotH);
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
                double h = range == 0 ? 0 : Math.abs(v.value()) / range * plotH;
                double y = v.value() >= 0 ? zeroY - h : zeroY;
                bars.add(new Bar(
                        round(x0 + j * barW), round(y), round(Math.max(barW - 1, 1)), round(h), v.cls(), v.title()));
            }
            out.add(new Group(groups.get(i), round(left + i * groupW + groupW / 2), top + plotH + 18, bars));
        }
        List<Tick> ticks = new ArrayList<>();
        for (int t = -down; t <= up; t++) {
            double value = t * step;
            ticks.add(new Tick(round(zeroY - (range == 0 ? 0 : value / range * plotH)), tickLabel.apply(value)));
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
                String label = v.label().length() * 8.2 + 10 <= w ? v.label() : "";
                bars.add(new Bar(
                        round(x),
                        round(y),
                        round(w),
                        rowH,
                        v.cls(),
                        v.title(),
                        label,
                        round(x + 6),
                        round(y + rowH / 2.0 + 5)));
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
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
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
