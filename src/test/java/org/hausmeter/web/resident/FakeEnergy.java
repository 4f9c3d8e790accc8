package org.hausmeter.web.resident;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hausmeter.energy.Energy;
import org.hausmeter.energy.EnergyData;

/** {@link EnergyData} from arrays, for tests of the pure figures: days without values are zero. */
final class FakeEnergy implements EnergyData {

    private final ZoneId zone;
    private final Map<String, int[][]> days = new HashMap<>();
    private final Set<String> apartments = new TreeSet<>();
    private boolean pvKnown = true;

    FakeEnergy(ZoneId zone) {
        this.zone = zone;
    }

    /** The day's quarter hours (92, 96 or 100). */
    int quarterHoursOf(LocalDate day) {
        return (int) (Duration.between(day.atStartOfDay(zone), day.plusDays(1).atStartOfDay(zone))
                        .toMinutes()
                / 15);
    }

    /** Every quarter hour of the day the same Wh and PV Wh. */
    FakeEnergy flat(String apartment, LocalDate day, int wh, int pvWh) {
        int n = quarterHoursOf(day);
        int[] w = new int[n];
        int[] p = new int[n];
        Arrays.fill(w, wh);
        Arrays.fill(p, pvWh);
        return put(apartment, day, w, p);
    }

    FakeEnergy put(String apartment, LocalDate day, int[] wh, int[] pvWh) {
        if (wh.length != quarterHoursOf(day)) {
            throw new IllegalArgumentException(
                    day + " has " + quarterHoursOf(day) + " quarter hours, not " + wh.length);
        }
        apartments.add(apartment);
        days.put(apartment + "/" + day, new int[][] {wh, pvWh});
        return this;
    }

    FakeEnergy withoutPv() {
        pvKnown = false;
        return this;
    }

    @Override
    public Energy day(String apartment, LocalDate day) {
        QuarterHours q = quarterHours(apartment, day);
        return new Energy(
                Arrays.stream(q.wh()).asLongStream().sum(),
                Arrays.stream(q.pvWh()).asLongStream().sum(),
                q.pvKnown());
    }

    @Override
    public QuarterHours quarterHours(String apartment, LocalDate day) {
        int[][] d = days.get(apartment + "/" + day);
        int n = quarterHoursOf(day);
        if (d == null) {
            return new QuarterHours(new int[n], new int[n], pvKnown);
        }
        return new QuarterHours(d[0], pvKnown ? d[1] : new int[n], pvKnown);
    }

    @Override
    public Map<String, Long> apartmentConsumption(LocalDate first, LocalDate end) {
        Map<String, Long> out = new HashMap<>();
        for (String a : apartments) {
            long sum = 0;
            for (LocalDate d = first; d.isBefore(end); d = d.plusDays(1)) {
                sum += day(a, d).wh();
            }
            out.put(a, sum);
        }
        return out;
    }
}
