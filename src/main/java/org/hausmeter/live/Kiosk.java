package org.hausmeter.live;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hausmeter.bus.BuildingTopology;
import org.hausmeter.bus.config.BuildingConfig;
import org.hausmeter.bus.sim.profile.SimClock;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.ledger.MeterRole;

/**
 * What the wall display shows: the building's power now (from Redis), today's PV and consumption per
 * quarter hour and the hours that are usually sunniest (from this building's own ledger). Building
 * totals only: nothing of any apartment.
 */
@ApplicationScoped
public class Kiosk {

    /** How old the newest live value may be, in real time. */
    static final Duration MAX_AGE = Duration.ofSeconds(60);

    /**
     * How long today's curves are reused. A quarter hour is in the ledger seconds after it ends, so a wall
     * showing a curve up to 30 s old misses nothing worth a query per page view (the live numbers come by SSE).
     */
    static final Duration TODAY_REUSE = Duration.ofSeconds(30);

    /** How long the usually sunniest hours (28 days of PV) are reused: they move by the day, not the minute. */
    static final Duration SUNNIEST_REUSE = Duration.ofHours(1);

    /**
     * The live part: the building's power now when live values exist, and since when Redis has been
     * unreachable, if it is. Formatting (and language) is the page's business.
     */
    public record Live(Optional<BuildingNow> now, Optional<Instant> unavailableSince) {}

    /**
     * Today's quarter hours: PV and consumption in Wh, index 0 = local midnight, up to the last quarter
     * hour with data, -1 for a quarter hour without any value (the poller was down: not 0); {@code slots} is
     * the length of the whole local day (92, 96 or 100); the totals are of the values there are.
     */
    public record Today(
            LocalDate day, int slots, long[] pvWh, long[] consumptionWh, long pvTotalWh, long consumptionTotalWh) {}

    private final LiveValues live;
    private final BuildingTopology topology;
    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final Reused<LocalDate, Today> today = new Reused<>(TODAY_REUSE);
    private final Reused<LocalDate, List<Integer>> sunniest = new Reused<>(SUNNIEST_REUSE);
    private final Reused<LocalDate, Usual> usual = new Reused<>(SUNNIEST_REUSE);
    private final Duration maxAge;

    Kiosk(LiveValues live, BuildingTopology topology, AgroalDataSource dataSource, Clock clock) {
        this.live = live;
        this.topology = topology;
        this.dataSource = dataSource;
        this.clock = clock;
        this.maxAge = maxAge(clock);
    }

    /**
     * How old the newest live value may be on the server's clock before it counts as stale: {@link #MAX_AGE} of
     * real time. The poller reads live power every 10 s of real time but stamps it with the server's clock; with
     * {@code hausmeter.sim.time-factor=60} that clock runs 60x faster, so 10 real seconds are 10 simulated
     * minutes between two live values, and an age limit of 60 simulated seconds called every value stale.
     */
    static Duration maxAge(Clock clock) {
        return clock instanceof SimClock sim ? MAX_AGE.multipliedBy(sim.factor()) : MAX_AGE;
    }

    public Live live() {
        Map<String, MeterRole> roles = new LinkedHashMap<>();
        topology.building().map(BuildingConfig::meters).orElse(List.of()).forEach(m -> roles.put(m.name(), m.role()));
        Map<String, LiveValues.LivePower> latest = live.latest();
        return new Live(BuildingNow.of(latest, roles, clock.instant(), maxAge), live.unavailableSince());
    }

