package org.hausmeter.billing;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hausmeter.allocation.AllocationKey;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.billing.persistence.BillRepository;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.tariff.DaySchedule;
import org.hausmeter.tariff.DayType;
import org.hausmeter.tariff.EvPrices;
import org.hausmeter.tariff.GridPrice;
import org.hausmeter.tariff.InForce;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.NoTariffException;
import org.hausmeter.tariff.Season;
import org.hausmeter.tariff.TariffBook;
import org.hausmeter.tariff.TariffValidationException;
import org.hausmeter.tariff.TariffVersion;
import org.hausmeter.tariff.TouWindow;
import org.hausmeter.tariff.UnitPrice;
import org.hausmeter.tariff.VatRate;

/**
 * The building's tariff versions in {@code tariff_version} / {@code tariff_grid_window}, read into the pure
 * {@link TariffBook}, and written (validated by the pure model first, audited) by the caretaker.
 */
@ApplicationScoped
public class TariffStore {

    /** How the common area's energy is shared among the apartments. */
    public enum CommonKey {
        /** the same share for every apartment */
        EQUAL,
        /** in proportion to the apartments' floor area (equal where an area is missing) */
        FLOOR_AREA
    }

    /**
     * A tariff version with the co-op's keys valid from the same day.
     *
     * @param version       prices
     * @param allocationKey how PV is split each quarter hour
     * @param commonKey     how the common area's energy is shared
     */
    public record StoredTariff(TariffVersion version, AllocationKey allocationKey, CommonKey commonKey) {}

    private final AgroalDataSource dataSource;
    private final BuildingSettings settings;
    private final AuditLog audit;
    private final BillRepository bills;

