package org.hausmeter.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hausmeter.ledger.AnomalyRules.MonthlySpike;
import org.hausmeter.ledger.AnomalyRules.NoConsumption;
import org.hausmeter.ledger.AnomalyRules.Reference;
import org.hausmeter.ledger.AnomalyRules.SilentMeter;
import org.junit.jupiter.api.Test;

class AnomalyRulesTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    final AnomalyRules rules = new AnomalyRules(BERLIN);

    static Instant at(String iso) {
        return Instant.parse(iso);
    }

    static TreeMap<YearMonth, Long> months(Object... monthAndWh) {
        TreeMap<YearMonth, Long> m = new TreeMap<>();
        for (int i = 0; i < monthAndWh.length; i += 2) {
            m.put(YearMonth.parse((String) monthAndWh[i]), ((Number) monthAndWh[i + 1]).longValue());
        }
        return m;
    }

    /** Rows every quarter hour of [from, to) with the given import, except zero rows inside [zeroFrom, zeroTo). */
    static List<IntervalValue> rows(Instant from, Instant to, Instant zeroFrom, Instant zeroTo) {
        List<IntervalValue> rows = new ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(900)) {
            boolean zero = !t.isBefore(zeroFrom) && t.isBefore(zeroTo);
            rows.add(new IntervalValue(t, zero ? 0 : 25, 0, IntervalQuality.MEASURED));
        }
        return rows;
    }

    @Test
    void monthOverThreeTimesThePreviousMonth_isASpike() {
        List<MonthlySpike> spikes =
                rules.monthlySpikes(4, months("2025-01", 100_000, "2025-02", 300_001, "2025-03", 300_000));

        assertThat(spikes)
                .containsExactly(new MonthlySpike(
                        4, YearMonth.of(2025, 2), 300_001, Reference.PREVIOUS_MONTH, YearMonth.of(2025, 1), 100_000));
    }

    @Test
    void monthOverThreeTimesTheSameMonthLastYear_isASpike() {
        List<MonthlySpike> spikes =
                rules.monthlySpikes(4, months("2024-07", 50_000, "2025-06", 200_000, "2025-07", 160_000));

        assertThat(spikes)
                .extracting(MonthlySpike::month, MonthlySpike::reference, MonthlySpike::referenceWh)
                .containsExactly(tuple(YearMonth.of(2025, 7), Reference.SAME_MONTH_LAST_YEAR, 50_000L));
    }

    @Test
    void zeroOrMissingReference_isNotASpike() {
        assertThat(rules.monthlySpikes(4, months("2025-01", 0, "2025-02", 90_000, "2025-04", 90_000)))
                .isEmpty();
    }

    @Test
    void monthlyTotals_useLocalMonths() {
        // 2025-01-31T23:30Z is already February in Berlin
        List<IntervalValue> rows = List.of(
                new IntervalValue(at("2025-01-31T22:45:00Z"), 10, 0, IntervalQuality.MEASURED),
                new IntervalValue(at("2025-01-31T23:30:00Z"), 40, 0, IntervalQuality.ESTIMATED));

        assertThat(rules.monthlyImportWh(rows))
                .containsExactly(Map.entry(YearMonth.of(2025, 1), 10L), Map.entry(YearMonth.of(2025, 2), 40L));
        assertThat(rules.monthlySpikes(4, rows)).extracting(MonthlySpike::month).containsExactly(YearMonth.of(2025, 2));
    }

    @Test
    void fortyEightHoursWithoutConsumptionWhileOccupied_isReported() {
        Instant from = at("2025-05-01T00:00:00Z");
        List<IntervalValue> rows =
                rows(from, at("2025-05-10T00:00:00Z"), at("2025-05-03T06:00:00Z"), at("2025-05-05T06:00:00Z"));

        List<NoConsumption> runs =
                rules.noConsumption(12, rows, List.of(new TimeRange(from, at("2025-06-01T00:00:00Z"))));

        assertThat(runs)
                .containsExactly(
                        new NoConsumption(12, new TimeRange(at("2025-05-03T06:00:00Z"), at("2025-05-05T06:00:00Z"))));
        assertThat(runs.get(0).period().duration()).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void justUnder48Hours_isNotReported() {
        Instant from = at("2025-05-01T00:00:00Z");
        List<IntervalValue> rows =
                rows(from, at("2025-05-10T00:00:00Z"), at("2025-05-03T06:00:00Z"), at("2025-05-05T05:45:00Z"));

        assertThat(rules.noConsumption(12, rows, List.of(new TimeRange(from, at("2025-06-01T00:00:00Z")))))
                .isEmpty();
    }

    @Test
    void vacantTime_andMissingRows_breakTheRun() {
        Instant from = at("2025-05-01T00:00:00Z");
        List<IntervalValue> rows =
                rows(from, at("2025-05-10T00:00:00Z"), at("2025-05-02T00:00:00Z"), at("2025-05-08T00:00:00Z"));
        // vacant from the 3rd to the 6th: 24 h before and 48 h after remain; the latter is reported
        List<TimeRange> occupied = List.of(
                new TimeRange(from, at("2025-05-03T00:00:00Z")),
                new TimeRange(at("2025-05-06T00:00:00Z"), at("2025-06-01T00:00:00Z")));

        assertThat(rules.noConsumption(12, rows, occupied))
                .extracting(NoConsumption::period)
                .containsExactly(new TimeRange(at("2025-05-06T00:00:00Z"), at("2025-05-08T00:00:00Z")));

        List<IntervalValue> holed = new ArrayList<>(rows);
        holed.removeIf(v -> v.intervalStart().equals(at("2025-05-07T00:00:00Z")));
        assertThat(rules.noConsumption(12, holed, occupied)).isEmpty();
    }

    @Test
    void adjacentTenancies_countAsOneOccupiedPeriod() {
        Instant from = at("2025-05-01T00:00:00Z");
        List<IntervalValue> rows =
                rows(from, at("2025-05-10T00:00:00Z"), at("2025-05-02T00:00:00Z"), at("2025-05-05T00:00:00Z"));
        List<TimeRange> occupied = List.of(
                new TimeRange(at("2025-05-03T12:00:00Z"), at("2025-06-01T00:00:00Z")),
                new TimeRange(from, at("2025-05-03T12:00:00Z")));

        assertThat(rules.noConsumption(12, rows, occupied))
                .extracting(NoConsumption::period)
                .containsExactly(new TimeRange(at("2025-05-02T00:00:00Z"), at("2025-05-05T00:00:00Z")));
    }

    @Test
    void meterSilentForMoreThanADay_isReported() {
        Clock clock = Clock.fixed(at("2025-05-10T12:00:00Z"), ZoneOffset.UTC);

        assertThat(rules.silence(3, at("2025-05-09T12:00:00Z"), clock)).isEmpty();
        assertThat(rules.silence(3, at("2025-05-09T11:59:59Z"), clock))
                .contains(new SilentMeter(3, at("2025-05-09T11:59:59Z"), Duration.ofSeconds(86_401)));
        assertThat(rules.silentMeters(
                        Map.of(
                                9L,
                                at("2025-05-01T00:00:00Z"),
                                2L,
                                at("2025-05-10T11:45:00Z"),
                                5L,
                                at("2025-05-08T00:00:00Z")),
                        clock))
                .extracting(SilentMeter::meterId)
                .containsExactly(5L, 9L);
    }

    @Test
    void invalidSettings_areRejected() {
        assertThatThrownBy(() -> new AnomalyRules(BERLIN, 0, Duration.ofHours(48), Duration.ofDays(1)))
                .hasMessageContaining("[0]");
        assertThatThrownBy(() -> new TimeRange(at("2025-05-02T00:00:00Z"), at("2025-05-01T00:00:00Z")))
                .hasMessageContaining("[2025-05-01T00:00:00Z]");
    }
}
