package org.hausmeter.scenario.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hausmeter.audit.AuditLog;
import org.hausmeter.scenario.ScenarioFile;

/**
 * The caretaker's saved scenarios (table {@code saved_scenario}, V80): a name and a scenario file (the JSON that
 * {@code scenario FILE} reads). Saving and deleting are audited ({@code scenario.save}, {@code scenario.delete}).
 */
@ApplicationScoped
public class SavedScenarios {

    /**
     * @param id      the row
     * @param name    the name
     * @param file    the period and the scenarios
     * @param json    the definition as stored
     * @param savedBy the caretaker
     * @param savedAt when
     */
    public record Saved(long id, String name, ScenarioFile file, String json, String savedBy, Instant savedAt) {}

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final AgroalDataSource dataSource;
    private final AuditLog audit;
    private final Clock clock;

    SavedScenarios(AgroalDataSource dataSource, AuditLog audit, Clock clock) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.clock = clock;
    }

    /** @return the scenario file as JSON (read back by {@link ScenarioFile#parse}) */
    public static String toJson(ScenarioFile file) {
        try {
            return JSON.writeValueAsString(file);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A scenario file is not serialisable: " + e.getMessage(), e);
        }
    }

    /** @return every saved scenario, newest first */
    public List<Saved> list() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, name, definition::text, saved_by, saved_at"
                        + " FROM saved_scenario ORDER BY saved_at DESC, id DESC");
                ResultSet rs = ps.executeQuery()) {
            List<Saved> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the saved scenarios: " + e.getMessage(), e);
        }
    }

    /** @return the saved scenario {@code id}, if there is one */
    public Optional<Saved> get(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, name, definition::text, saved_by, saved_at"
                        + " FROM saved_scenario WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read saved scenario " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param actor the caretaker
     * @param name  1 to 120 characters
     * @param file  the period and scenarios
     * @return the new row's id
     */
    @Transactional
    public long save(String actor, String name, ScenarioFile file) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 120) {
            throw new IllegalArgumentException("A saved scenario needs a name of 1 to 120 characters");
        }
        String json = toJson(file);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO saved_scenario (name, definition, saved_by,"
                        + " saved_at) VALUES (?, ?::jsonb, ?, ?) RETURNING id")) {
            ps.setString(1, n);
            ps.setString(2, json);
            ps.setString(3, actor);
            ps.setTimestamp(4, Timestamp.from(clock.instant()));
            long id;
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
            audit.record(actor, "scenario.save", "scenario:" + id, null, describe(n, json), null);
            return id;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot save scenario [" + n + "]: " + e.getMessage(), e);
        }
    }

    /**
     * @return whether there was such a row
     */
    @Transactional
    public boolean delete(String actor, long id) {
        Optional<Saved> before = get(id);
        if (before.isEmpty()) {
            return false;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM saved_scenario WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot delete saved scenario " + id + ": " + e.getMessage(), e);
        }
        audit.record(
                actor,
                "scenario.delete",
                "scenario:" + id,
                describe(before.get().name(), before.get().json()),
                null,
                null);
        return true;
    }

    private static Map<String, Object> describe(String name, String json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("definition", json);
        return m;
    }

    private static Saved row(ResultSet rs) throws SQLException {
        String json = rs.getString(3);
        return new Saved(
                rs.getLong(1),
                rs.getString(2),
                ScenarioFile.parse(json),
                json,
                rs.getString(4),
                rs.getTimestamp(5).toInstant());
    }
}