    TariffStore(AgroalDataSource dataSource, BuildingSettings settings, AuditLog audit, BillRepository bills) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.audit = audit;
        this.bills = bills;
    }

    /** @return every version, oldest first */
    public List<StoredTariff> all() {
        try (Connection c = dataSource.getConnection()) {
            return all(c, settings.current().currency());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read tariffs: " + e.getMessage(), e);
        }
    }

    /**
     * @return the tariff book of all versions
     * @throws NoTariffException when no version is stored
     */
    public TariffBook book() {
        List<StoredTariff> all = all();
        if (all.isEmpty()) {
            throw new NoTariffException("No tariff is stored yet: the caretaker enters one under Tariffs");
        }
        return new TariffBook(all.stream().map(StoredTariff::version).toList());
    }

    /** @return the version valid on {@code day}, or null */
    public StoredTariff at(LocalDate day) {
        return at(all(), day);
    }

    /**
     * @param tariffs the stored tariffs, ordered by validFrom as {@link #all()} gives them
     * @return the one in force on {@code day}, or null
     */
    public static StoredTariff at(List<StoredTariff> tariffs, LocalDate day) {
        return InForce.on(tariffs, t -> t.version().validFrom(), day);
    }

    static List<StoredTariff> all(Connection c, Currency currency) throws SQLException {
        Map<LocalDate, List<Object[]>> windows = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT valid_from, season, months, day_type, name, start_minute, end_minute, price
                FROM tariff_grid_window ORDER BY valid_from, season, day_type, start_minute""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                windows.computeIfAbsent(rs.getDate(1).toLocalDate(), k -> new ArrayList<>())
                        .add(new Object[] {
                            rs.getString(2),
                            rs.getArray(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getInt(6),
                            rs.getInt(7),
                            rs.getBigDecimal(8)
                        });
            }
        }
        Map<LocalDate, Map<String, EvPrices>> groups = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT valid_from, card_group, ev_pv_price, ev_grid_price FROM tariff_ev_group_price
                ORDER BY valid_from, card_group""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                groups.computeIfAbsent(rs.getDate(1).toLocalDate(), k -> new TreeMap<>())
                        .put(
                                rs.getString(2),
                                new EvPrices(
                                        rs.getString(2),
                                        UnitPrice.of(currency, rs.getBigDecimal(3)),
                                        UnitPrice.of(currency, rs.getBigDecimal(4))));
            }
        }
        List<StoredTariff> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT valid_from, pv_price, base_fee_month, ev_pv_price, ev_grid_price, feed_in_price, vat_percent,
                       allocation_key, common_key
                FROM tariff_version ORDER BY valid_from""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                LocalDate from = rs.getDate(1).toLocalDate();
                GridPrice grid = gridPrice(from, windows.getOrDefault(from, List.of()), currency);
                TariffVersion v = new TariffVersion(
                        from,
                        grid,
                        UnitPrice.of(currency, rs.getBigDecimal(2)),
                        Money.of(currency, rs.getBigDecimal(3)),
                        UnitPrice.of(currency, rs.getBigDecimal(4)),
                        UnitPrice.of(currency, rs.getBigDecimal(5)),
                        UnitPrice.of(currency, rs.getBigDecimal(6)),
                        new VatRate(rs.getBigDecimal(7)),
                        groups.getOrDefault(from, Map.of()));
                out.add(new StoredTariff(
                        v, AllocationKey.valueOf(rs.getString(8)), CommonKey.valueOf(rs.getString(9))));
            }
        }
        return out;
    }

    private static GridPrice gridPrice(LocalDate from, List<Object[]> rows, Currency currency) throws SQLException {
        if (rows.isEmpty()) {
            throw new TariffValidationException("Tariff version [" + from + "] has no grid price windows");
        }
        Map<String, Set<Month>> months = new LinkedHashMap<>();
        Map<String, List<TouWindow>> weekday = new LinkedHashMap<>();
        Map<String, List<TouWindow>> weekend = new LinkedHashMap<>();
        for (Object[] r : rows) {
            String season = (String) r[0];
            EnumSet<Month> set = EnumSet.noneOf(Month.class);
            for (Object m : (Object[]) ((Array) r[1]).getArray()) {
                set.add(Month.of(((Number) m).intValue()));
            }
            months.put(season, set);
            TouWindow w = new TouWindow(
                    (String) r[3], minute((Integer) r[4]), minute((Integer) r[5]), UnitPrice.of(currency, (BigDecimal)
                            r[6]));
            ("WEEKEND".equals(r[2]) ? weekend : weekday)
                    .computeIfAbsent(season, k -> new ArrayList<>())
                    .add(w);
        }
        List<Season> seasons = new ArrayList<>();
        for (Map.Entry<String, Set<Month>> e : months.entrySet()) {
            List<TouWindow> wd = weekday.get(e.getKey());
            List<TouWindow> we = weekend.get(e.getKey());
            if (wd == null || we == null) {
                throw new TariffValidationException("Tariff version [" + from + "] season [" + e.getKey()
                        + "] needs windows for weekdays and weekends");
            }
            seasons.add(new Season(e.getKey(), e.getValue(), new DaySchedule(wd), new DaySchedule(we)));
        }
        return new GridPrice(seasons);
    }

    private static LocalTime minute(int m) {
        return m == 1440 ? LocalTime.MIDNIGHT : LocalTime.of(m / 60, m % 60);
    }

    private static int minuteOf(LocalTime t, boolean end) {
        int m = t.getHour() * 60 + t.getMinute();
        return end && m == 0 ? 1440 : m;
    }

    /**
     * Stores a version (replacing one with the same valid_from that no issued bill used) and audits it.
     *
     * @param tariff the version, already validated by its constructors
     * @param actor  who
     * @param reason why, may be null
     */
    @Transactional
    public void save(StoredTariff tariff, String actor, String reason) {
        store(tariff, actor, reason, true);
    }

    private void store(StoredTariff tariff, String actor, String reason, boolean keepGroupPrices) {
        TariffVersion v = tariff.version();
        Currency currency = settings.current().currency();
        if (!v.currency().equals(currency)) {
            throw new TariffValidationException(
                    "Tariff is in [" + v.currency() + "], the building bills in [" + currency + "]");
        }
        try (Connection c = dataSource.getConnection()) {
            StoredTariff before = null;
            for (StoredTariff t : all(c, currency)) {
                if (t.version().validFrom().equals(v.validFrom())) {
                    before = t;
                }
            }
            if (before != null) {
                ZoneId zone = settings.current().zone();
                String used = bills.firstIssuedEndingAfter(
                        c, Intervals.dayStart(v.validFrom(), zone).atZone(zone).toOffsetDateTime());
                if (used != null) {
                    throw new TariffValidationException("Tariff version [" + v.validFrom()
                            + "] was used by issued bill [" + used
                            + "]: enter a new version with a later start instead of changing it");
                }
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM tariff_version WHERE valid_from = ?")) {
                    ps.setDate(1, Date.valueOf(v.validFrom()));
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO tariff_version (valid_from, pv_price, base_fee_month, ev_pv_price, ev_grid_price,
                        feed_in_price, vat_percent, allocation_key, common_key, created_by)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setDate(1, Date.valueOf(v.validFrom()));
                ps.setBigDecimal(2, v.pvPrice().perKwh());
                ps.setBigDecimal(3, v.baseFeePerMonth().amount());
                ps.setBigDecimal(4, v.evPvPrice().perKwh());
                ps.setBigDecimal(5, v.evGridPrice().perKwh());
                ps.setBigDecimal(6, v.feedInPerKwh().perKwh());
                ps.setBigDecimal(7, v.vatRate().percent());
                ps.setString(8, tariff.allocationKey().name());
                ps.setString(9, tariff.commonKey().name());
                ps.setString(10, actor);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO tariff_grid_window (valid_from, season, months, day_type, name, start_minute,
                        end_minute, price) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (Season s : v.gridPrice().seasons()) {
                    Array months = c.createArrayOf(
                            "smallint",
                            s.months().stream().map(m -> (short) m.getValue()).toArray());
                    for (DayType dt : DayType.values()) {
                        for (TouWindow w : s.schedule(dt).windows()) {
                            ps.setDate(1, Date.valueOf(v.validFrom()));
                            ps.setString(2, s.name());
                            ps.setArray(3, months);
                            ps.setString(4, dt.name());
                            ps.setString(5, w.name());
                            ps.setInt(6, minuteOf(w.from(), false));
                            ps.setInt(7, minuteOf(w.to(), true));
                            ps.setBigDecimal(8, w.price().perKwh());
                            ps.addBatch();
                        }
                    }
                }
                ps.executeBatch();
            }
            // a replaced version sent without group prices (the tariff page, the API) keeps the ones it had
            Map<String, EvPrices> groupPrices =
                    !keepGroupPrices || !v.evGroupPrices().isEmpty() || before == null
                            ? v.evGroupPrices()
                            : before.version().evGroupPrices();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO tariff_ev_group_price (valid_from, card_group, ev_pv_price, ev_grid_price)
                    VALUES (?, ?, ?, ?)""")) {
                for (EvPrices g : groupPrices.values()) {
                    ps.setDate(1, Date.valueOf(v.validFrom()));
                    ps.setString(2, g.group());
                    ps.setBigDecimal(3, g.pvPrice().perKwh());
                    ps.setBigDecimal(4, g.gridPrice().perKwh());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            if (groupPrices != v.evGroupPrices()) {
                tariff = new StoredTariff(withGroupPrices(v, groupPrices), tariff.allocationKey(), tariff.commonKey());
            }
            audit.record(
                    actor,
                    before == null ? "tariff.create" : "tariff.replace",
                    "tariff:" + v.validFrom(),
                    before == null ? null : describe(before),
                    describe(tariff),
                    reason);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store tariff [" + v.validFrom() + "]: " + e.getMessage(), e);
        }
    }

    /** {@code v} with {@code groupPrices} as its card groups' EV prices. */
    public static TariffVersion withGroupPrices(TariffVersion v, Map<String, EvPrices> groupPrices) {
        return new TariffVersion(
                v.validFrom(),
                v.gridPrice(),
                v.pvPrice(),
                v.baseFeePerMonth(),
                v.evPvPrice(),
                v.evGridPrice(),
                v.feedInPerKwh(),
                v.vatRate(),
                groupPrices);
    }

    /**
     * Sets (or, with null prices, removes) the EV prices of card group {@code group} in the version valid from
     * {@code validFrom}, by storing the version again ({@link #save}: refused when an issued bill used it).
     */
    @Transactional
    public void setGroupPrices(LocalDate validFrom, String group, EvPrices prices, String actor, String reason) {
        EvPrices.checkGroup(group);
        StoredTariff t = all().stream()
                .filter(x -> x.version().validFrom().equals(validFrom))
                .findFirst()
                .orElseThrow(() -> new TariffValidationException("No tariff version starts on [" + validFrom + "]"));
        Map<String, EvPrices> groups = new TreeMap<>(t.version().evGroupPrices());
        if (prices == null) {
            if (groups.remove(group) == null) {
                throw new TariffValidationException(
                        "Tariff version [" + validFrom + "] has no EV prices for group [" + group + "]");
            }
        } else {
            groups.put(group, prices);
        }
        store(
                new StoredTariff(withGroupPrices(t.version(), groups), t.allocationKey(), t.commonKey()),
                actor,
                reason,
                false);
    }

    /** @return a JSON-friendly description for the audit log and the API */
    public static Map<String, Object> describe(StoredTariff t) {
        TariffVersion v = t.version();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("validFrom", v.validFrom().toString());
        List<Map<String, Object>> seasons = new ArrayList<>();
        for (Season s : v.gridPrice().seasons()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("name", s.name());
            sm.put("months", s.months().stream().map(Month::getValue).toList());
            for (DayType dt : DayType.values()) {
                sm.put(
                        dt == DayType.WEEKEND ? "weekends" : "weekdays",
                        s.schedule(dt).windows().stream()
                                .map(w -> Map.of(
                                        "name",
                                        w.name(),
                                        "from",
                                        w.from().toString(),
                                        "to",
                                        w.endsAtEndOfDay() ? "24:00" : w.to().toString(),
                                        "price",
                                        w.price().perKwh().toPlainString()))
                                .toList());
            }
            seasons.add(sm);
        }
        m.put("gridSeasons", seasons);
        m.put("pvPrice", v.pvPrice().perKwh().toPlainString());
        m.put("baseFeePerMonth", v.baseFeePerMonth().amount().toPlainString());
        m.put("evPvPrice", v.evPvPrice().perKwh().toPlainString());
        m.put("evGridPrice", v.evGridPrice().perKwh().toPlainString());
        if (!v.evGroupPrices().isEmpty()) {
            Map<String, Object> groups = new LinkedHashMap<>();
            v.evGroupPrices()
                    .forEach((g, p) -> groups.put(
                            g,
                            Map.of(
                                    "evPvPrice", p.pvPrice().perKwh().toPlainString(),
                                    "evGridPrice", p.gridPrice().perKwh().toPlainString())));
            m.put("evGroupPrices", groups);
        }
        m.put("feedInPrice", v.feedInPerKwh().perKwh().toPlainString());
        m.put("vatPercent", v.vatRate().percent().toPlainString());
        m.put("allocationKey", t.allocationKey().name());
        m.put("commonKey", t.commonKey().name());
        m.put("currency", v.currency().getCurrencyCode());
        return m;
    }
}
