package org.hausmeter.tariff;

/**
 * A tariff definition that cannot be used: time-of-use windows with a gap or an overlap, a month in no
 * season or in two, versions in two currencies, two versions valid from the same day. Raised when the
 * tariff is built, so a broken tariff never reaches a bill run.
 */
public final class TariffValidationException extends IllegalArgumentException {

    /** @param message what is wrong, with the offending values in brackets */
    public TariffValidationException(String message) {
        super(message);
    }
}
