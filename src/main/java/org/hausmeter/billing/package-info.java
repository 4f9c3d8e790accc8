/**
 * Billing. The bill engine is a pure core: {@link org.hausmeter.billing.BillCalculator} turns one tenancy-month's
 * interval arrays, EV sessions and adjustments into a {@link org.hausmeter.billing.BillDraft}.
 *
 * <p>Rounding: each line rounded once to the cent HALF_UP; bill net = sum of rounded lines; VAT per rate
 * on the net sum of that rate, HALF_UP; gross = net + VAT. Periods are half-open [from, to) between local
 * midnights; interval {@code i} starts at {@code from + 15 min × i}. Worked example:
 * {@code docs/billing-worked-example.md}.
 *
 * <p>Around it: {@link org.hausmeter.billing.BillRuns} runs a month (drafts per tenancy period) and
 * {@link org.hausmeter.billing.Bills} adjusts, issues and cancels, both orchestration only; the workflow's rules
 * are {@link org.hausmeter.billing.BillWorkflow}'s (pure), the SQL is in {@code billing.persistence}. A stored
 * bill is a {@link org.hausmeter.billing.StoredBill} with {@link org.hausmeter.billing.BillKind},
 * {@link org.hausmeter.billing.BillStatus}, {@link org.hausmeter.billing.BillContent} and
 * {@link org.hausmeter.billing.StoredLine}s. See {@code docs/billing.md}.
 */
package org.hausmeter.billing;
