package org.hausmeter.ledger;

import java.time.LocalDate;
import java.time.Year;
import java.util.Optional;

/**
 * A meter's calibration (Eichung) under the German MessEG/MessEV: the year it was verified or put on the market
 * with its conformity declaration (MID), and the last day it may be used for billing. Pure.
 *
 * <p>Rule: an electricity meter's verification period (Eichfrist) is {@value #ELECTRICITY_YEARS} years (MessEV
 * Anlage 7) and ends at the end of a calendar year (MessEV § 34 (1)): a meter verified in year Y is valid until
 * 31 December of Y + 8. An explicit {@code validUntil} (after a re-verification, or a meter with another period)
 * replaces the computed day. A meter without either has an unknown calibration: it is neither valid nor expired
 * here, and nothing is flagged for it (the register only knows what the caretaker wrote down).
 *
 * @param verifiedYear year of the verification or conformity declaration, null when unknown
 * @param validUntil   explicit last valid day (inclusive), null: computed from {@code verifiedYear}
 */
public record Calibration(Integer verifiedYear, LocalDate validUntil) {

    /** The verification period of electricity meters, years (MessEV Anlage 7). */
    public static final int ELECTRICITY_YEARS = 8;

    /** The earliest and latest accepted verification year (the database checks the same). */
    public static final int MIN_YEAR = 1950;

    public static final int MAX_YEAR = 2200;

    public static final Calibration UNKNOWN = new Calibration(null, null);

    public Calibration {
        if (verifiedYear != null && (verifiedYear < MIN_YEAR || verifiedYear > MAX_YEAR)) {
            throw new IllegalArgumentException(
                    "Verification year [" + verifiedYear + "] is outside " + MIN_YEAR + ".." + MAX_YEAR);
        }
        if (verifiedYear != null && validUntil != null && validUntil.getYear() < verifiedYear) {
            throw new IllegalArgumentException(
                    "Valid until [" + validUntil + "] is before the verification year [" + verifiedYear + "]");
        }
    }

    /** @return the last day (inclusive) the meter may be used for billing, empty when unknown */
    public Optional<LocalDate> lastValidDay() {
        if (validUntil != null) {
            return Optional.of(validUntil);
        }
        if (verifiedYear != null) {
            return Optional.of(
                    Year.of(verifiedYear + ELECTRICITY_YEARS).atMonth(12).atEndOfMonth());
        }
        return Optional.empty();
    }

    /** @return true when the validity is known */
    public boolean known() {
        return lastValidDay().isPresent();
    }

    /** @return true when the validity is known and {@code day} is after its last valid day */
    public boolean expiredOn(LocalDate day) {
        return lastValidDay().map(day::isAfter).orElse(false);
    }

    /** @return true when the validity is known and {@code day} is on or before its last valid day */
    public boolean validOn(LocalDate day) {
        return lastValidDay().map(last -> !day.isAfter(last)).orElse(false);
    }

    /**
     * @return true when the validity is known, not expired on {@code today} and ends within {@code months} months
     *     (on or before {@code today + months})
     */
    public boolean dueWithin(LocalDate today, int months) {
        if (months < 0) {
            throw new IllegalArgumentException("Months [" + months + "] must not be negative");
        }
        return lastValidDay()
                .map(last -> !today.isAfter(last) && !last.isAfter(today.plusMonths(months)))
                .orElse(false);
    }

    /**
     * The first day in {@code [from, to)} (local days, {@code to} exclusive) on which the meter is out of calibration,
     * empty when it is valid on all of them or its validity is unknown.
     */
    public Optional<LocalDate> firstExpiredDayIn(LocalDate from, LocalDate to) {
        Optional<LocalDate> last = lastValidDay();
        if (last.isEmpty() || !from.isBefore(to)) {
            return Optional.empty();
        }
        LocalDate first = last.get().plusDays(1);
        LocalDate start = first.isAfter(from) ? first : from;
        return start.isBefore(to) ? Optional.of(start) : Optional.empty();
    }
}
