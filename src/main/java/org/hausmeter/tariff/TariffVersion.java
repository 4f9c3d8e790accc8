package org.hausmeter.tariff;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * One version of the co-op's tariff, valid from a local date (in the building's zone) until the next
 * version's {@code validFrom}. All prices share one currency, else {@link CurrencyMismatchException}.
 *
 * @param validFrom          first local day the version applies to, at 00:00 in the building's zone
 * @param gridPrice          grid energy price per kWh, flat or time-of-use
 * @param pvPrice            price per kWh of PV energy allocated from the house's own plant
 * @param baseFeePerMonth    net base fee for a full calendar month; a partial month pays
 *                           fee × days / days in month, rounded to the cent HALF_UP
 * @param evPvPrice          price per kWh of the PV share of an EV charging session
 * @param evGridPrice        price per kWh of the grid share of an EV charging session
 * @param feedInPerKwh       compensation per kWh fed into the public grid (kept with the tariff;
 *                           not part of a tenant's bill)
 * @param vatRate            VAT rate applied to all lines priced from this version
 */
public record TariffVersion(
        LocalDate validFrom,
        GridPrice gridPrice,
        UnitPrice pvPrice,
        Money baseFeePerMonth,
        UnitPrice evPvPrice,
        UnitPrice evGridPrice,
        UnitPrice feedInPerKwh,
        VatRate vatRate) {

    public TariffVersion {
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(gridPrice, "gridPrice");
        Objects.requireNonNull(pvPrice, "pvPrice");
        Objects.requireNonNull(baseFeePerMonth, "baseFeePerMonth");
        Objects.requireNonNull(evPvPrice, "evPvPrice");
        Objects.requireNonNull(evGridPrice, "evGridPrice");
        Objects.requireNonNull(feedInPerKwh, "feedInPerKwh");
        Objects.requireNonNull(vatRate, "vatRate");
        Currency c = gridPrice.currency();
        for (Currency other : List.of(
                pvPrice.currency(),
                baseFeePerMonth.currency(),
                evPvPrice.currency(),
                evGridPrice.currency(),
                feedInPerKwh.currency())) {
            if (!c.equals(other)) {
                throw new CurrencyMismatchException(c, other);
            }
        }
        if (baseFeePerMonth.isNegative()) {
            throw new TariffValidationException("Base fee [" + baseFeePerMonth + "] is negative");
        }
    }

    /** @return the currency of all prices */
    public Currency currency() {
        return gridPrice.currency();
    }
}
