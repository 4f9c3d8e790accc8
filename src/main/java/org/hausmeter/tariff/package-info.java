/**
 * Tariff pricing, a pure core: money and price value types, tariff versions and the lookup of the
 * version and grid window that price a quarter hour.
 *
 * <p>Units: energy in whole Wh ({@code long}); money as {@link org.hausmeter.tariff.Money} at the
 * currency's scale; prices per kWh as {@link org.hausmeter.tariff.UnitPrice} with at least 4 decimals.
 * No {@code double} anywhere. Every step that can lose digits takes an explicit
 * {@link java.math.RoundingMode}.
 *
 * <p>Time: tariff versions start at a local date in the building's zone; time-of-use windows are
 * half-open ranges of local wall-clock time [from, to), matched against the local time of an interval's
 * start instant. No clock is read here.
 */
package org.hausmeter.tariff;
