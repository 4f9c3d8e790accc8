/**
 * The bill engine, a pure core: {@link org.hausmeter.billing.BillCalculator} turns one tenancy-month's
 * interval arrays, EV sessions and adjustments into a {@link org.hausmeter.billing.BillDraft}.
 *
 * <p>Rounding: each line rounded once to the cent HALF_UP; bill net = sum of rounded lines; VAT per rate
 * on the net sum of that rate, HALF_UP; gross = net + VAT. Periods are half-open [from, to) between local
 * midnights; interval {@code i} starts at {@code from + 15 min × i}. Worked example:
 * {@code docs/billing-worked-example.md}.
 */
package org.hausmeter.billing;
