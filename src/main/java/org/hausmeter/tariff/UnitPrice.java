package org.hausmeter.tariff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * A price per kWh, in one currency, with at least {@value #MIN_SCALE} decimals.
 *
 * <p>The higher-scale companion of {@link Money}, in the role of Joda-Money's {@code BigMoney}: a tariff
 * price such as 0.2873 EUR/kWh is kept exactly and is never forced to cents. The scale is at least
 * {@value #MIN_SCALE}: {@code 0.3} is held as {@code 0.3000}; more decimals are kept as given
 * ({@code 0.287345} stays). Two prices are equal when currency and numeric value are equal, whatever
 * the scale. Negative prices are refused; zero is allowed.
 *
 * <p>Energy is given in whole Wh. The exact cost of {@code wh} Wh is {@code price × wh / 1000}; it becomes
 * {@link Money} only through {@link #priceFor(long, RoundingMode)}, which rounds once.
 */
public final class UnitPrice implements Comparable<UnitPrice> {

    /** The smallest scale kept for a price per kWh. */
    public static final int MIN_SCALE = 4;

    private final BigDecimal perKwh;
    private final Currency currency;
    private final int hash;

    private UnitPrice(BigDecimal perKwh, Currency currency) {
        this.perKwh = perKwh;
        this.currency = currency;
        this.hash = currency.hashCode() * 31 + perKwh.stripTrailingZeros().hashCode();
    }

    /**
     * @param currency the currency, not null
     * @param perKwh   the price per kWh, not negative, not null; any scale
     * @return the price, at scale max({@value #MIN_SCALE}, scale of {@code perKwh})
     * @throws IllegalArgumentException when negative
     */
    public static UnitPrice of(Currency currency, BigDecimal perKwh) {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(perKwh, "perKwh");
        if (perKwh.signum() < 0) {
            throw new IllegalArgumentException("Price per kWh [" + perKwh.toPlainString() + "] is negative");
        }
        return new UnitPrice(perKwh.setScale(Math.max(MIN_SCALE, perKwh.scale()), RoundingMode.UNNECESSARY), currency);
    }

    /**
     * @param currency the currency, not null
     * @param perKwh   the price per kWh as a decimal string, e.g. {@code "0.2873"}
     * @return the price, see {@link #of(Currency, BigDecimal)}
     */
    public static UnitPrice of(Currency currency, String perKwh) {
        return of(currency, new BigDecimal(perKwh));
    }

    /** @return the price per kWh, scale at least {@value #MIN_SCALE}, not null */
    public BigDecimal perKwh() {
        return perKwh;
    }

    /** @return the currency, not null */
    public Currency currency() {
        return currency;
    }

    /**
     * The exact, unrounded cost of an energy amount.
     *
     * @param wh energy in Wh, any sign
     * @return price × wh / 1000, exact (scale = price scale + 3)
     */
    public BigDecimal exactCostFor(long wh) {
        return perKwh.multiply(BigDecimal.valueOf(wh, 3));
    }

    /**
     * The cost of an energy amount, rounded once to the currency's scale.
     *
     * @param wh       energy in Wh, any sign
     * @param rounding how to round the exact cost to the cent, not null (bills use HALF_UP)
     * @return round(price × wh / 1000)
     */
    public Money priceFor(long wh, RoundingMode rounding) {
        return Money.of(currency, exactCostFor(wh), rounding);
    }

    /**
     * Orders by price.
     *
     * @throws CurrencyMismatchException when the currencies differ
     */
    @Override
    public int compareTo(UnitPrice other) {
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(currency, other.currency);
        }
        return perKwh.compareTo(other.perKwh);
    }

    /** Equal when currency and numeric value are equal ({@code 0.3000 == 0.30000}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof UnitPrice p && currency.equals(p.currency) && perKwh.compareTo(p.perKwh) == 0;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** @return e.g. {@code "EUR 0.2873/kWh"} */
    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + perKwh.toPlainString() + "/kWh";
    }
}
