package org.hausmeter.tariff;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * All tariff versions of a building, ordered by {@code validFrom}. A version applies from its
 * {@code validFrom} (included) to the next version's {@code validFrom} (excluded); the last one
 * applies without end. Before the first version no tariff is valid.
 *
 * @param versions the versions, in any order, not empty, distinct {@code validFrom}, one currency;
 *                 held sorted
 */
public record TariffBook(List<TariffVersion> versions) {

    public TariffBook {
        Objects.requireNonNull(versions, "versions");
        List<TariffVersion> sorted = new ArrayList<>(versions);
        sorted.sort(Comparator.comparing(TariffVersion::validFrom));
        if (sorted.isEmpty()) {
            throw new TariffValidationException("A tariff book needs at least one version");
        }
        for (int i = 1; i < sorted.size(); i++) {
            TariffVersion a = sorted.get(i - 1);
            TariffVersion b = sorted.get(i);
            if (a.validFrom().equals(b.validFrom())) {
                throw new TariffValidationException("Two tariff versions valid from [" + a.validFrom() + "]");
            }
            if (!a.currency().equals(b.currency())) {
                throw new CurrencyMismatchException(a.currency(), b.currency());
            }
        }
        versions = List.copyOf(sorted);
    }

    /**
     * @param versions the versions, in any order
     * @return the book
     */
    public static TariffBook of(TariffVersion... versions) {
        return new TariffBook(List.of(versions));
    }

    /** @return the currency of all versions */
    public Currency currency() {
        return versions.get(0).currency();
    }

    /**
     * @param date a local date in the building's zone, not null
     * @return the version with the latest {@code validFrom} not after {@code date}
     * @throws NoTariffException when {@code date} is before the first version
     */
    public TariffVersion versionAt(LocalDate date) {
        TariffVersion found = InForce.on(versions, TariffVersion::validFrom, date);
        if (found == null) {
            throw new NoTariffException("No tariff valid at [" + date + "]; the first version is valid from ["
                    + versions.get(0).validFrom() + "]");
        }
        return found;
    }

    /**
     * Splits a local date range at every {@code validFrom} inside it.
     *
     * @param from first local day, included
     * @param to   first local day after, excluded; after {@code from}
     * @return the segments in order, covering [from, to) without gap or overlap
     * @throws NoTariffException when {@code from} is before the first version
     */
    public List<TariffSegment> segments(LocalDate from, LocalDate to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("Date range [" + from + ", " + to + ") is empty");
        }
        List<TariffSegment> out = new ArrayList<>();
        LocalDate start = from;
        TariffVersion current = versionAt(from);
        for (TariffVersion v : versions) {
            if (v.validFrom().isAfter(from) && v.validFrom().isBefore(to)) {
                out.add(new TariffSegment(start, v.validFrom(), current));
                start = v.validFrom();
                current = v;
            }
        }
        out.add(new TariffSegment(start, to, current));
        return List.copyOf(out);
    }
}
