package org.hausmeter.accounts;

import io.agroal.api.AgroalDataSource;
import io.quarkus.security.ForbiddenException;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one rule for residents' data: a resident sees an apartment only for the periods of their own
 * tenancies in it. Every resident page and API that takes an apartment (or anything of one) calls
 * {@link #requireOwnApartment} first and clips what it shows to the returned periods, so a new tenant
 * never sees the previous tenant's consumption. Anything else is 403, also for an apartment that does
 * not exist (no probing which codes exist). Caretaker pages use {@code @RolesAllowed("CARETAKER")}
 * and do not go through here.
 */
@ApplicationScoped
public class Access {

    private final AgroalDataSource dataSource;

    Access(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A tenancy period of the resident in the apartment: [moveIn, moveOut), moveOut null while it runs. */
    public record TenancyPeriod(Instant moveIn, Instant moveOut) {
        public boolean contains(Instant t) {
            return !t.isBefore(moveIn) && (moveOut == null || t.isBefore(moveOut));
        }
    }

    /** An apartment of the resident, with their periods in it, oldest first. */
    public record OwnApartment(String code, String name, List<TenancyPeriod> periods) {}

    /**
     * The resident's periods in {@code apartmentCode}, oldest first.
     *
     * @param resident the logged-in resident's user name ({@code CurrentAccount#resident}), empty for anyone else
     * @throws ForbiddenException (403) when there is no resident with a tenancy in that apartment
     */
    public List<TenancyPeriod> requireOwnApartment(Optional<String> resident, String apartmentCode) {
        OwnApartment own = ownApartments(resident).get(apartmentCode);
        if (own == null) {
            throw new ForbiddenException("Apartment [" + apartmentCode + "] is not yours");
        }
        return own.periods();
    }

    /**
     * The resident's apartments by code, in order of their first move-in; empty for anyone but a resident.
     *
     * @param resident the logged-in resident's user name ({@code CurrentAccount#resident}), empty for anyone else
     */
    public Map<String, OwnApartment> ownApartments(Optional<String> resident) {
        if (resident.isEmpty()) {
            return Map.of();
        }
        String username = resident.get();
        // Plain JDBC: every resident page and API asks this first, and it is one indexed join (an ORM query here
        // cost a third of a dashboard).
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, List<TenancyPeriod>> periods = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT a.code, a.name, t.move_in, t.move_out FROM tenancy t JOIN apartment a ON a.id = t.apartment_id"
                                + " JOIN account r ON r.id = t.resident_id WHERE lower(r.username) = lower(?) AND r.active"
                                + " ORDER BY t.move_in, t.id")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String code = rs.getString(1);
                    names.putIfAbsent(code, rs.getString(2));
                    Timestamp out = rs.getTimestamp(4);
                    periods.computeIfAbsent(code, k -> new ArrayList<>())
                            .add(new TenancyPeriod(
                                    rs.getTimestamp(3).toInstant(), out == null ? null : out.toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the apartments of [" + username + "]: " + e.getMessage(), e);
        }
        Map<String, OwnApartment> result = new LinkedHashMap<>();
        names.forEach((code, name) -> result.put(code, new OwnApartment(code, name, List.copyOf(periods.get(code)))));
        return result;
    }
}
