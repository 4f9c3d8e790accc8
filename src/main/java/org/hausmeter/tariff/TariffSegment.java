package org.hausmeter.tariff;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The part [from, to) of a local date range in which one tariff version applies.
 *
 * @param from    first local day, included
 * @param to      first local day after, excluded; after {@code from}
 * @param version the version valid on every day of the segment
 */
public record TariffSegment(LocalDate from, LocalDate to, TariffVersion version) {

    public TariffSegment {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(version, "version");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("Segment [" + from + ", " + to + ") is empty");
        }
    }
}
