package org.hausmeter.billing;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.Month;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hausmeter.tariff.DayType;
import org.hausmeter.tariff.GridPrice;
import org.hausmeter.tariff.Season;
import org.hausmeter.tariff.TouWindow;

/**
 * The grid price rows of a bill's price table, each saying when its price applies: the window's name, its hours
 * per kind of day and the months of its season, e.g. "HT Mo–Fr 06:00–22:00, Okt–März" or "NT Mo–Fr 22:00–06:00,
 * Sa–So ganztags, Okt–März". A window that runs over midnight (two windows of one name, 22:00–24:00 and
 * 00:00–06:00) is one range; windows of the same name, price and hours in several seasons are one row with all
 * their months; a flat price is one row without hours. Pure.
 */
public final class PriceWindows {

    /** One row: the text after "grid electricity" (empty for a flat price) and the net price per kWh. */
    public record Row(String when, BigDecimal perKwh) {}

    private static final String[] MONTHS_DE = {
        "Jan", "Feb", "März", "Apr", "Mai", "Juni", "Juli", "Aug", "Sep", "Okt", "Nov", "Dez"
    };
    private static final String[] MONTHS_EN = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    private PriceWindows() {}

    /** @return the rows of a grid price in the bill's language ({@code de}: German, else English), in tariff order */
    public static List<Row> rows(GridPrice grid, boolean de) {
        Map<String, BigDecimal> prices = new LinkedHashMap<>();
        Map<String, EnumSet<Month>> months = new LinkedHashMap<>();
        for (Season s : grid.seasons()) {
            // name + price → the window's ranges per kind of day in this season
            Map<String, EnumMap<DayType, List<LocalTime[]>>> windows = new LinkedHashMap<>();
            Map<String, TouWindow> first = new LinkedHashMap<>();
            for (DayType dt : DayType.values()) {
                for (TouWindow w : s.schedule(dt).windows()) {
                    String key = w.name() + "\u0000" + w.price().perKwh().toPlainString();
                    first.putIfAbsent(key, w);
                    windows.computeIfAbsent(key, k -> new EnumMap<>(DayType.class))
                            .computeIfAbsent(dt, k -> new ArrayList<>())
                            .add(new LocalTime[] {w.from(), w.to()});
                }
            }
            for (Map.Entry<String, EnumMap<DayType, List<LocalTime[]>>> e : windows.entrySet()) {
                TouWindow w = first.get(e.getKey());
                String hours = GridPrice.FLAT.equals(w.name()) ? "" : hours(e.getValue(), de);
                String row = (GridPrice.FLAT.equals(w.name()) ? "" : w.name()) + "\u0000" + hours + "\u0000"
                        + w.price().perKwh().toPlainString();
                prices.putIfAbsent(row, w.price().perKwh());
                months.computeIfAbsent(row, k -> EnumSet.noneOf(Month.class)).addAll(s.months());
            }
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, BigDecimal> r : prices.entrySet()) {
            String[] parts = r.getKey().split("\u0000", -1);
            List<String> when = new ArrayList<>();
            String nameAndHours = (parts[0] + " " + parts[1]).strip();
            if (!nameAndHours.isEmpty()) {
                when.add(nameAndHours);
            }
            Set<Month> m = months.get(r.getKey());
            if (m.size() < 12) {
                when.add(months(m, de));
            }
            rows.add(new Row(String.join(", ", when), r.getValue()));
        }
        return rows;
    }

    /** "Mo–Fr 06:00–22:00", "Mo–Fr 22:00–06:00, Sa–So ganztags", "Mo–So 00:00–06:00" */
    static String hours(Map<DayType, List<LocalTime[]>> byDay, boolean de) {
        List<String> weekday = ranges(byDay.getOrDefault(DayType.WEEKDAY, List.of()), de);
        List<String> weekend = ranges(byDay.getOrDefault(DayType.WEEKEND, List.of()), de);
        if (weekday.equals(weekend)) {
            return (de ? "Mo–So " : "Mon–Sun ") + String.join(", ", weekday);
        }
        List<String> parts = new ArrayList<>();
        if (!weekday.isEmpty()) {
            parts.add((de ? "Mo–Fr " : "Mon–Fri ") + String.join(", ", weekday));
        }
        if (!weekend.isEmpty()) {
            parts.add((de ? "Sa–So " : "Sat–Sun ") + String.join(", ", weekend));
        }
        return String.join(", ", parts);
    }

    /** A day's ranges of one window, adjacent ones joined and one over midnight as one range ("22:00–06:00"). */
    private static List<String> ranges(List<LocalTime[]> windows, boolean de) {
        List<int[]> minutes = new ArrayList<>();
        for (LocalTime[] w : windows) {
            int to = w[1].equals(LocalTime.MIDNIGHT) ? 24 * 60 : w[1].toSecondOfDay() / 60;
            minutes.add(new int[] {w[0].toSecondOfDay() / 60, to});
        }
        minutes.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> joined = new ArrayList<>();
        for (int[] m : minutes) {
            int[] last = joined.isEmpty() ? null : joined.get(joined.size() - 1);
            if (last != null && last[1] == m[0]) {
                last[1] = m[1];
            } else {
                joined.add(new int[] {m[0], m[1]});
            }
        }
        if (joined.size() == 1 && joined.get(0)[0] == 0 && joined.get(0)[1] == 24 * 60) {
            return List.of(de ? "ganztags" : "all day");
        }
        List<String> out = new ArrayList<>();
        int[] morning = null;
        int[] night = null;
        if (joined.size() > 1 && joined.get(0)[0] == 0 && joined.get(joined.size() - 1)[1] == 24 * 60) {
            morning = joined.remove(0);
            night = joined.remove(joined.size() - 1);
        }
        for (int[] r : joined) {
            out.add(time(r[0]) + "–" + time(r[1]));
        }
        if (night != null) {
            out.add(time(night[0]) + "–" + time(morning[1]));
        }
        return out;
    }

    private static String time(int minutes) {
        return String.format("%02d:%02d", minutes / 60, minutes % 60);
    }

    /** Months as runs in calendar order, a run over the new year kept together: "Okt–März", "Apr–Sep", "Jan, Juni–Juli". */
    static String months(Set<Month> months, boolean de) {
        String[] names = de ? MONTHS_DE : MONTHS_EN;
        boolean[] in = new boolean[12];
        months.forEach(m -> in[m.ordinal()] = true);
        // start at a month whose predecessor is not in the set, so a run over the new year is not split
        int start = 0;
        while (in[start] && in[(start + 11) % 12]) {
            start = (start + 11) % 12;
            if (start == 0) {
                break;
            }
        }
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < 12) {
            int m = (start + i) % 12;
            if (!in[m]) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < 12 && in[(start + j + 1) % 12]) {
                j++;
            }
            int end = (start + j) % 12;
            parts.add(j == i ? names[m] : names[m] + "–" + names[end]);
            i = j + 1;
        }
        return String.join(", ", parts);
    }
}
