package org.hausmeter.scenario;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.hausmeter.allocation.AllocationKey;
import org.hausmeter.billing.TariffStore.CommonKey;
import org.hausmeter.billing.run.MonthInput;
import org.hausmeter.tariff.TariffBook;

/**
 * What a scenario replays: consecutive months of the building exactly as the bill run reads them (one
 * {@link MonthInput} each, with the allocation key and common-area key of the tariff version valid on the month's
 * first day) and every tariff version. Pure data; {@code scenario/persistence/ScenarioLoader} reads it from the
 * ledger.
 *
 * @param zone    the building's zone
 * @param tariffs every tariff version
 * @param months  consecutive months, oldest first
 */
public record ScenarioYear(ZoneId zone, TariffBook tariffs, List<Month> months) {

    public ScenarioYear {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(tariffs, "tariffs");
        months = List.copyOf(months);
        if (months.isEmpty()) {
            throw new IllegalArgumentException("A scenario needs at least one month");
        }
        for (int m = 1; m < months.size(); m++) {
            if (!months.get(m)
                    .input()
                    .month()
                    .equals(months.get(m - 1).input().month().plusMonths(1))) {
                throw new IllegalArgumentException("Months are not consecutive: "
                        + months.get(m - 1).input().month() + " is followed by "
                        + months.get(m).input().month());
            }
        }
    }

    /**
     * One month as the bill run sees it.
     *
     * @param input     the month's quarter hours, tenancies, sessions and adjustments
     * @param key       the allocation key in force
     * @param commonKey how the common area is shared
     */
    public record Month(MonthInput input, AllocationKey key, CommonKey commonKey) {
        public Month {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(commonKey, "commonKey");
        }
    }

    /** @return quarter hours over all months */
    public int intervals() {
        int n = 0;
        for (Month m : months) {
            n += m.input().intervals();
        }
        return n;
    }
}
