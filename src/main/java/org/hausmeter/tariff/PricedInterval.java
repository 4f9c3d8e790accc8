package org.hausmeter.tariff;

/**
 * The tariff that prices one quarter-hour interval.
 *
 * @param version the tariff version valid on the interval's local start date
 * @param season  the season of the interval's local start month
 * @param window  the grid window containing the interval's local start time
 */
public record PricedInterval(TariffVersion version, Season season, TouWindow window) {}
