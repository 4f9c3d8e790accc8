package org.hausmeter.scenario;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Simple payback, net present value and internal rate of return of an investment with an equal cash flow at the
 * end of every year. Exact decimals (34 digits) until the one rounding of each figure.
 */
public final class Investments {

    private static final MathContext MC = MathContext.DECIMAL128;

    private Investments() {}

    /** @return capital / cash flow, 1 decimal HALF_UP, or null when the cash flow is not positive */
    public static BigDecimal simplePayback(BigDecimal capital, BigDecimal cashFlow) {
        if (cashFlow.signum() <= 0) {
            return null;
        }
        return capital.divide(cashFlow, 1, RoundingMode.HALF_UP);
    }

    /** @return −capital + Σ_{y=1..years} cashFlow / (1 + rate)^y, exact to 34 digits */
    public static BigDecimal npvExact(BigDecimal capital, BigDecimal cashFlow, int years, BigDecimal rate) {
        BigDecimal base = BigDecimal.ONE.add(rate);
        BigDecimal factor = BigDecimal.ONE;
        BigDecimal sum = capital.negate();
        for (int y = 1; y <= years; y++) {
            factor = factor.multiply(base, MC);
            sum = sum.add(cashFlow.divide(factor, MC), MC);
        }
        return sum;
    }

    /** @return the NPV rounded to the cent, HALF_UP */
    public static BigDecimal npv(BigDecimal capital, BigDecimal cashFlow, int years, BigDecimal rate, int scale) {
        return npvExact(capital, cashFlow, years, rate).setScale(scale, RoundingMode.HALF_UP);
    }

    /**
     * @return the rate r with NPV(r) = 0, by bisection on (−0.99, 10) to 4 decimals HALF_UP; null when the NPV has
     *         the same sign at both ends (no investment, or it never pays back)
     */
    public static BigDecimal irr(BigDecimal capital, BigDecimal cashFlow, int years) {
        if (capital.signum() <= 0) {
            return null;
        }
        BigDecimal lo = new BigDecimal("-0.99");
        BigDecimal hi = BigDecimal.TEN;
        int sLo = npvExact(capital, cashFlow, years, lo).signum();
        int sHi = npvExact(capital, cashFlow, years, hi).signum();
        if (sLo == 0) {
            return lo.setScale(4, RoundingMode.HALF_UP);
        }
        if (sLo == sHi) {
            return null;
        }
        BigDecimal two = BigDecimal.valueOf(2);
        for (int k = 0; k < 80; k++) {
            BigDecimal mid = lo.add(hi).divide(two, MC);
            int s = npvExact(capital, cashFlow, years, mid).signum();
            if (s == 0) {
                return mid.setScale(4, RoundingMode.HALF_UP);
            }
            if (s == sLo) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo.add(hi).divide(two, MC).setScale(4, RoundingMode.HALF_UP);
    }
}
