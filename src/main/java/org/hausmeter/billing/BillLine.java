package org.hausmeter.billing;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.VatRate;

/**
 * One line of a bill draft.
 *
 * <p>Rounding: {@code net} is the exact line amount rounded once to the cent, HALF_UP. For energy,
 * MONTH and PIECE lines the exact amount is {@code quantity × unitPrice}. For DAY lines (a prorated base fee)
 * it is {@code monthly fee × days / days in month}; {@code unitPrice} is then the daily fee shown with
 * 6 decimals. For an EV session the exact amount is PV kWh × PV price + grid kWh × grid price, and
 * {@code unitPrice} is the resulting average price per kWh shown with 6 decimals.
 *
 * @param key       what the line is, a stable message key such as {@code "grid.energy"}
 *                  (see {@link BillCalculator} for the list)
 * @param quantity  the quantity in {@code unit}; kWh with exactly 3 decimals
 * @param unit      the unit of {@code quantity}
 * @param unitPrice the price per unit of {@code quantity}, net, in the bill's currency
 * @param net       the net amount, at the currency's scale
 * @param vatRate   the VAT rate of the line
 * @param details   explanation data (tariff version, window, intervals, estimated intervals …), in
 *                  display order; values are plain strings; compared as a map
 */
public record BillLine(
        String key,
        BigDecimal quantity,
        QuantityUnit unit,
        BigDecimal unitPrice,
        Money net,
        VatRate vatRate,
        Map<String, String> details) {

    public BillLine {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(vatRate, "vatRate");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(details, "details")));
    }
}
