package org.hausmeter.live;

import java.time.LocalDate;

/**
 * Decides, for one open wall display, when today's chart and totals are sent again (pure): when the local day
 * changed (midnight: the new day starts empty), when a new quarter hour is in the ledger, or when a quarter hour
 * already shown changed its value (a late reading, a correction). One watch per stream; not thread-safe.
 */
public final class TodayWatch {

    /** What the wall shows of a day, reduced to what tells whether it changed. */
    public record Mark(LocalDate day, int quarterHours, long pvTotalWh, long consumptionTotalWh) {

        public static Mark of(Kiosk.Today today) {
            return new Mark(
                    today.day(),
                    Math.max(today.pvWh().length, today.consumptionWh().length),
                    today.pvTotalWh(),
                    today.consumptionTotalWh());
        }
    }

    private Mark sent;

    /**
     * True when {@code today} differs from what was last sent (always for the first call), and remembers it as
     * sent.
     */
    public boolean due(Kiosk.Today today) {
        Mark mark = Mark.of(today);
        if (mark.equals(sent)) {
            return false;
        }
        sent = mark;
        return true;
    }

    /** What was last sent; null before the first. */
    public Mark sent() {
        return sent;
    }
}
