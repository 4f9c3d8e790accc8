package org.hausmeter.billing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.VatRate;

/**
 * A line of a stored bill (table {@code bill_line}), in the bill's order. Decimals travel in JSON as plain
 * strings, as they always have (they are part of the content hash).
 *
 * @param key        line key (grid.energy, pv.energy, base.fee, common.grid, ev.session, adjustment …)
 * @param quantity   quantity in {@code unit}
 * @param unit       a {@link QuantityUnit} name
 * @param unitPrice  net price per unit
 * @param net        net amount, rounded to the cent
 * @param vatPercent VAT rate in percent
 * @param details    the line's details as the calculator wrote them (window, session, days …)
 */
@JsonPropertyOrder({"key", "quantity", "unit", "unitPrice", "net", "vatPercent", "details"})
@JsonIgnoreProperties(ignoreUnknown = true)
public record StoredLine(String key, @JsonSerialize(using = PlainDecimal.class) BigDecimal quantity, String unit,
        @JsonSerialize(using = PlainDecimal.class) BigDecimal unitPrice,
        @JsonSerialize(using = PlainDecimal.class) BigDecimal net,
        @JsonSerialize(using = PlainDecimal.class) BigDecimal vatPercent, Map<String, String> details) {

    public StoredLine {
        details = details == null ? Map.of() : details;
    }

    /** @return the calculator's line as stored */
    public static StoredLine of(BillLine l) {
        return new StoredLine(l.key(), l.quantity(), l.unit().name(), l.unitPrice(), l.net().amount(),
                l.vatRate().percent(), new LinkedHashMap<>(l.details()));
    }

    /** @return the line of a cancellation: quantity and net negated, everything else as it was */
    public StoredLine negated() {
        return new StoredLine(key, quantity.negate(), unit, unitPrice, net.negate(), vatPercent, details);
    }

    /** @return the line for the calculator's types (PDF) */
    public BillLine toBillLine(Currency currency) {
        return new BillLine(key, quantity, QuantityUnit.valueOf(unit), unitPrice, Money.of(currency, net),
                new VatRate(vatPercent), new LinkedHashMap<>(details));
    }
}
