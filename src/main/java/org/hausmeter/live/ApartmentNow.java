package org.hausmeter.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * One apartment's power right now, from the newest live value of each of its meters (pure): the sum of their power
 * (consumption, never below 0), the time of the oldest value used, and whether that is too old. Nothing of any other
 * apartment.
 *
 * @param powerW the apartment's power now, W
 * @param at     time of the oldest value used
 * @param stale  true when a meter's value is missing or older than the allowed age
 */
public record ApartmentNow(long powerW, Instant at, boolean stale) {

    /**
     * @param latest newest live value per meter name
     * @param meters the apartment's live-read meters (names); empty: the apartment has none
     * @param now    the current instant
     * @param maxAge older values count as stale
     * @return empty when no meter of the apartment has a live value
     */
    public static Optional<ApartmentNow> of(
            Map<String, LiveValues.LivePower> latest, Collection<String> meters, Instant now, Duration maxAge) {
        long sum = 0;
        Instant oldest = null;
        boolean missing = false;
        for (String m : meters) {
            LiveValues.LivePower p = latest.get(m);
            if (p == null) {
                missing = true;
                continue;
            }
            sum += Math.max(0, p.powerW());
            oldest = oldest == null || p.at().isBefore(oldest) ? p.at() : oldest;
        }
        if (oldest == null) {
            return Optional.empty();
        }
        return Optional.of(new ApartmentNow(sum, oldest, missing || oldest.isBefore(now.minus(maxAge))));
    }
}
