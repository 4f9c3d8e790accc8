package org.hausmeter.ledger.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.ledger.Calibration;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.ledger.LedgerException;
import org.hausmeter.ledger.MeterRole;

/**
 * The calibration register (MessEG/MessEV): each meter's verification year and validity
 * ({@link Calibration} is the rule), the meters due soon for the console, the meters out of calibration in a period
 * for billing, and the {@value #FLAG_KIND} review flags a bill run raises for them.
 */
@ApplicationScoped
public class Calibrations {

    /** Kind of the review flag of a meter used while out of calibration. */
    public static final String FLAG_KIND = "CALIBRATION_EXPIRED";

    /** Months ahead the console lists meters whose calibration ends. */
    public static final int DUE_MONTHS = 6;

    /**
     * A meter whose calibration ends soon or has ended.
     *
     * @param owner apartment code or charger id, null for the house
     * @param expired true when {@code lastValidDay} is before the day asked about
     */
    public record Due(String meter, MeterRole role, String owner, LocalDate lastValidDay, boolean expired) {}

    /**
     * A meter out of calibration during a period.
     *
     * @param firstExpiredDay the first local day of the period (within the meter's installation) the meter was out
     *     of calibration
     * @param lastValidDay its last valid day
     * @param until end of the expired part: the period's end or the meter's removal, whichever comes first
     */
    public record Expired(
            long meterId,
            String meter,
            MeterRole role,
            Long apartmentId,
            LocalDate lastValidDay,
            LocalDate firstExpiredDay,
            Instant until) {}

    private final AgroalDataSource dataSource;
    private final AuditLog audit;

    Calibrations(AgroalDataSource dataSource, AuditLog audit) {
        this.dataSource = dataSource;
        this.audit = audit;
    }