    /**
     * Today's local day in the building's {@code zone}, quarter hour by quarter hour; read at most every {@link #TODAY_REUSE} (the arrays are
     * shared by the callers of that time: read them, never change them).
     */
    public Today today(ZoneId zone) throws SQLException {
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, zone);
        return today.get(now, day, d -> readToday(d, zone));
    }

    private Today readToday(LocalDate day, ZoneId zone) throws SQLException {
        Instant from = Intervals.dayStart(day, zone);
        Instant to = Intervals.dayStart(day.plusDays(1), zone);
        int n = (int) Duration.between(from, to).toMinutes() / 15;
        long[] pv = new long[n];
        long[] consumption = new long[n];
        java.util.Arrays.fill(pv, -1);
        java.util.Arrays.fill(consumption, -1);
        int last = -1;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT e.interval_start, m.role, sum(e.import_wh), sum(e.export_wh)"
                                + " FROM interval_energy e JOIN meter m ON m.id = e.meter_id WHERE e.interval_start >= ?"
                                + " AND e.interval_start < ? AND m.role IN ('PV', 'APARTMENT', 'COMMON', 'CHARGER')"
                                + " GROUP BY e.interval_start, m.role")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int i = (int) (Duration.between(from, rs.getTimestamp(1).toInstant())
                                    .toMinutes()
                            / 15);
                    last = Math.max(last, i);
                    if (rs.getString(2).equals("PV")) {
                        pv[i] = Math.max(pv[i], 0) + rs.getLong(4);
                    } else {
                        consumption[i] = Math.max(consumption[i], 0) + rs.getLong(3);
                    }
                }
            }
        }
        return new Today(
                day,
                n,
                java.util.Arrays.copyOf(pv, last + 1),
                java.util.Arrays.copyOf(consumption, last + 1),
                java.util.Arrays.stream(pv).filter(v -> v > 0).sum(),
                java.util.Arrays.stream(consumption).filter(v -> v > 0).sum());
    }

    /**
     * What the building usually has per local hour (index 0 = 00:00–01:00) over the last 28 days: average Wh of
     * PV production and of consumption per hour; all 0 without history.
     */
    public record Usual(long[] pvWh, long[] consumptionWh) {}

    /** This building's usual hours (last 28 days); read at most every {@link #SUNNIEST_REUSE} and once a day. */
    public Usual usualHours(ZoneId zone) throws SQLException {
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, zone);
        return usual.get(now, day, d -> readUsual(now, zone));
    }

    private Usual readUsual(Instant to, ZoneId zone) throws SQLException {
        long[] pv = new long[24];
        long[] use = new long[24];
        java.util.Set<LocalDate> days = new java.util.HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT e.interval_start, m.role, sum(e.import_wh),"
                                + " sum(e.export_wh) FROM interval_energy e JOIN meter m ON m.id = e.meter_id"
                                + " WHERE e.interval_start >= ? AND e.interval_start < ?"
                                + " AND m.role IN ('PV', 'APARTMENT', 'COMMON', 'CHARGER') GROUP BY e.interval_start, m.role")) {
            ps.setTimestamp(1, Timestamp.from(to.minus(Duration.ofDays(28))));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ZonedDateTime t = ZonedDateTime.ofInstant(rs.getTimestamp(1).toInstant(), zone);
                    days.add(t.toLocalDate());
                    if (rs.getString(2).equals("PV")) {
                        pv[t.getHour()] += rs.getLong(4);
                    } else {
                        use[t.getHour()] += rs.getLong(3);
                    }
                }
            }
        }
        int n = Math.max(1, days.size());
        for (int h = 0; h < 24; h++) {
            pv[h] /= n;
            use[h] /= n;
        }
        return new Usual(pv, use);
    }

    /**
     * The local hours with the most PV over the last 28 days, best first (at most three); read at most every
     * {@link #SUNNIEST_REUSE} and once a day (an empty answer is not kept).
     */
    public List<Integer> sunniestHours(ZoneId zone) throws SQLException {
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, zone);
        List<Integer> hours = sunniest.get(now, day, d -> List.copyOf(readSunniestHours(now, zone)));
        if (hours.isEmpty()) {
            sunniest.forget(); // no PV history yet (e.g. the demo's first start writes it now): ask again next time
        }
        return hours;
    }

    private List<Integer> readSunniestHours(Instant to, ZoneId zone) throws SQLException {
        long[] byHour = new long[24];
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT e.interval_start, e.export_wh FROM interval_energy e"
                        + " JOIN meter m ON m.id = e.meter_id WHERE m.role = 'PV' AND e.interval_start >= ?"
                        + " AND e.interval_start < ?")) {
            ps.setTimestamp(1, Timestamp.from(to.minus(Duration.ofDays(28))));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byHour[
                            ZonedDateTime.ofInstant(rs.getTimestamp(1).toInstant(), zone)
                                    .getHour()] += rs.getLong(2);
                }
            }
        }
        List<Integer> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            if (byHour[h] > 0) {
                hours.add(h);
            }
        }
        hours.sort((a, b) -> Long.compare(byHour[b], byHour[a]));
        return hours.subList(0, Math.min(3, hours.size()));
    }
}
