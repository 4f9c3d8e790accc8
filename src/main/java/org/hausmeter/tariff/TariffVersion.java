package org.hausmeter.tariff;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

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
 * @param evGroupPrices      EV prices of card groups other than {@link EvPrices#DEFAULT_GROUP} (whose prices are
 *                           {@code evPvPrice} and {@code evGridPrice}), by group code; a group without an entry
 *                           pays the default group's prices ({@link #evPrices})
 */
public record TariffVersion(
        LocalDate validFrom,
        GridPrice gridPrice,
        UnitPrice pvPrice,
        Money baseFeePerMonth,
        UnitPrice evPvPrice,
        UnitPrice evGridPrice,
        UnitPrice feedInPerKwh,
        VatRate vatRate,
        Map<String, EvPrices> evGroupPrices) {

    /** A version without group prices: every card group pays {@code evPvPrice} and {@code evGridPrice}. */
    public TariffVersion(
            LocalDate validFrom,
            GridPrice gridPrice,
            UnitPrice pvPrice,
            Money baseFeePerMonth,
            UnitPrice evPvPrice,
            UnitPrice evGridPrice,
            UnitPrice feedInPerKwh,
            VatRate vatRate) {
        this(validFrom, gridPrice, pvPrice, baseFeePerMonth, evPvPrice, evGridPrice, feedInPerKwh, vatRate, Map.of());
    }

    public TariffVersion {
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(gridPrice, "gridPrice");
        Objects.requireNonNull(pvPrice, "pvPrice");
        Objects.requireNonNull(baseFeePerMonth, "baseFeePerMonth");
        Objects.requireNonNull(evPvPrice, "evPvPrice");
        Objects.requireNonNull(evGridPrice, "evGridPrice");
        Objects.requireNonNull(feedInPerKwh, "feedInPerKwh");
        Objects.requireNonNull(vatRate, "vatRate");
        Objects.requireNonNull(evGroupPrices, "evGroupPrices");
        evGroupPrices = Collections.unmodifiableMap(new TreeMap<>(evGroupPrices));
        if (evGroupPrices.containsKey(EvPrices.DEFAULT_GROUP)) {
            throw new TariffValidationException("EV prices of group [" + EvPrices.DEFAULT_GROUP
                    + "] are the tariff's EV prices, not a group price");
        }
        for (String g : evGroupPrices.keySet()) {
            EvPrices.checkGroup(g);
        }
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
        for (EvPrices p : evGroupPrices.values()) {
            for (Currency other : List.of(p.pvPrice().currency(), p.gridPrice().currency())) {
                if (!c.equals(other)) {
                    throw new CurrencyMismatchException(c, other);
                }
            }
            if (!p.equals(evGroupPrices.get(p.group()))) {
                throw new TariffValidationException("EV group prices filed under the wrong group [" + p.group() + "]");
            }
        }
        if (baseFeePerMonth.isNegative()) {
            throw new TariffValidationException("Base fee [" + baseFeePerMonth + "] is negative");
        }
    }

    /**
     * The EV prices of a card group: its own entry, else the default group's ({@code evPvPrice},
     * {@code evGridPrice}). {@link EvPrices#group()} names whose prices they are.
     */
    public EvPrices evPrices(String group) {
        EvPrices own = evGroupPrices.get(group);
        return own != null ? own : new EvPrices(EvPrices.DEFAULT_GROUP, evPvPrice, evGridPrice);
    }

    /** @return the currency of all prices */
    public Currency currency() {
        return gridPrice.currency();
    }
}
