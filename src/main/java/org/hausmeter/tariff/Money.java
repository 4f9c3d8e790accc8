package org.hausmeter.tariff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in one currency, at the currency's scale (cents for EUR and CHF).
 *
 * <p>Modelled on Joda-Money's {@code Money}:
 * <ul>
 *   <li>Immutable and thread-safe. Every operation returns a new instance.</li>
 *   <li>The scale is fixed: the amount always has exactly {@link Currency#getDefaultFractionDigits()}
 *       decimals (2 for EUR), so {@code 1.5 EUR} is held as {@code 1.50} and {@link #equals} compares
 *       currency and value without any scale surprise.</li>
 *   <li>No step loses precision silently: factories that might drop digits either refuse
 *       ({@link ArithmeticException}) or take an explicit {@link RoundingMode}.</li>
 *   <li>Mixing currencies throws {@link CurrencyMismatchException}.</li>
 * </ul>
 *
 * <p>Amounts with more decimals (prices per kWh) are {@link UnitPrice}s; they become {@code Money}
 * through a rounding step, e.g. {@link UnitPrice#priceFor(long, RoundingMode)}.
 *
 * <p>Negative amounts are allowed (credits). Currencies without a fixed fraction digit count
 * ({@code XXX}) are refused.
 */
public final class Money implements Comparable<Money> {

    private final BigDecimal amount;
    private final Currency currency;

    private Money(BigDecimal amount, Currency currency) {
        this.amount = amount;
        this.currency = currency;
    }

    /**
     * An amount that must fit the currency's scale exactly.
     *
     * @param currency the currency, not null
     * @param amount   the amount, not null; trailing zeros beyond the scale are accepted ({@code 1.500})
     * @return the money, at the currency's scale
     * @throws ArithmeticException when the amount has non-zero digits beyond the scale ({@code 1.505 EUR})
     */
    public static Money of(Currency currency, BigDecimal amount) {
        return of(currency, amount, RoundingMode.UNNECESSARY);
    }

    /**
     * An amount rounded to the currency's scale.
     *
     * @param currency the currency, not null
     * @param amount   the amount, any scale, not null
     * @param rounding how to drop digits beyond the currency's scale, not null;
     *                 {@link RoundingMode#UNNECESSARY} refuses to round
     * @return the money, at the currency's scale
     * @throws ArithmeticException when {@code rounding} is UNNECESSARY and rounding is needed
     */
    public static Money of(Currency currency, BigDecimal amount, RoundingMode rounding) {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(rounding, "rounding");
        return new Money(amount.setScale(scaleOf(currency), rounding), currency);
    }

    /**
     * An amount from a string such as {@code "12.34"}, exact as {@link #of(Currency, BigDecimal)}.
     *
     * @param currency the currency, not null
     * @param amount   a decimal number in {@link BigDecimal#BigDecimal(String)} syntax, not null
     * @return the money, at the currency's scale
     */
    public static Money of(Currency currency, String amount) {
        return of(currency, new BigDecimal(amount));
    }

    /**
     * An amount in minor units (cents for EUR).
     *
     * @param currency    the currency, not null
     * @param amountMinor the amount in minor units, e.g. 1234 for 12.34 EUR
     * @return the money
     */
    public static Money ofMinor(Currency currency, long amountMinor) {
        return new Money(BigDecimal.valueOf(amountMinor, scaleOf(currency)), currency);
    }

    /**
     * @param currency the currency, not null
     * @return zero in that currency, at its scale ({@code 0.00})
     */
    public static Money zero(Currency currency) {
        return ofMinor(currency, 0);
    }

    /**
     * The sum of amounts, exact (no rounding is ever needed: all share one scale).
     *
     * @param currency the currency of the result, also used when {@code amounts} is empty; not null
     * @param amounts  the amounts to add, each not null and in {@code currency}
     * @return the sum, zero for no amounts
     * @throws CurrencyMismatchException when an amount is in another currency
     */
    public static Money total(Currency currency, Iterable<Money> amounts) {
        Money sum = zero(currency);
        for (Money m : amounts) {
            sum = sum.plus(m);
        }
        return sum;
    }

    private static int scaleOf(Currency currency) {
        Objects.requireNonNull(currency, "currency");
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw new IllegalArgumentException("Currency [" + currency.getCurrencyCode() + "] has no fixed scale");
        }
        return digits;
    }

    /** @return the amount, always at the currency's scale, not null */
    public BigDecimal amount() {
        return amount;
    }

    /** @return the currency, not null */
    public Currency currency() {
        return currency;
    }

    /**
     * @return the amount in minor units (cents), exact
     * @throws ArithmeticException when it does not fit a long
     */
    public long amountMinor() {
        return amount.movePointRight(amount.scale()).longValueExact();
    }

    /**
     * @param other an amount in the same currency, not null
     * @return this + other, exact
     * @throws CurrencyMismatchException when the currencies differ
     */
    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    /**
     * @param other an amount in the same currency, not null
     * @return this − other, exact
     * @throws CurrencyMismatchException when the currencies differ
     */
    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    /** @return −this, exact */
    public Money negated() {
        return new Money(amount.negate(), currency);
    }

    /**
     * @param factor a whole number
     * @return this × factor, exact
     */
    public Money multipliedBy(long factor) {
        return new Money(amount.multiply(BigDecimal.valueOf(factor)), currency);
    }

    /**
     * Multiplies by a decimal factor and rounds the exact product once to the currency's scale.
     *
     * @param factor   any decimal, not null
     * @param rounding how to round the product, not null
     * @return round(this × factor)
     * @throws ArithmeticException when {@code rounding} is UNNECESSARY and rounding is needed
     */
    public Money multipliedBy(BigDecimal factor, RoundingMode rounding) {
        Objects.requireNonNull(factor, "factor");
        return of(currency, amount.multiply(factor), rounding);
    }

    /** @return true when the amount is zero */
    public boolean isZero() {
        return amount.signum() == 0;
    }

    /** @return true when the amount is below zero */
    public boolean isNegative() {
        return amount.signum() < 0;
    }

    /** @return true when the amount is above zero */
    public boolean isPositive() {
        return amount.signum() > 0;
    }

    /**
     * @param other any money, not null
     * @return true when both are in the same currency
     */
    public boolean isSameCurrency(Money other) {
        return currency.equals(other.currency);
    }

    private void requireSameCurrency(Money other) {
        Objects.requireNonNull(other, "other");
        if (!isSameCurrency(other)) {
            throw new CurrencyMismatchException(currency, other.currency);
        }
    }

    /**
     * Orders by amount.
     *
     * @throws CurrencyMismatchException when the currencies differ
     */
    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    /** Equal when currency and amount are equal (the scale is fixed, so {@code 1.5 == 1.50}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Money m && currency.equals(m.currency) && amount.equals(m.amount);
    }

    @Override
    public int hashCode() {
        return currency.hashCode() * 31 + amount.hashCode();
    }

    /** @return e.g. {@code "EUR 12.34"}, the format Joda-Money uses */
    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + amount.toPlainString();
    }
}
