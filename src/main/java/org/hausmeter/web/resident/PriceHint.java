package org.hausmeter.web.resident;

import java.util.List;
import java.util.OptionalInt;
import org.hausmeter.live.PriceSignal;

/**
 * The "good time to use power" hint of the resident's page (pure), from the kiosk's price signal now and its expected
 * signal for the rest of today's hours ({@link PriceSignal#nextHours}): cheap now, and then until when; or not cheap
 * now, and then the next cheap window of today, if any.
 *
 * @param level     the signal now
 * @param cheapFrom the next cheap window's first hour (not cheap now), else empty
 * @param cheapTo   until when it is cheap: the end hour of the current or next cheap window (24 = midnight), else
 *                  empty
 */
public record PriceHint(PriceSignal.Level level, OptionalInt cheapFrom, OptionalInt cheapTo) {

    /**
     * @param now         the signal now
     * @param hour        the current local hour (0–23)
     * @param nextHours   today's hours after the current one, joined into spans ({@link PriceSignal#spans})
     */
    public static PriceHint of(PriceSignal.Level now, int hour, List<PriceSignal.Span> nextHours) {
        if (now == PriceSignal.Level.CHEAP) {
            int until = hour + 1;
            for (PriceSignal.Span s : nextHours) {
                if (s.level() == PriceSignal.Level.CHEAP && s.fromHour() == until) {
                    until = s.toHour();
                } else if (s.fromHour() >= until) {
                    break;
                }
            }
            return new PriceHint(now, OptionalInt.empty(), OptionalInt.of(until));
        }
        for (PriceSignal.Span s : nextHours) {
            if (s.level() == PriceSignal.Level.CHEAP) {
                return new PriceHint(now, OptionalInt.of(s.fromHour()), OptionalInt.of(s.toHour()));
            }
        }
        return new PriceHint(now, OptionalInt.empty(), OptionalInt.empty());
    }
}
