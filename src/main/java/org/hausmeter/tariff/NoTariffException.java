package org.hausmeter.tariff;

/** No tariff version is valid at a requested local date (it lies before the first version). */
public final class NoTariffException extends IllegalStateException {

    /** @param message the date and the first valid date, in brackets */
    public NoTariffException(String message) {
        super(message);
    }
}
