package org.hausmeter.billing;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.hausmeter.tariff.Money;

/**
 * The computed content of one bill for one tenancy-month, before it is stored or issued.
 *
 * <p>Deterministic: the same {@link BillRequest} always yields an equal draft (lines in the same order,
 * same scales, same details).
 *
 * @param from      first instant of the billing period, included
 * @param to        first instant after the billing period, excluded
 * @param zone      the building's zone
 * @param currency  the currency of all amounts
 * @param lines     the lines, in bill order
 * @param vatTotals one total per VAT rate, by ascending rate
 * @param net       sum of the lines' rounded net amounts
 * @param vat       sum of the per-rate VAT amounts
 * @param gross     net + vat
 */
public record BillDraft(
        Instant from,
        Instant to,
        ZoneId zone,
        Currency currency,
        List<BillLine> lines,
        List<VatTotal> vatTotals,
        Money net,
        Money vat,
        Money gross) {

    public BillDraft {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(currency, "currency");
        lines = List.copyOf(lines);
        vatTotals = List.copyOf(vatTotals);
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(vat, "vat");
        Objects.requireNonNull(gross, "gross");
    }
}
