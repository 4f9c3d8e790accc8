package org.hausmeter.energy;

import java.time.LocalDate;
import java.util.Map;

/**
 * What the resident pages read about the building's apartments: consumption and allocated PV per local
 * day and per quarter hour. Implemented over the ledger and the bill runs' PV allocation by
 * {@link ApartmentEnergy}; by arrays in tests. Everything here is of whole apartments: clipping to a
 * resident's tenancies is the job of the resident pages' {@code ResidentFigures}.
 */
public interface EnergyData {

    /**
     * A local day of one apartment by quarter hour. Index 0 is the quarter hour starting at local midnight;
     * the length is the day's quarter hours (92, 96 or 100). The arrays are shared: do not change them.
     *
     * @param wh      consumption per quarter hour, Wh
     * @param pvWh    allocated PV per quarter hour, Wh
     * @param pvKnown false when the day's PV allocation is not known ({@code pvWh} is then all zero)
     */
    record QuarterHours(int[] wh, int[] pvWh, boolean pvKnown) {}

    /** @return the apartment's whole local day; {@link Energy#NONE} when there is no data */
    Energy day(String apartment, LocalDate day);

    /** @return the apartment's quarter hours of a local day (zeros where there is no data) */
    QuarterHours quarterHours(String apartment, LocalDate day);

    /**
     * @return the consumption of every apartment of the building over the whole days [first, end), Wh, by
     *         apartment code; for anonymous statistics only
     */
    Map<String, Long> apartmentConsumption(LocalDate first, LocalDate end);
}
