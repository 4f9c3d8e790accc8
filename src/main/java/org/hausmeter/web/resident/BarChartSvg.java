package org.hausmeter.web.resident;

import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A server-rendered SVG bar chart of consumption, each bar stacked PV (bottom) and grid (top), for the
 * resident pages: readable without JavaScript, printable, with an accessible title and description and a
 * tooltip ({@code <title>}) per bar. Pure: strings in, markup out; every text is escaped.
 */
public final class BarChartSvg {

    static final int WIDTH = 960;
    static final int HEIGHT = 290;
    private static final double LEFT = 64;
    private static final double RIGHT = 952;
    private static final double TOP = 30;
    private static final double BOTTOM = 252;

    /**
     * A bar.
     *
     * @param wh      consumption, Wh
     * @param pvWh    of which PV, Wh
     * @param pvKnown false: drawn as one unsplit bar
     * @param visible false: no bar (not the resident's time, or ahead)
     * @param title   tooltip
     * @param label   axis label under the bar, or null
     * @param href    link of the bar (e.g. the day's chart), or null
     */
    public record Bar(long wh, long pvWh, boolean pvKnown, boolean visible, String title, String label, String href) {}

    private BarChartSvg() {}

    /**
     * @param id       prefix of the element ids (unique in the page)
     * @param title    the chart's accessible title
     * @param desc     the chart's accessible description
     * @param bars     the bars, left to right
     * @param kwhLabel formats a kWh value for the value axis
     * @param unit     the unit, written after the topmost value
     */
    public static String render(
            String id, String title, String desc, List<Bar> bars, DoubleFunction<String> kwhLabel, String unit) {
        long max = 0;
        for (Bar b : bars) {
            if (b.visible()) {
                max = Math.max(max, b.wh());
            }
        }
        double step = niceStep(max / 1000.0);
        double top = Math.max(step, Math.ceil(max / 1000.0 / step) * step);
        StringBuilder s = new StringBuilder(bars.size() * 260 + 2048);
        s.append("<svg class=\"bars\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" role=\"img\" aria-labelledby=\"")
                .append(id)
                .append("-title ")
                .append(id)
                .append("-desc\">");
        s.append("<title id=\"")
                .append(id)
                .append("-title\">")
                .append(Svg.escape(title))
                .append("</title>");
        s.append("<desc id=\"")
                .append(id)
                .append("-desc\">")
                .append(Svg.escape(desc))
                .append("</desc>");
        int ticks = (int) Math.round(top / step);
        for (int i = 0; i <= ticks; i++) {
            double v = i * step;
            double y = y(v, top);
            s.append("<line class=\"grid\" x1=\"")
                    .append(f(LEFT))
                    .append("\" x2=\"")
                    .append(f(RIGHT))
                    .append("\" y1=\"")
                    .append(f(y))
                    .append("\" y2=\"")
                    .append(f(y))
                    .append("\"/>");
            s.append("<text class=\"value\" x=\"")
                    .append(f(LEFT - 8))
                    .append("\" y=\"")
                    .append(f(y + 5))
                    .append("\">")
                    .append(Svg.escape(kwhLabel.apply(v)))
                    .append("</text>");
        }
        s.append("<text class=\"unit\" x=\"")
                .append(f(LEFT - 8))
                .append("\" y=\"")
                .append(f(TOP - 14))
                .append("\">")
                .append(Svg.escape(unit))
                .append("</text>");
        int n = Math.max(1, bars.size());
        double slot = (RIGHT - LEFT) / n;
        double width = Math.max(1, slot * (n > 60 ? 0.78 : 0.7));
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double x = LEFT + slot * i + (slot - width) / 2;
            if (b.label() != null) {
                s.append("<text class=\"label\" x=\"")
                        .append(f(LEFT + slot * i + slot / 2))
                        .append("\" y=\"")
                        .append(f(BOTTOM + 22))
                        .append("\">")
                        .append(Svg.escape(b.label()))
                        .append("</text>");
            }
            if (!b.visible()) {
                continue;
            }
            if (b.href() != null) {
                s.append("<a href=\"").append(Svg.escape(b.href())).append("\">");
            }
            s.append("<g><title>").append(Svg.escape(b.title())).append("</title>");
            // A transparent full-height target keeps short bars hoverable and clickable.
            s.append("<rect class=\"hit\" x=\"")
                    .append(f(LEFT + slot * i))
                    .append("\" y=\"")
                    .append(f(TOP))
                    .append("\" width=\"")
                    .append(f(slot))
                    .append("\" height=\"")
                    .append(f(BOTTOM - TOP))
                    .append("\"/>");
            double kwh = b.wh() / 1000.0;
            if (b.pvKnown()) {
                double pv = b.pvWh() / 1000.0;
                rect(s, "pv", x, y(pv, top), width, BOTTOM - y(pv, top));
                rect(s, "grid", x, y(kwh, top), width, y(pv, top) - y(kwh, top));
            } else {
                rect(s, "use", x, y(kwh, top), width, BOTTOM - y(kwh, top));
            }
            s.append("</g>");
            if (b.href() != null) {
                s.append("</a>");
            }
        }
        s.append("<line class=\"axis\" x1=\"")
                .append(f(LEFT))
                .append("\" x2=\"")
                .append(f(RIGHT))
                .append("\" y1=\"")
                .append(f(BOTTOM))
                .append("\" y2=\"")
                .append(f(BOTTOM))
                .append("\"/>");
        return s.append("</svg>").toString();
    }

    private static void rect(StringBuilder s, String cls, double x, double y, double w, double h) {
        if (h <= 0) {
            return;
        }
        s.append("<rect class=\"")
                .append(cls)
                .append("\" x=\"")
                .append(f(x))
                .append("\" y=\"")
                .append(f(y))
                .append("\" width=\"")
                .append(f(w))
                .append("\" height=\"")
                .append(f(h))
                .append("\"/>");
    }

    private static double y(double kwh, double top) {
        return BOTTOM - (BOTTOM - TOP) * kwh / top;
    }

    /** @return a round step (1, 2, 2.5 or 5 × 10^k) giving at most 5 steps up to {@code max} */
    static double niceStep(double max) {
        if (max <= 0) {
            return 1;
        }
        double raw = max / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * mag >= raw) {
                return m * mag;
            }
        }
        return 10 * mag;
    }

    /** @return v with one decimal and a dot, e.g. "12.5" (fast: charts have hundreds of coordinates) */
    static String f(double v) {
        long t = Math.round(v * 10);
        long a = Math.abs(t);
        return (t < 0 ? "-" : "") + a / 10 + "." + a % 10;
    }
}
