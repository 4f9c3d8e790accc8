package org.hausmeter.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntervalDeriverTest {

    static final long METER = 7;
    static final long MAX_W = 20_000;
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final IntervalQuality M = IntervalQuality.MEASURED;
    static final IntervalQuality E = IntervalQuality.ESTIMATED;

    final IntervalDeriver deriver = new IntervalDeriver();

    static Instant at(String iso) {
        return Instant.parse(iso);
    }

    static CounterReading r(String iso, long importWh) {
        return new CounterReading(METER, at(iso), importWh, null, ReadingSource.POLL);
    }

    static CounterReading r(String iso, long importWh, Long exportWh) {
        return new CounterReading(METER, at(iso), importWh, exportWh, ReadingSource.POLL);
    }

    @Test
    void readsOnBoundaries_giveCounterDifferences_measured() {
        Derivation d = deriver.derive(
                List.of(
                        r("2025-05-05T10:00:00Z", 1000),
                        r("2025-05-05T10:15:00Z", 1250),
                        r("2025-05-05T10:30:00Z", 1250),
                        r("2025-05-05T10:45:00Z", 1400)),
                at("2025-05-05T10:00:00Z"),
                at("2025-05-05T10:45:00Z"),
                MAX_W);

        assertThat(d.intervals())
                .extracting(
                        IntervalValue::intervalStart,
                        IntervalValue::importWh,
                        IntervalValue::exportWh,
                        IntervalValue::quality)
                .containsExactly(
                        tuple(at("2025-05-05T10:00:00Z"), 250L, 0L, M),
                        tuple(at("2025-05-05T10:15:00Z"), 0L, 0L, M),
                        tuple(at("2025-05-05T10:30:00Z"), 150L, 0L, M));
        assertThat(d.anomalies()).isEmpty();
    }

    @Test
    void lateRead_101507_isInterpolatedToTheBoundary_measured() {
        // 1 Wh per second throughout: 907 Wh from 10:00:00 to 10:15:07, 893 Wh from 10:15:07 to 10:30:00
        Derivation d = deriver.derive(
                List.of(
                        r("2025-05-05T10:00:00Z", 1000),
                        r("2025-05-05T10:15:07Z", 1907),
                        r("2025-05-05T10:30:00Z", 2800)),
                at("2025-05-05T10:00:00Z"),
                at("2025-05-05T10:30:00Z"),
                MAX_W);

        assertThat(d.intervals())
                .extracting(IntervalValue::importWh, IntervalValue::quality)
                .containsExactly(tuple(900L, M), tuple(900L, M));
    }

    @Test
    void earlyRead_101453_isInterpolatedToTheBoundary_measured() {
        Derivation d = deriver.derive(
                List.of(r("2025-05-05T10:00:00Z", 0), r("2025-05-05T10:14:53Z", 893), r("2025-05-05T10:30:00Z", 1800)),
                at("2025-05-05T10:00:00Z"),
                at("2025-05-05T10:30:00Z"),
                MAX_W);

        assertThat(d.intervals())
                .extracting(IntervalValue::importWh, IntervalValue::quality)
                .containsExactly(tuple(900L, M), tuple(900L, M));
    }

    @Test
    void interpolation_roundsByLargestRemainder_exactTotal() {
        // 10 Wh over 907 s: 9.92 Wh before the boundary, 0.077 after -> 10 and 0; next segment 5 Wh whole
        Derivation d = deriver.derive(
                List.of(r("2025-05-05T10:00:00Z", 0), r("2025-05-05T10:15:07Z", 10), r("2025-05-05T10:30:00Z", 15)),
                at("2025-05-05T10:00:00Z"),
                at("2025-05-05T10:30:00Z"),
                MAX_W);

        assertThat(d.intervals()).extracting(IntervalValue::importWh).containsExactly(10L, 5L);
    }

    @Test
    void readOutsideTolerance_makesBothNeighboursEstimated() {
        Derivation d = deriver.derive(
                List.of(r("2025-05-05T10:00:00Z", 0), r("2025-05-05T10:17:00Z", 1020), r("2025-05-05T10:30:00Z", 1800)),
                at("2025-05-05T10:00:00Z"),
                at("2025-05-05T10:30:00Z"),
                MAX_W);

        assertThat(d.intervals())
                .extracting(IntervalValue::importWh, IntervalValue::quality)
                .containsExactly(tuple(900L, E), tuple(900L, E));
    }

    @Test
    void toleranceIsConfigurable() {
        IntervalDeriver strict = new IntervalDeriver(Duration.ofSeconds(5), 0);
        List<CounterReading> readings =
                List.of(r("2025-05-05T10:00:00Z", 0), r("2025-05-05T10:15:07Z", 907), r("2025-05-05T10:30:00Z", 1800));

        assertThat(strict.derive(readings, at("2025-05-05T10:00:00Z"), at("2025-05-05T10:30:00Z"), MAX_W)
                        .intervals())
                .extracting(IntervalValue::quality)
                .containsExactly(E, E);
        assertThatThrownBy(() -> new IntervalDeriver(Duration.ofMinutes(8), 0)).hasMessageContaining("[PT8M]");
    }

    @Test
    void firstReadSecondsAfterPeriodStart_coversTheFirstInterval() {
        Derivation d = deriver.derive(
                List.of(r("2025-05-05T10:00:40Z", 0), r("2025-05-05T10:15:00Z", 500)),
                at("2025-05-05T10:00:00Z"),
                at("2025-05-05T10:15:00Z"),
                MAX_W);
        assertThat(d.intervals())
                .extracting(IntervalValue::importWh, IntervalValue::quality)
                .containsExactly(tuple(500L, M));

        Derivation late = deriver.derive(
                List.of(r("2025-05-05T10:03:00Z", 0), r("2025-05-05T10:15:00Z", 500), r("2025-05-05T10:30:00Z", 800)),
                at("2025-05-05T10:00:00Z"),
                at("2025-05-05T10:30:00Z"),
                MAX_W);
        assertThat(late.intervals())
                .extracting(IntervalValue::intervalStart)
                .containsExactly(at("2025-05-05T10:15:00Z"));
    }

    @Test
    void intervalsOutsideTheReadings_haveNoRow() {
        Derivation d = deriver.derive(
                List.of(r("2025-05-05T10:00:00Z", 0), r("2025-05-05T10:30:00Z", 100)),
                at("2025-05-05T09:00:00Z"),
                at("2025-05-05T12:00:00Z"),
                MAX_W);

        assertThat(d.intervals())
                .extracting(IntervalValue::intervalStart)
                .containsExactly(at("2025-05-05T10:00:00Z"), at("2025-05-05T10:15:00Z"));
        assertThat(deriver.derive(List.of(), at("2025-05-05T09:00:00Z"), at("2025-05-05T12:00:00Z"), MAX_W)
                        .intervals())
                .isEmpty();
    }

    @Test
    void gapOfSixHours_spreadLinearly_exactAndEstimated() {
        List<CounterReading> readings = new ArrayList<>();
        readings.add(r("2025-05-05T04:00:00Z", 10_000));
        readings.add(r("2025-05-05T04:15:00Z", 10_100));
        readings.add(r("2025-05-05T10:15:00Z", 12_507)); // 24 missing quarter hours, 2407 Wh
        readings.add(r("2025-05-05T10:30:00Z", 12_600));

        Derivation d = deriver.derive(readings, at("2025-05-05T04:00:00Z"), at("2025-05-05T10:30:00Z"), MAX_W);

        assertThat(d.intervals()).hasSize(26);
        assertThat(d.intervals().get(0))
                .extracting(IntervalValue::importWh, IntervalValue::quality)
                .containsExactly(100L, M);
        assertThat(d.intervals().get(25))
                .extracting(IntervalValue::importWh, IntervalValue::quality)
                .containsExactly(93L, M);
        List<IntervalValue> gap = d.intervals().subList(1, 25);
        assertThat(gap).extracting(IntervalValue::quality).containsOnly(E);
        assertThat(gap.stream().mapToLong(IntervalValue::importWh).sum()).isEqualTo(2407);
        // 2407 / 24 = 100 rest 7: equal remainders, the 7 earliest get one more
        assertThat(gap)
                .extracting(IntervalValue::importWh)
                .containsExactly(
                        101L, 101L, 101L, 101L, 101L, 101L, 101L, 100L, 100L, 100L, 100L, 100L, 100L, 100L, 100L, 100L,
                        100L, 100L, 100L, 100L, 100L, 100L, 100L, 100L);
        assertThat(d.totalImportWh()).isEqualTo(12_600 - 10_000);
    }

    @Test
    void gapOfSixHours_spreadByProfile_proportionalAndExact() {
        // profile: 3 × the weight from 08:00 to 09:00 local (06:00-07:00 UTC in May), 1 elsewhere
        long[] w = new long[TypicalProfile.SLOTS];
        Arrays.fill(w, 1000);
        int monday = 0;
        for (int q = 32; q < 36; q++) {
            w[monday * 96 + q] = 3000;
        }
        TypicalProfile profile = TypicalProfile.of(BERLIN, w, w);
        List<CounterReading> readings = List.of(r("2025-05-05T04:00:00Z", 0), r("2025-05-05T10:00:00Z", 3200));

        Derivation d = deriver.derive(readings, at("2025-05-05T04:00:00Z"), at("2025-05-05T10:00:00Z"), MAX_W, profile);

        // 24 quarter hours, 20 at weight 1 and 4 at weight 3: 32 shares of 100 Wh
        assertThat(d.intervals()).hasSize(24).extracting(IntervalValue::quality).containsOnly(E);
        assertThat(d.intervals())
                .filteredOn(v -> !v.intervalStart().isBefore(at("2025-05-05T06:00:00Z"))
                        && v.intervalStart().isBefore(at("2025-05-05T07:00:00Z")))
                .extracting(IntervalValue::importWh)
                .containsOnly(300L)
                .hasSize(4);
        assertThat(d.intervals()).extracting(IntervalValue::importWh).containsOnly(100L, 300L);
        assertThat(d.totalImportWh()).isEqualTo(3200);
    }

    @Test
    void profileIsNotUsedWhereThereIsNoGap() {
        long[] w = new long[TypicalProfile.SLOTS];
        for (int i = 0; i < w.length; i++) {
            w[i] = i % 7 * 1000;
        }
        TypicalProfile profile = TypicalProfile.of(BERLIN, w, w);
        List<CounterReading> readings = List.of(
                r("2025-05-05T10:00:30Z", 0),
                r("2025-05-05T10:15:07Z", 907),
                r("2025-05-05T10:29:10Z", 1800),
                r("2025-05-05T10:45:00Z", 2300));
        Instant from = at("2025-05-05T10:00:00Z");
        Instant to = at("2025-05-05T10:45:00Z");

        assertThat(deriver.derive(readings, from, to, MAX_W, profile))
                .isEqualTo(deriver.derive(readings, from, to, MAX_W));
    }

    @Test
    void profileOfZerosOverAGap_fallsBackToLinear() {
        TypicalProfile zeros =
                TypicalProfile.of(BERLIN, new long[TypicalProfile.SLOTS], new long[TypicalProfile.SLOTS]);
        List<CounterReading> readings = List.of(r("2025-05-05T04:00:00Z", 0), r("2025-05-05T05:00:00Z", 400));

        assertThat(deriver.derive(readings, at("2025-05-05T04:00:00Z"), at("2025-05-05T05:00:00Z"), MAX_W, zeros)
                        .intervals())
                .extracting(IntervalValue::importWh)
                .containsExactly(100L, 100L, 100L, 100L);
    }

    @Test
    void dstSpringDay_has92Intervals_gapAcrossTheChange_exactTotal() {
        LocalDate day = LocalDate.of(2025, 3, 30);
        Instant from = Intervals.dayStart(day, BERLIN);
        Instant to = Intervals.dayStart(day.plusDays(1), BERLIN);
        assertThat(from).isEqualTo(at("2025-03-29T23:00:00Z"));
        TypicalProfile profile =
                TypicalProfile.from(history(day.minusDays(28), day, 11), BERLIN).orElseThrow();

        List<CounterReading> readings = dayOfReadings(from, to, at("2025-03-30T00:15:00Z"), at("2025-03-30T03:30:00Z"));
        for (TypicalProfile p : Arrays.asList(profile, null)) {
            Derivation d = deriver.derive(readings, from, to, MAX_W, p);

            assertThat(d.intervals()).hasSize(92);
            assertThat(d.totalImportWh())
                    .isEqualTo(last(readings) - readings.get(0).importWh());
            assertThat(d.intervals()).filteredOn(v -> v.quality() == E).hasSize(13);
        }
    }

    @Test
    void dstAutumnDay_has100Intervals_gapAcrossTheChange_exactTotal() {
        LocalDate day = LocalDate.of(2025, 10, 26);
        Instant from = Intervals.dayStart(day, BERLIN);
        Instant to = Intervals.dayStart(day.plusDays(1), BERLIN);
        assertThat(to).isEqualTo(at("2025-10-26T23:00:00Z"));
        TypicalProfile profile =
                TypicalProfile.from(history(day.minusDays(28), day, 5), BERLIN).orElseThrow();

        List<CounterReading> readings = dayOfReadings(from, to, at("2025-10-26T00:00:00Z"), at("2025-10-26T02:00:00Z"));
        for (TypicalProfile p : Arrays.asList(profile, null)) {
            Derivation d = deriver.derive(readings, from, to, MAX_W, p);

            assertThat(d.intervals()).hasSize(100);
            assertThat(d.totalImportWh())
                    .isEqualTo(last(readings) - readings.get(0).importWh());
            assertThat(d.intervals()).filteredOn(v -> v.quality() == E).hasSize(8);
        }
    }

    @Test
    void backwardStep_isFlagged_estimatedZero_thenNewBaseline() {
        Derivation d = deriver.derive(
                List.of(
                        r("2025-05-05T10:00:00Z", 5000),
                        r("2025-05-05T10:15:00Z", 5100),
                        r("2025-05-05T10:30:00Z", 40),
                        r("2025-05-05T10:45:00Z", 140),
                        r("2025-05-05T11:00:00Z", 200)),
                at("2025-05-05T10:00:00Z"),
                at("2025-05-05T11:00:00Z"),
                MAX_W);

        assertThat(d.intervals())
                .extracting(IntervalValue::importWh, IntervalValue::quality)
                .containsExactly(tuple(100L, M), tuple(0L, E), tuple(100L, M), tuple(60L, M));
        assertThat(d.anomalies())
                .containsExactly(new Anomaly(
                        METER,
                        Anomaly.Kind.BACKWARD_STEP,
                        Anomaly.Register.IMPORT,
                        at("2025-05-05T10:15:00Z"),
                        at("2025-05-05T10:30:00Z"),
                        5100,
                        40,
                        0));
        assertThat(d.anomalies().get(0).describe()).contains("[5100]", "[40]", "[7]");
    }

    @Test
    void backwardStepMidInterval_marksEveryOverlappedIntervalEstimated() {
        Derivation d = deriver.derive(
                List.of(
                        r("2025-05-05T10:00:00Z", 5000),
                        r("2025-05-05T10:10:00Z", 5100),
                        r("2025-05-05T10:20:00Z", 40),
                        r("2025-05-05T10:30:00Z", 90),
                        r("2025-05-05T10:45:00Z", 190)),
                at("2025-05-05T10:00:00Z"),
                at("2025-05-05T10:45:00Z"),
                MAX_W);

        assertThat(d.intervals())
                .extracting(IntervalValue::importWh, IntervalValue::quality)
                .containsExactly(tuple(100L, E), tuple(50L, E), tuple(100L, M));
    }

    @Test
    void impossibleJump_isFlagged_andItsIntervalsAreNotEmitted() {
        long maxW = 10_000; // 2500 Wh per quarter hour at most
        Derivation d = deriver.derive(
                List.of(
                        r("2025-05-05T10:00:00Z", 0, 0L),
                        r("2025-05-05T10:15:00Z", 100, 5L),
                        r("2025-05-05T10:30:00Z", 100_100, 9L),
                        r("2025-05-05T10:45:00Z", 100_200, 9L)),
                at("2025-05-05T10:00:00Z"),
                at("2025-05-05T10:45:00Z"),
                maxW);

        assertThat(d.intervals())
                .extracting(
                        IntervalValue::intervalStart,
                        IntervalValue::importWh,
                        IntervalValue::exportWh,
                        IntervalValue::quality)
                .containsExactly(
                        tuple(at("2025-05-05T10:00:00Z"), 100L, 5L, M), tuple(at("2025-05-05T10:30:00Z"), 100L, 0L, M));
        assertThat(d.anomalies())
                .containsExactly(new Anomaly(
                        METER,
                        Anomaly.Kind.IMPOSSIBLE_JUMP,
                        Anomaly.Register.IMPORT,
                        at("2025-05-05T10:15:00Z"),
                        at("2025-05-05T10:30:00Z"),
                        100,
                        100_100,
                        2500));
        assertThat(d.anomalies().get(0).describe()).contains("[100000]", "[2500]");
    }

    @Test
    void jumpAtExactlyMaxPower_isAllowed_andAllowanceWidensTheLimit() {
        List<CounterReading> atLimit = List.of(r("2025-05-05T10:00:00Z", 0), r("2025-05-05T10:15:00Z", 2500));
        List<CounterReading> above = List.of(r("2025-05-05T10:00:00Z", 0), r("2025-05-05T10:15:00Z", 2600));
        Instant from = at("2025-05-05T10:00:00Z");
        Instant to = at("2025-05-05T10:15:00Z");

        assertThat(deriver.derive(atLimit, from, to, 10_000).anomalies()).isEmpty();
        assertThat(deriver.derive(above, from, to, 10_000).anomalies()).hasSize(1);
        assertThat(new IntervalDeriver(IntervalDeriver.DEFAULT_TOLERANCE, 100)
                        .derive(above, from, to, 10_000)
                        .anomalies())
                .isEmpty();
    }

    @Test
    void exportRegister_derivedLikeImport_missingOnOneEndIsEstimated() {
        Derivation d = deriver.derive(
                List.of(
                        r("2025-05-05T10:00:00Z", 0, 1000L),
                        r("2025-05-05T10:15:00Z", 10, 1300L),
                        r("2025-05-05T10:30:00Z", 20, null),
                        r("2025-05-05T10:45:00Z", 30, null)),
                at("2025-05-05T10:00:00Z"),
                at("2025-05-05T10:45:00Z"),
                MAX_W);

        assertThat(d.intervals())
                .extracting(IntervalValue::importWh, IntervalValue::exportWh, IntervalValue::quality)
                .containsExactly(tuple(10L, 300L, M), tuple(10L, 0L, E), tuple(10L, 0L, M));
    }

    @Test
    void exportBackwardStep_flaggedOnTheExportRegister() {
        Derivation d = deriver.derive(
                List.of(r("2025-05-05T10:00:00Z", 0, 1000L), r("2025-05-05T10:15:00Z", 10, 900L)),
                at("2025-05-05T10:00:00Z"),
                at("2025-05-05T10:15:00Z"),
                MAX_W);

        assertThat(d.intervals())
                .extracting(IntervalValue::importWh, IntervalValue::exportWh, IntervalValue::quality)
                .containsExactly(tuple(10L, 0L, E));
        assertThat(d.anomalies())
                .extracting(Anomaly::kind, Anomaly::register, Anomaly::deltaWh)
                .containsExactly(tuple(Anomaly.Kind.BACKWARD_STEP, Anomaly.Register.EXPORT, -100L));
    }

    @Test
    void exchange_continuesTheSeries_newCounterStartIsNoStep() {
        CounterReading oldFinal =
                new CounterReading(7, at("2025-05-05T10:20:00Z"), 50_130, null, ReadingSource.EXCHANGE);
        CounterReading newFirst = new CounterReading(8, at("2025-05-05T10:25:00Z"), 3, null, ReadingSource.EXCHANGE);
        List<CounterReading> old = List.of(r("2025-05-05T10:00:00Z", 50_000), r("2025-05-05T10:15:00Z", 50_100));
        List<CounterReading> fresh = List.of(
                new CounterReading(8, at("2025-05-05T10:30:00Z"), 40, null, ReadingSource.POLL),
                new CounterReading(8, at("2025-05-05T10:45:00Z"), 140, null, ReadingSource.POLL));
        MeterExchange exchange = new MeterExchange(oldFinal, newFirst);

        Derivation d = deriver.deriveAcrossExchange(
                old, exchange, fresh, at("2025-05-05T10:00:00Z"), at("2025-05-05T10:45:00Z"), MAX_W, null);

        // 10:15: 30 Wh on the old meter until 10:20, nothing metered 10:20-10:25, 37 Wh on the new one
        assertThat(d.intervals())
                .extracting(IntervalValue::importWh, IntervalValue::quality)
                .containsExactly(tuple(100L, M), tuple(67L, E), tuple(100L, M));
        assertThat(d.anomalies()).isEmpty();
        assertThat(exchange.meterFor(at("2025-05-05T10:15:00Z"))).isEqualTo(7);
        assertThat(exchange.meterFor(at("2025-05-05T10:30:00Z"))).isEqualTo(8);
    }

    @Test
    void exchangeOnABoundary_atOneInstant_staysMeasured() {
        CounterReading oldFinal =
                new CounterReading(7, at("2025-05-05T10:30:00Z"), 50_200, 700L, ReadingSource.EXCHANGE);
        CounterReading newFirst = new CounterReading(8, at("2025-05-05T10:30:00Z"), 0, 0L, ReadingSource.EXCHANGE);
        List<CounterReading> old =
                List.of(r("2025-05-05T10:00:00Z", 50_000, 600L), r("2025-05-05T10:15:00Z", 50_100, 650L), oldFinal);
        List<CounterReading> fresh =
                List.of(newFirst, new CounterReading(8, at("2025-05-05T10:45:00Z"), 100, 20L, ReadingSource.POLL));

        Derivation d = deriver.deriveAcrossExchange(
                old,
                new MeterExchange(oldFinal, newFirst),
                fresh,
                at("2025-05-05T10:00:00Z"),
                at("2025-05-05T10:45:00Z"),
                MAX_W,
                null);

        assertThat(d.intervals())
                .extracting(IntervalValue::importWh, IntervalValue::exportWh, IntervalValue::quality)
                .containsExactly(tuple(100L, 50L, M), tuple(100L, 50L, M), tuple(100L, 20L, M));
        assertThat(d.anomalies()).isEmpty();
    }

    @Test
    void exchange_laterStepOnTheNewMeter_namesTheNewMeterWithItsOwnCounter() {
        CounterReading oldFinal =
                new CounterReading(7, at("2025-05-05T10:15:00Z"), 50_100, null, ReadingSource.EXCHANGE);
        CounterReading newFirst = new CounterReading(8, at("2025-05-05T10:15:00Z"), 500, null, ReadingSource.EXCHANGE);
        List<CounterReading> fresh =
                List.of(new CounterReading(8, at("2025-05-05T10:30:00Z"), 400, null, ReadingSource.POLL));

        Derivation d = deriver.deriveAcrossExchange(
                List.of(r("2025-05-05T10:00:00Z", 50_000)),
                new MeterExchange(oldFinal, newFirst),
                fresh,
                at("2025-05-05T10:00:00Z"),
                at("2025-05-05T10:30:00Z"),
                MAX_W,
                null);

        assertThat(d.anomalies())
                .containsExactly(new Anomaly(
                        8,
                        Anomaly.Kind.BACKWARD_STEP,
                        Anomaly.Register.IMPORT,
                        at("2025-05-05T10:15:00Z"),
                        at("2025-05-05T10:30:00Z"),
                        500,
                        400,
                        0));
    }

    @Test
    void exchange_rejectsReadingsOnTheWrongSide() {
        CounterReading oldFinal =
                new CounterReading(7, at("2025-05-05T10:15:00Z"), 50_100, null, ReadingSource.EXCHANGE);
        CounterReading newFirst = new CounterReading(8, at("2025-05-05T10:20:00Z"), 0, null, ReadingSource.EXCHANGE);
        MeterExchange exchange = new MeterExchange(oldFinal, newFirst);

        assertThatThrownBy(() -> deriver.deriveAcrossExchange(
                        List.of(r("2025-05-05T10:30:00Z", 50_200)),
                        exchange,
                        List.of(),
                        at("2025-05-05T10:00:00Z"),
                        at("2025-05-05T10:30:00Z"),
                        MAX_W,
                        null))
                .hasMessageContaining("after its final reading");
        assertThatThrownBy(() -> new MeterExchange(newFirst, oldFinal)).hasMessageContaining("before old meter");
    }

    @Test
    void invalidInput_isRejectedWithTheValue() {
        Instant from = at("2025-05-05T10:00:00Z");
        assertThatThrownBy(() -> deriver.derive(
                        List.of(r("2025-05-05T10:15:00Z", 0), r("2025-05-05T10:00:00Z", 5)),
                        from,
                        at("2025-05-05T10:30:00Z"),
                        MAX_W))
                .hasMessageContaining("[2025-05-05T10:00:00Z]");
        assertThatThrownBy(
                        () -> deriver.derive(List.of(), at("2025-05-05T10:07:00Z"), at("2025-05-05T10:30:00Z"), MAX_W))
                .hasMessageContaining("[2025-05-05T10:07:00Z]");
        assertThatThrownBy(() -> deriver.derive(List.of(), from, at("2025-05-05T10:30:00Z"), 0))
                .hasMessageContaining("[0]");
        assertThatThrownBy(() -> deriver.derive(
                        List.of(
                                r("2025-05-05T10:00:00Z", 0),
                                new CounterReading(9, at("2025-05-05T10:15:00Z"), 5, null, ReadingSource.POLL)),
                        from,
                        at("2025-05-05T10:30:00Z"),
                        MAX_W))
                .hasMessageContaining("[9]");
    }

    @Test
    void sameReadings_giveEqualResults() {
        List<CounterReading> readings = Synthetic.readings(new Random(3), at("2025-05-01T00:00:00Z"), 3 * 96, true);
        Instant from = at("2025-05-01T00:00:00Z");
        Instant to = at("2025-05-04T00:00:00Z");

        assertThat(deriver.derive(readings, from, to, MAX_W))
                .isEqualTo(deriver.derive(List.copyOf(readings), from, to, MAX_W));
    }

    @Test
    void subPeriod_withTheDocumentedMargin_equalsTheSameRowsOfALongerDerivation() {
        Instant start = at("2025-05-01T00:00:00Z");
        Instant end = start.plus(Duration.ofDays(4));
        for (int seed = 0; seed < 40; seed++) {
            Random rnd = new Random(seed);
            List<CounterReading> readings = Synthetic.readings(rnd, start, 4 * 96, true);
            TypicalProfile profile = rnd.nextBoolean() ? Synthetic.profile(rnd) : null;
            Derivation whole = deriver.derive(readings, start, end, MAX_W, profile);
            for (int k = 0; k < 10; k++) {
                int a = rnd.nextInt(4 * 96);
                int b = a + rnd.nextInt(4 * 96 - a + 1);
                Instant from = start.plus(Duration.ofMinutes(15L * a));
                Instant to = start.plus(Duration.ofMinutes(15L * b));

                Derivation part = deriver.derive(Synthetic.margin(readings, from, to), from, to, MAX_W, profile);

                assertThat(part.intervals())
                        .as("seed [%s] [%s, %s)", seed, from, to)
                        .isEqualTo(whole.intervals().stream()
                                .filter(v -> !v.intervalStart().isBefore(from)
                                        && v.intervalStart().isBefore(to))
                                .toList());
                assertThat(part.anomalies())
                        .isEqualTo(whole.anomalies().stream()
                                .filter(x -> from.isBefore(to)
                                        && x.before().isBefore(to)
                                        && x.after().isAfter(from))
                                .toList());
            }
        }
    }

    @Test
    void exactness_sumOfIntervalsEqualsCounterDifference_forRandomReadings() {
        Instant from = at("2025-03-25T00:00:00Z");
        int n = 10 * 96;
        Instant to = from.plus(Duration.ofMinutes(15L * n));
        for (int seed = 0; seed < 300; seed++) {
            Random rnd = new Random(seed);
            List<CounterReading> readings = Synthetic.readings(rnd, from, n, false);
            TypicalProfile profile = rnd.nextBoolean() ? Synthetic.profile(rnd) : null;

            Derivation d = deriver.derive(readings, from, to, MAX_W, profile);

            CounterReading first = readings.get(0);
            CounterReading lastReading = readings.get(readings.size() - 1);
            assertThat(d.intervals()).as("seed [%s]", seed).hasSize(n);
            assertThat(d.totalImportWh()).as("seed [%s]", seed).isEqualTo(lastReading.importWh() - first.importWh());
            assertThat(d.totalExportWh()).as("seed [%s]", seed).isEqualTo(lastReading.exportWh() - first.exportWh());
            assertThat(d.anomalies()).isEmpty();
        }
    }

    /** How fast is the ledger benchmark's {@code derive_year_200_meters_s}, not a test. */
    @Test
    void yearOfQuarterHours_derivesEveryIntervalExactly() {
        Instant from = at("2025-01-01T00:00:00Z");
        int n = 365 * 96;
        Instant to = from.plus(Duration.ofMinutes(15L * n));
        List<CounterReading> readings = Synthetic.readings(new Random(1), from, n, false);
        TypicalProfile profile = Synthetic.profile(new Random(2));

        Derivation d = deriver.derive(readings, from, to, MAX_W, profile);

        assertThat(d.intervals()).hasSize(35_040);
        assertThat(d.totalImportWh()).isEqualTo(last(readings) - readings.get(0).importWh());
        assertThat(d.anomalies()).isEmpty();
    }

    private static long last(List<CounterReading> readings) {
        return readings.get(readings.size() - 1).importWh();
    }

    /** Readings on every boundary of [from, to] except those strictly inside (gapFrom, gapTo). */
    private static List<CounterReading> dayOfReadings(Instant from, Instant to, Instant gapFrom, Instant gapTo) {
        List<CounterReading> readings = new ArrayList<>();
        long counter = 1_000_000;
        int k = 0;
        for (Instant t = from; !t.isAfter(to); t = t.plus(Duration.ofMinutes(15)), k++) {
            if (!(t.isAfter(gapFrom) && t.isBefore(gapTo))) {
                readings.add(new CounterReading(METER, t, counter, null, ReadingSource.POLL));
            }
            counter += 37 + k % 13 * 11;
        }
        return readings;
    }

    /** Measured history with a daily shape: peak in the local evening, some base load. */
    private static List<IntervalValue> history(LocalDate fromDay, LocalDate toDay, int seed) {
        Random rnd = new Random(seed);
        List<IntervalValue> history = new ArrayList<>();
        for (Instant t = Intervals.dayStart(fromDay, BERLIN);
                t.isBefore(Intervals.dayStart(toDay, BERLIN));
                t = t.plus(Duration.ofMinutes(15))) {
            int hour = t.atZone(BERLIN).getHour();
            long wh = (hour >= 18 && hour < 22 ? 300 : 40) + rnd.nextInt(20);
            history.add(new IntervalValue(t, wh, 0, M));
        }
        return history;
    }
}
