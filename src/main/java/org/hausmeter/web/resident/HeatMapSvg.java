package org.hausmeter.web.resident;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

/**
 * A calendar heat map of daily consumption as server-rendered SVG: one column per week (Monday at the
 * top), one cell per day, five shades. Days that are not the resident's are drawn as empty outlines.
 * Pure: prepared strings in, markup out.
 *
 * <p>Keyboard and screen readers: the squares' links lead a mouse or a finger to the day, but are no tab stops
 * ({@code tabindex="-1"}: a year would be 365 of them); the picture is one image with title and description, and
 * {@link #monthTable} is its text alternative, one row per month with links to the month and its highest day.
 */
public final class HeatMapSvg {

    private static final int CELL = 14;
    private static final int GAP = 3;
    private static final int LEFT = 34;
    private static final int TOP = 20;

    /**
     * A day.
     *
     * @param day   the local date
     * @param level 0 (nothing) to 4 (the most), or -1 for an empty outline: the day is not the resident's, or
     *              has no values
     * @param title tooltip, or null
     * @param href  link to the day's chart, or null
     */
    public record Cell(LocalDate day, int level, String title, String href) {}

    /**
     * A column caption.
     *
     * @param week  column index
     * @param label text
     */
    public record MonthLabel(int week, String label) {}

    private HeatMapSvg() {}

    /**
     * @param id        id prefix
     * @param title     accessible title
     * @param desc      accessible description
     * @param cells     the days in order, the first a Monday
     * @param weekdays  labels of the rows Monday, Wednesday and Friday
     * @param months    month labels over the columns
     */
    public static String render(
            String id, String title, String desc, List<Cell> cells, List<String> weekdays, List<MonthLabel> months) {
        int weeks = (cells.size() + 6) / 7;
        int width = LEFT + weeks * (CELL + GAP);
        int height = TOP + 7 * (CELL + GAP);
        StringBuilder s = new StringBuilder(cells.size() * 140 + 1024);
        s.append("<svg class=\"heat\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
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
        for (MonthLabel m : months) {
            s.append("<text class=\"month\" x=\"")
                    .append(LEFT + m.week() * (CELL + GAP))
                    .append("\" y=\"")
                    .append(TOP - 6)
                    .append("\">")
                    .append(Svg.escape(m.label()))
                    .append("</text>");
        }
        for (int r = 0; r < weekdays.size() && r < 3; r++) {
            s.append("<text class=\"weekday\" x=\"")
                    .append(LEFT - 6)
                    .append("\" y=\"")
                    .append(TOP + (2 * r) * (CELL + GAP) + CELL - 3)
                    .append("\">")
                    .append(Svg.escape(weekdays.get(r)))
                    .append("</text>");
        }
        // One group per week column, one shared square (<use>) per day: a year is 371 cells, so every byte counts.
        s.append("<defs><rect id=\"")
                .append(id)
                .append("-d\" width=\"")
                .append(CELL)
                .append("\" height=\"")
                .append(CELL)
                .append("\"/></defs>");
        LocalDate firstMonday =
                cells.isEmpty() ? null : cells.get(0).day().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        int column = -1;
        for (Cell c : cells) {
            int index = (int) (c.day().toEpochDay() - firstMonday.toEpochDay());
            if (index / 7 != column) {
                if (column >= 0) {
                    s.append("</g>");
                }
                column = index / 7;
                s.append("<g transform=\"translate(")
                        .append(LEFT + column * (CELL + GAP))
                        .append(' ')
                        .append(TOP)
                        .append(")\">");
            }
            int y = (index % 7) * (CELL + GAP);
            if (c.level() < 0) {
                s.append("<use href=\"#")
                        .append(id)
                        .append("-d\" y=\"")
                        .append(y)
                        .append("\" class=\"none\"");
                s.append(c.title() == null ? "/>" : "><title>" + Svg.escape(c.title()) + "</title></use>");
                continue;
            }
            if (c.href() != null) {
                s.append("<a href=\"").append(Svg.escape(c.href())).append("\" tabindex=\"-1\">");
            }
            s.append("<use href=\"#")
                    .append(id)
                    .append("-d\" y=\"")
                    .append(y)
                    .append("\" class=\"h")
                    .append(c.level())
                    .append("\"><title>")
                    .append(Svg.escape(c.title()))
                    .append("</title></use>");
            if (c.href() != null) {
                s.append("</a>");
            }
        }
        if (column >= 0) {
            s.append("</g>");
        }
        return s.append("</svg>").toString();
    }

    /**
     * A month of the table alternative.
     *
     * @param month   the month's name
     * @param href    link to the month's chart
     * @param total   the month's consumption, formatted
     * @param days    days with readings
     * @param top     the highest day and its consumption, formatted, or null
     * @param topHref link to that day's chart, or null
     */
    public record MonthRow(String month, String href, String total, int days, String top, String topHref) {}

    /**
     * The heat map's text alternative: a table of months in a closed {@code <details>} (one tab stop until it
     * is opened, two links per month after).
     *
     * @param summary the details' summary
     * @param headers column headers: month, consumption, days with readings, highest day
     */
    public static String monthTable(String summary, List<String> headers, List<MonthRow> rows) {
        StringBuilder s = new StringBuilder(512 + rows.size() * 200);
        s.append("<details class=\"chart-table heat-table\"><summary>")
                .append(Svg.escape(summary))
                .append("</summary><table><thead><tr>");
        for (int i = 0; i < headers.size(); i++) {
            s.append("<th scope=\"col\"")
                    .append(i == 1 || i == 2 ? " class=\"num\">" : ">")
                    .append(Svg.escape(headers.get(i)))
                    .append("</th>");
        }
        s.append("</tr></thead><tbody>");
        for (MonthRow r : rows) {
            s.append("<tr><th scope=\"row\"><a href=\"")
                    .append(Svg.escape(r.href()))
                    .append("\">")
                    .append(Svg.escape(r.month()))
                    .append("</a></th><td class=\"num\">")
                    .append(Svg.escape(r.total()))
                    .append("</td><td class=\"num\">")
                    .append(r.days())
                    .append("</td><td>");
            if (r.top() != null) {
                s.append("<a href=\"")
                        .append(Svg.escape(r.topHref()))
                        .append("\">")
                        .append(Svg.escape(r.top()))
                        .append("</a>");
            }
            s.append("</td></tr>");
        }
        return s.append("</tbody></table></details>").toString();
    }

    /**
     * @param values  the days' consumption, Wh, of the resident's days
     * @return the upper bounds of levels 1..3 (quartiles of the days with consumption); level 4 above
     */
    static long[] thresholds(long[] values) {
        long[] sorted =
                java.util.Arrays.stream(values).filter(v -> v > 0).sorted().toArray();
        if (sorted.length == 0) {
            return new long[] {0, 0, 0};
        }
        return new long[] {
            sorted[(sorted.length - 1) / 4], sorted[(sorted.length - 1) / 2], sorted[3 * (sorted.length - 1) / 4]
        };
    }

    /** @return the level of a day: 0 nothing, 1..4 by the thresholds */
    static int level(long wh, long[] thresholds) {
        if (wh <= 0) {
            return 0;
        }
        for (int i = 0; i < thresholds.length; i++) {
            if (wh <= thresholds[i]) {
                return i + 1;
            }
        }
        return 4;
    }
}
