package org.hausmeter.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Server-rendered SVG line charts: turns series of quarter-hour values into polyline points in a
 * fixed view box, with hour ticks. Readable without JavaScript, printable. Pure formatting.
 */
public final class SvgChart {

    public static final int WIDTH = 960;
    public static final int HEIGHT = 240;

    /** A tick on the time axis. */
    public record Tick(double x, String label) {
    }

    /** Points per series (SVG polyline syntax), the axis ticks and the average power at the top of the box, W. */
    public record Lines(List<String> points, List<Tick> ticks, long maxW) {
    }

    private SvgChart() {
    }

    /**
     * @param slots        quarter hours on the time axis (a whole day: 92, 96 or 100)
     * @param series       values per quarter hour from the first slot, Wh; may end before {@code slots}
     * @param hoursPerTick label every this many hours
     */
    public static Lines quarterHours(int slots, List<long[]> series, int hoursPerTick) {
        int n = slots;
        long max = 1;
        for (long[] s : series) {
            for (long v : s) {
                max = Math.max(max, v);
            }
        }
        List<String> points = new ArrayList<>();
        for (long[] s : series) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < s.length; i++) {
                double x = n <= 1 ? 0 : (double) i * WIDTH / (n - 1);
                double y = HEIGHT - (double) s[i] * HEIGHT / max;
                sb.append(sb.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
            }
            points.add(sb.toString());
        }
        List<Tick> ticks = new ArrayList<>();
        for (int h = 0; h * 4 < n; h += hoursPerTick) {
            ticks.add(new Tick(n <= 1 ? 0 : (double) h * 4 * WIDTH / (n - 1), String.format("%02d:00", h)));
        }
        // Quarter-hour energy in Wh × 4 = average power in W over that quarter hour.
        return new Lines(points, ticks, max * 4);
    }
}
