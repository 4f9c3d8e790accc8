package org.hausmeter.billing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
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
public record StoredLine(
        String key,
        @JsonSerialize(using = PlainDecimal.class) BigDecimal quantity,
        String unit,
        @JsonSerialize(using = PlainDecimal.class) BigDecimal unitPrice,
        @JsonSerialize(using = PlainDecimal.class) BigDecimal net,
        @JsonSerialize(using = PlainDecimal.class) BigDecimal vatPercent,
        Map<String, String> details) {

    public StoredLine {
        details = details == null ? Map.of() : details;
    }

    /** @return the calculator's line as stored */
    public static StoredLine of(BillLine l) {
        return new StoredLine(
                l.key(),
                l.quantity(),
                l.unit().name(),
                l.unitPrice(),
                l.net().amount(),
                l.vatRate().percent(),
                new LinkedHashMap<>(l.details()));
    }

    /** @return the line of a cancellation: quantity and net negated, everything else as it was */
    public StoredLine negated() {
        return new StoredLine(key, quantity.negate(), unit, unitPrice, net.negate(), vatPercent, details);
    }

    /** @return true when both lines say the same, decimals compared by value (the database pads their scale) */
    public boolean sameValues(StoredLine o) {
        return key.equals(o.key)
                && unit.equals(o.unit)
                && details.equals(o.details)
                && quantity.compareTo(o.quantity) == 0
                && unitPrice.compareTo(o.unitPrice) == 0
                && net.compareTo(o.net) == 0
                && vatPercent.compareTo(o.vatPercent) == 0;
    }

    /** @return an energy line's time-of-use window, or null */
    public String window() {
        return details.get("window");
    }

    /** @return an EV session line's start, or null */
    public OffsetDateTime sessionStart() {
        return dateTime("start");
    }

    /** @return an EV session line's end, or null */
    public OffsetDateTime sessionEnd() {
        return dateTime("end");
    }

    /** @return an EV session line's PV share in percent */
    public BigDecimal sessionPvSharePercent() {
        return new BigDecimal(String.valueOf(details.get("pvSharePercent")));
    }

    /** @return a base fee line's billed days, or null */
    public String days() {
        return details.get("days");
    }

    /** @return a base fee line's days in the month, or null */
    public String daysInMonth() {
        return details.get("daysInMonth");
    }

    /** @return an adjustment line's kind (credit or charge), or null */
    public String adjustmentKind() {
        return details.get("kind");
    }

    /** @return an adjustment line's reason, or null */
    public String adjustmentReason() {
        return details.get("reason");
    }

    private OffsetDateTime dateTime(String name) {
        String v = details.get(name);
        return v == null ? null : OffsetDateTime.parse(v);
    }

    /** @return the line for the calculator's types (PDF) */
    public BillLine toBillLine(Currency currency) {
        return new BillLine(
                key,
                quantity,
                QuantityUnit.valueOf(unit),
                unitPrice,
                Money.of(currency, net),
                new VatRate(vatPercent),
                new LinkedHashMap<>(details));
    }
}
