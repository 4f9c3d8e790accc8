package org.hausmeter.tariff;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The EV charging prices of one card group in a tariff version: PV share and grid share per kWh, split as
 * for every session.
 *
 * @param group     the card group these prices belong to (upper-case code, e.g. {@code GUEST})
 * @param pvPrice   price per kWh of the session's PV share
 * @param gridPrice price per kWh of the session's grid share
 */
public record EvPrices(String group, UnitPrice pvPrice, UnitPrice gridPrice) {

    /** The group of a card nobody put in another group; its prices are the tariff version's EV prices. */
    public static final String DEFAULT_GROUP = "RESIDENT";

    private static final Pattern GROUP = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    public EvPrices {
        checkGroup(group);
        Objects.requireNonNull(pvPrice, "pvPrice");
        Objects.requireNonNull(gridPrice, "gridPrice");
        if (!pvPrice.currency().equals(gridPrice.currency())) {
            throw new CurrencyMismatchException(pvPrice.currency(), gridPrice.currency());
        }
    }

    /** A card group code: 1 to 32 upper-case letters, digits or underscores, starting with a letter. */
    public static String checkGroup(String group) {
        if (group == null || !GROUP.matcher(group).matches()) {
            throw new TariffValidationException("Card group [" + group
                    + "] must be 1 to 32 upper-case letters, digits or '_', starting with a letter (e.g. GUEST)");
        }
        return group;
    }
}
