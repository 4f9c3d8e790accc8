package org.hausmeter.tariff;

import java.util.Currency;

/**
 * Thrown when an operation needs two amounts of the same currency and gets two different ones.
 *
 * <p>Unchecked, like Joda-Money's exception of the same name: mixing currencies is a programming or
 * configuration error (a tariff in CHF billed into a EUR bill), never something to convert silently.
 */
public final class CurrencyMismatchException extends IllegalArgumentException {

    private final Currency first;
    private final Currency second;

    /**
     * @param first  the currency of the receiver, not null
     * @param second the other currency, not null
     */
    public CurrencyMismatchException(Currency first, Currency second) {
        super("Currencies differ: [" + first.getCurrencyCode() + "] and [" + second.getCurrencyCode() + "]");
        this.first = first;
        this.second = second;
    }

    /** @return the currency of the receiver of the failed operation, not null */
    public Currency first() {
        return first;
    }

    /** @return the other currency of the failed operation, not null */
    public Currency second() {
        return second;
    }
}
