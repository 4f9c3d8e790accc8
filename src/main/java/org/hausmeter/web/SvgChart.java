package org.hausmeter.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Server-rendered SVG line charts: turns series of quarter-hour values into SVG paths in a fixed view box
 * (with a gap where a value is missing), with hour ticks. Readable without JavaScript, printable. Pure
 * formatting.
 */
public final class SvgChart {

    public static final int WIDTH = 960;
    public static final int HEIGHT = 240;

    /** A tick on the time axis. */
    public record Tick(double x, String label) {}

    /**
     * One SVG path per series ({@code d} attribute: a line through the quarter hours with values, broken where
     * there is none), the axis ticks, the average power at the top of the box, W, and whether any series has
     * a value at all (else there is no scale to show).
     */
    public record Lines(List<String> paths, List<Tick> ticks, long maxW, boolean anyValue, List<Hour> hours) {}

    /**
     * One row of the chart's table alternative (the same numbers as the lines, by hour): the hour's label and
     * per series the energy of its quarter hours with values, Wh, or -1 when the series has none in that hour.
     * Hours in which no series has a value are left out (e.g. the rest of a running day).
     */
    public record Hour(String label, List<Long> wh) {
        /** @return the value of series {@code i}, Wh, or -1 */
        public long of(int i) {
            return i < wh.size() ? wh.get(i) : -1;
        }
    }

    private SvgChart() {}

    /**
     * @param slots        quarter hours on the time axis (a whole day: 92, 96 or 100)
     * @param series       values per quarter hour from the first slot, Wh; may end before {@code slots}; a
     *                     negative value means "no value" (the line has a gap there, it is not drawn as 0)
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
            boolean gap = true;
            for (int i = 0; i < s.length; i++) {
                if (s[i] < 0) {
                    gap = true;
                    continue;
                }
                double x = n <= 1 ? 0 : (double) i * WIDTH / (n - 1);
                double y = HEIGHT - (double) s[i] * HEIGHT / max;
                boolean alone = gap && (i + 1 >= s.length || s[i + 1] < 0);
                sb.append(sb.length() == 0 ? "" : " ")
                        .append(gap ? 'M' : 'L')
                        .append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
                if (alone) {
                    // A quarter hour with neighbours missing on both sides: a short stub, so it stays visible.
                    sb.append(String.format(
                            Locale.ROOT, " h%.1f", Math.max(2.0, n <= 1 ? 2.0 : (double) WIDTH / (n - 1) / 2)));
                }
                gap = false;
            }
            points.add(sb.toString());
        }
        List<Tick> ticks = new ArrayList<>();
        for (int h = 0; h * 4 < n; h += hoursPerTick) {
            ticks.add(new Tick(n <= 1 ? 0 : (double) h * 4 * WIDTH / (n - 1), String.format("%02d:00", h)));
        }
        List<Hour> hours = new ArrayList<>();
        for (int h = 0; h * 4 < n; h++) {
            List<Long> row = new ArrayList<>();
            boolean any = false;
            for (long[] s : series) {
                long sum = -1;
                for (int i = h * 4; i < Math.min(h * 4 + 4, Math.min(n, s.length)); i++) {
                    if (s[i] >= 0) {
                        sum = Math.max(sum, 0) + s[i];
                    }
                }
                any |= sum >= 0;
                row.add(sum);
            }
            hours.add(new Hour(String.format("%02d:00", h), List.copyOf(row)));
            if (!any) {
                hours.remove(hours.size() - 1);
            }
        }
        // Quarter-hour energy in Wh × 4 = average power in W over that quarter hour.
        return new Lines(points, ticks, max * 4, points.stream().anyMatch(p -> !p.isEmpty()), List.copyOf(hours));
    }
}