    /**
     * Sets the installed meter's verification year and explicit last valid day (either may be null: unknown /
     * computed from the year). Audited with the reason.
     */
    @Transactional
    public Calibration set(String actor, String meterName, Integer verifiedYear, LocalDate validUntil, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new LedgerException(LedgerException.Kind.INVALID, "A reason is required to change a calibration");
        }
        Calibration calibration;
        try {
            calibration = new Calibration(verifiedYear, validUntil);
        } catch (IllegalArgumentException e) {
            throw new LedgerException(LedgerException.Kind.INVALID, "Meter [" + meterName + "]: " + e.getMessage());
        }
        Meter meter = Meter.installed(meterName)
                .orElseThrow(() ->
                        new LedgerException(LedgerException.Kind.NOT_FOUND, "No installed meter [" + meterName + "]"));
        Calibration before = meter.calibration();
        meter.verifiedYear = verifiedYear == null ? null : verifiedYear.shortValue();
        meter.validUntil = validUntil;
        audit.record(actor, "meter.calibration", "meter:" + meterName, view(before), view(calibration), reason);
        return calibration;
    }

    private static Map<String, Object> view(Calibration c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verifiedYear", c.verifiedYear());
        m.put("validUntil", c.validUntil() == null ? null : c.validUntil().toString());
        m.put("lastValidDay", c.lastValidDay().map(LocalDate::toString).orElse(null));
        return m;
    }

    /**
     * The installed meters whose calibration has ended on or before {@code today} or ends within {@code months}
     * months, soonest first.
     */
    public List<Due> due(LocalDate today, int months) {
        List<Due> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT m.name, m.role, coalesce(a.code, m.charger), m.verified_year, m.valid_until
                        FROM meter m LEFT JOIN apartment a ON a.id = m.apartment_id
                        WHERE m.removed_at IS NULL AND (m.verified_year IS NOT NULL OR m.valid_until IS NOT NULL)""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Calibration cal = calibration(rs, 4);
                if (cal.expiredOn(today) || cal.dueWithin(today, months)) {
                    out.add(new Due(
                            rs.getString(1),
                            MeterRole.valueOf(rs.getString(2)),
                            rs.getString(3),
                            cal.lastValidDay().orElseThrow(),
                            cal.expiredOn(today)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the calibration register: " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(Due::lastValidDay).thenComparing(Due::meter));
        return out;
    }

    /** {@link #outOfCalibration(Connection, Long, Instant, Instant, ZoneId)} on a connection of its own. */
    public List<Expired> outOfCalibration(Long apartmentId, Instant from, Instant to, ZoneId zone) {
        try (Connection c = dataSource.getConnection()) {
            return outOfCalibration(c, apartmentId, from, to, zone);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the calibration register: " + e.getMessage(), e);
        }
    }

    /**
     * The meters that were out of calibration on some local day of {@code [from, to)} while installed. With an
     * apartment: that apartment's meters and the house meters whose values its bill uses (PV, grid connection,
     * common area); without (null): every meter. Meters with an unknown calibration are never listed.
     */
    public static List<Expired> outOfCalibration(Connection c, Long apartmentId, Instant from, Instant to, ZoneId zone)
            throws SQLException {
        List<Expired> out = new ArrayList<>();
        String sql = "SELECT id, name, role, apartment_id, verified_year, valid_until, installed_at, removed_at"
                + " FROM meter WHERE installed_at < ? AND (removed_at IS NULL OR removed_at > ?)"
                + " AND (verified_year IS NOT NULL OR valid_until IS NOT NULL)"
                + (apartmentId == null ? "" : " AND (apartment_id = ? OR role IN ('PV', 'GRID', 'COMMON'))")
                + " ORDER BY name, installed_at";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setTimestamp(1, Timestamp.from(to));
            ps.setTimestamp(2, Timestamp.from(from));
            if (apartmentId != null) {
                ps.setLong(3, apartmentId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Calibration cal = calibration(rs, 5);
                    Instant installed = rs.getTimestamp(7).toInstant();
                    Timestamp removed = rs.getTimestamp(8);
                    Instant start = installed.isAfter(from) ? installed : from;
                    Instant end = removed != null && removed.toInstant().isBefore(to) ? removed.toInstant() : to;
                    LocalDate firstDay = LocalDate.ofInstant(start, zone);
                    // The day containing the end instant counts when the end is not its midnight.
                    LocalDate endDay = LocalDate.ofInstant(end, zone);
                    if (Intervals.dayStart(endDay, zone).isBefore(end)) {
                        endDay = endDay.plusDays(1);
                    }
                    Optional<LocalDate> expired = cal.firstExpiredDayIn(firstDay, endDay);
                    if (expired.isPresent()) {
                        long apt = rs.getLong(4);
                        out.add(new Expired(
                                rs.getLong(1),
                                rs.getString(2),
                                MeterRole.valueOf(rs.getString(3)),
                                rs.wasNull() ? null : apt,
                                cal.lastValidDay().orElseThrow(),
                                expired.get(),
                                end));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Raises one {@value #FLAG_KIND} review flag per meter out of calibration in {@code [from, to)} (a bill run calls
     * it for its month, in its own transaction), naming the meter and the first day; running it again finds the same
     * flags (the flag's unique key), not copies.
     *
     * @return the meters out of calibration in the period
     */
    public static List<Expired> flagExpired(Connection c, Instant from, Instant to, ZoneId zone) throws SQLException {
        List<Expired> expired = outOfCalibration(c, null, from, to, zone);
        if (expired.isEmpty()) {
            return expired;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO review_flag (kind, meter_id, period_start,"
                + " period_end, detail) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Expired e : expired) {
                Instant start = Intervals.dayStart(e.firstExpiredDay(), zone);
                if (start.isBefore(from)) {
                    start = from;
                }
                ps.setString(1, FLAG_KIND);
                ps.setLong(2, e.meterId());
                ps.setTimestamp(3, Timestamp.from(start));
                ps.setTimestamp(4, Timestamp.from(e.until()));
                ps.setString(
                        5,
                        "Meter [" + e.meter() + "] is out of calibration from [" + e.firstExpiredDay()
                                + "] (valid until [" + e.lastValidDay() + "]): its values must not be billed until"
                                + " it is re-verified or exchanged");
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return expired;
    }

    private static Calibration calibration(ResultSet rs, int yearColumn) throws SQLException {
        int year = rs.getInt(yearColumn);
        Integer verified = rs.wasNull() ? null : year;
        Date until = rs.getDate(yearColumn + 1);
        return new Calibration(verified, until == null ? null : until.toLocalDate());
    }
}
