package org.hausmeter.billing;

import java.time.Instant;
import java.util.Objects;
import org.hausmeter.tariff.EvPrices;

/**
 * A finished EV charging session of the tenancy, with its energy already split into PV and grid.
 * It is priced by the tariff version valid on the local date of {@code start}, and billed in the
 * period containing {@code start}.
 *
 * @param id     the session's identifier, shown on the bill
 * @param start  start instant, inside the billing period [from, to)
 * @param end    end instant, not before {@code start}
 * @param gridWh energy from the grid, Wh, not negative
 * @param pvWh   energy from the house's PV, Wh, not negative
 * @param group  the card group the session is priced by ({@link EvPrices#DEFAULT_GROUP} for residents' cards)
 */
public record EvSession(String id, Instant start, Instant end, long gridWh, long pvWh, String group) {

    /** A session of the default card group. */
    public EvSession(String id, Instant start, Instant end, long gridWh, long pvWh) {
        this(id, start, end, gridWh, pvWh, EvPrices.DEFAULT_GROUP);
    }

    public EvSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException(
                    "EV session [" + id + "] ends [" + end + "] before it starts [" + start + "]");
        }
        EvPrices.checkGroup(group);
        if (gridWh < 0 || pvWh < 0) {
            throw new IllegalArgumentException(
                    "EV session [" + id + "] has negative energy: grid [" + gridWh + "] Wh, PV [" + pvWh + "] Wh");
        }
    }
}
