package org.hausmeter.billing;

import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.VatRate;

/**
 * The totals of one VAT rate on a bill.
 *
 * @param rate  the VAT rate
 * @param net   sum of the rounded net amounts of all lines with this rate
 * @param vat   net × rate / 100, rounded once to the cent HALF_UP (not a sum of per-line VAT)
 * @param gross net + vat
 */
public record VatTotal(VatRate rate, Money net, Money vat, Money gross) {}
