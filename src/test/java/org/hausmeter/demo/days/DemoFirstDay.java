package org.hausmeter.demo.days;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.hausmeter.web.Formats;
import org.hausmeter.web.i18n.Locales;
import org.junit.jupiter.api.Test;

/**
 * The demo started for the very first time on a given day (issue: "the demo must be right on any day it is
 * first started"). Each subclass is one such day: a test profile whose {@code FIRST_DAY} the test resource
 * turns into a fresh database of its own and a server clock that starts at that instant
 * ({@link org.hausmeter.support.EmbeddedServersResource}). The demo then writes its history
 * ({@link Profile#HISTORY_MONTHS} months here, twelve in a real demo run), issues every complete month
 * before last month and leaves last month as drafts, as on a caretaker's first start.
 * <p>
 * Checked: the history covers every quarter hour up to the start (DST days have 92 or 100), the issued and
 * drafted months, gap-free invoice numbers per issue year, the running month on a resident's page and the
 * kiosk's "today".
 */
abstract class DemoFirstDay {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** The shared profile settings of every first day; subclasses add {@code FIRST_DAY}. */
    public abstract static class Profile implements QuarkusTestProfile {

        static final int HISTORY_MONTHS = 3;

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "hausmeter.sim.history-months",
                    Integer.toString(HISTORY_MONTHS),
                    // Its own live values: the simulated meters of this server write under these keys.
                    "hausmeter.demo.enabled",
                    "true");
        }
    }

    @Inject
    Clock clock;

    @Inject
    AgroalDataSource db;

    /** The instant the demo was first started: the FIRST_DAY of the class's test profile. */
    Instant firstStart() throws ReflectiveOperationException {
        Class<?> profile = getClass()
                .getAnnotation(io.quarkus.test.junit.TestProfile.class)
                .value();
        return Instant.parse((String) profile.getField("FIRST_DAY").get(null));
    }

    @Test
    void demo_isRightOnItsFirstDay() throws Exception {
        Instant start = firstStart();
        LocalDate firstDay = LocalDate.ofInstant(start, BERLIN);
        YearMonth running = YearMonth.from(firstDay);
        YearMonth drafts = running.minusMonths(1);
        awaitDrafts(drafts);

        // The history: every quarter hour of an apartment's meter from its first whole month to the start.
        Instant historyTo = Instant.ofEpochSecond(start.getEpochSecond() / 900 * 900 - 900);
        YearMonth firstMonth = YearMonth.from(historyTo.atZone(BERLIN).minusMonths(Profile.HISTORY_MONTHS))
                .plusMonths(1);
        Instant from = firstMonth.atDay(1).atStartOfDay(BERLIN).toInstant();
        long quarterHours = Duration.between(from, historyTo).toMinutes() / 15;
        assertThat(count(
                        "SELECT count(*) FROM interval_energy e JOIN meter m ON m.id = e.meter_id"
                                + " WHERE m.name = 'apt-0.1' AND e.interval_start >= ? AND e.interval_start < ?",
                        from,
                        historyTo))
                .as("quarter hours of apt-0.1 from %s to %s", from, historyTo)
                .isEqualTo(quarterHours);
        assertThat(count(
                        "SELECT count(*) FROM interval_energy WHERE quality <> 'MEASURED' AND interval_start >= ?"
                                + " AND interval_start < ?",
                        from,
                        historyTo))
                .as("estimated quarter hours in the history")
                .isZero();

        // Issued: every whole month before last month; last month drafts only (A-2.1 in two parts); nothing after.
        Map<YearMonth, Map<String, Long>> byMonth = billsByMonthAndStatus();
        List<YearMonth> expectedIssued = new ArrayList<>();
        for (YearMonth m = firstMonth; m.isBefore(drafts); m = m.plusMonths(1)) {
            expectedIssued.add(m);
        }
        assertThat(expectedIssued).as("months to issue").isNotEmpty();
        for (YearMonth m : expectedIssued) {
            assertThat(byMonth.get(m)).as("bills of %s", m).containsOnlyKeys("ISSUED");
            assertThat(byMonth.get(m).get("ISSUED")).as("issued bills of %s", m).isEqualTo(12);
        }
        assertThat(byMonth.get(drafts)).as("bills of last month %s", drafts).isEqualTo(Map.of("DRAFT", 13L));
        assertThat(byMonth.keySet())
                .as("months with bills")
                .containsExactlyInAnyOrderElementsOf(concat(expectedIssued, drafts));

        // Numbers: YYYY-NNNN of the issue year (the first day's), gap-free from 0001, none issued twice.
        List<String> numbers = strings("SELECT number FROM bill WHERE number IS NOT NULL ORDER BY number");
        assertThat(numbers).isNotEmpty().doesNotHaveDuplicates();
        for (int i = 0; i < numbers.size(); i++) {
            assertThat(numbers.get(i)).isEqualTo(String.format("%04d-%04d", firstDay.getYear(), i + 1));
        }
        assertThat(strings("SELECT DISTINCT issue_date::text FROM bill WHERE number IS NOT NULL"))
                .containsExactly(firstDay.toString());

        // The running month on a resident's page and the kiosk's today (read around the request: the
        // clock runs on, and a first day just before midnight may have turned into the next one).
        LocalDate before = LocalDate.now(clock.withZone(BERLIN));
        String me = given().auth()
                .preemptive()
                .basic("anna", "anna-demo")
                .header("Accept-Language", "de")
                .get("/me")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String kiosk = given().header("Accept-Language", "de")
                .get("/kiosk")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        LocalDate after = LocalDate.now(clock.withZone(BERLIN));
        DateTimeFormatter month = DateTimeFormatter.ofPattern("LLLL uuuu", Locales.formatting(Locale.GERMAN));
        assertThat(List.of(month.format(before) + ", brutto", month.format(after) + ", brutto"))
                .as("running month on /me")
                .anyMatch(me::contains);
        assertThat(List.of(
                        "Heute (" + Formats.date(before, Locale.GERMAN) + ")",
                        "Heute (" + Formats.date(after, Locale.GERMAN) + ")"))
                .as("kiosk's today")
                .anyMatch(kiosk::contains);
        assertThat(before).isIn(firstDay, firstDay.plusDays(1));
    }

    private static List<YearMonth> concat(List<YearMonth> months, YearMonth last) {
        List<YearMonth> all = new ArrayList<>(months);
        all.add(last);
        return all;
    }

    /** Waits until the demo's first start has written its history and bills (a background thread does). */
    private void awaitDrafts(YearMonth month) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (count("SELECT count(*) FROM bill WHERE month = ? AND status = 'DRAFT'", month) < 13) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "The demo wrote no drafts for " + month + " within 10 minutes: " + billsByMonthAndStatus());
            }
            Thread.sleep(500);
        }
    }

    private Map<YearMonth, Map<String, Long>> billsByMonthAndStatus() throws SQLException {
        Map<YearMonth, Map<String, Long>> result = new TreeMap<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT month, status, count(*) FROM bill WHERE kind = 'INVOICE'" + " GROUP BY month, status");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.computeIfAbsent(YearMonth.from(rs.getDate(1).toLocalDate()), m -> new TreeMap<>())
                        .put(rs.getString(2), rs.getLong(3));
            }
        }
        return result;
    }

    private long count(String sql, Object... params) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof Instant t) {
                    ps.setTimestamp(i + 1, java.sql.Timestamp.from(t));
                } else if (p instanceof YearMonth m) {
                    ps.setDate(i + 1, Date.valueOf(m.atDay(1)));
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
