package org.hausmeter.tariff;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A VAT rate in percent, such as 19 or 7.7, held at scale 2 so that {@code 19} and {@code 19.0} are
 * one and the same rate (equal, same hash, same group in a bill's VAT totals).
 *
 * @param percent the rate in percent, 0 to 100, at most 2 decimals; normalised to scale 2
 */
public record VatRate(BigDecimal percent) implements Comparable<VatRate> {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public VatRate {
        Objects.requireNonNull(percent, "percent");
        if (percent.signum() < 0 || percent.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("VAT rate [" + percent.toPlainString() + "] % is outside [0, 100]");
        }
        try {
            percent = percent.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "VAT rate [" + percent.toPlainString() + "] % has more than 2 decimals", e);
        }
    }

    /**
     * @param percent the rate in percent as a decimal string, e.g. {@code "19"}
     * @return the rate
     */
    public static VatRate of(String percent) {
        return new VatRate(new BigDecimal(percent));
    }

    /**
     * The VAT on a net amount, rounded once to the cent.
     *
     * @param net      the net amount, not null, any sign
     * @param rounding how to round, not null (bills use HALF_UP)
     * @return round(net × percent / 100), in the currency of {@code net}
     */
    public Money vatOn(Money net, RoundingMode rounding) {
        return net.multipliedBy(percent.movePointLeft(2), rounding);
    }

    @Override
    public int compareTo(VatRate other) {
        return percent.compareTo(other.percent);
    }

    /** @return e.g. {@code "19.00%"} */
    @Override
    public String toString() {
        return percent.toPlainString() + "%";
    }
}
