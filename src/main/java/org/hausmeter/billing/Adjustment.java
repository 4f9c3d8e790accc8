package org.hausmeter.billing;

import java.util.Objects;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.VatRate;

/**
 * A one-time charge (positive) or credit (negative) on a bill, entered by the caretaker.
 *
 * @param reason  why, shown on the bill, not blank
 * @param net     the net amount, in the bill's currency; negative for a credit, not zero
 * @param vatRate the VAT rate to apply
 */
public record Adjustment(String reason, Money net, VatRate vatRate) {

    public Adjustment {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(vatRate, "vatRate");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("Adjustment of [" + net + "] has no reason");
        }
        if (net.isZero()) {
            throw new IllegalArgumentException("Adjustment [" + reason + "] is zero");
        }
    }

    /** @return true for a credit (negative amount) */
    public boolean isCredit() {
        return net.isNegative();
    }
}
