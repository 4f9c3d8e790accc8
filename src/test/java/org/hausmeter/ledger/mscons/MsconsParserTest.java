package org.hausmeter.ledger.mscons;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.hausmeter.ledger.IntervalQuality;
import org.hausmeter.ledger.csv.ImportLimits;
import org.junit.jupiter.api.Test;

/** The MSCONS core on the hand-made files of src/test/resources/mscons (see docs/mscons.md). */
class MsconsParserTest {

    static final String MALO = "51238696781";
    static final String MELO = "DE0001234567890123456789012345678";
    static final Map<String, MsconsParser.MeterRef> METERS =
            Map.of(MALO, new MsconsParser.MeterRef(7, "grid"), MELO, new MsconsParser.MeterRef(8, "pv"));

    static MsconsFile parse(String resource, ImportLimits limits) throws IOException {
        try (InputStream in = MsconsParserTest.class.getResourceAsStream("/mscons/" + resource)) {
            assertThat(in).as(resource).isNotNull();
            return new MsconsParser(METERS, limits).parse(in);
        }
    }

    static MsconsFile parse(String resource) throws IOException {
        return parse(resource, ImportLimits.NONE);
    }

    static MsconsFile parseText(String text) throws IOException {
        return new MsconsParser(METERS, ImportLimits.NONE)
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void springDstDay_has92QuarterHours_inUtc_fromBerlinMidnightToMidnight() throws IOException {
        MsconsFile f = parse("lastgang-dst-start-2026-03-29.edi");
        assertThat(f.problems()).isEmpty();
        assertThat(f.sender()).isEqualTo("9900000000003");
        assertThat(f.interchangeRef()).isEqualTo("HM0329");
        assertThat(f.messages()).hasSize(1);
        MsconsMessage m = f.messages().get(0);
        assertThat(m.reason()).isNull();
        assertThat(m.status()).isEqualTo(MsconsMessage.Status.ACCEPTED);
        assertThat(m.messageRef()).isEqualTo("MSCONS-20260329-01");
        assertThat(m.version()).isEqualTo("2.4c");
        assertThat(m.meteringPoints()).containsExactly(MALO);
        List<MsconsValue> v = m.values();
        assertThat(v).hasSize(92);
        assertThat(v.get(0).intervalStart()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(v.get(91).intervalStart()).isEqualTo(Instant.parse("2026-03-29T21:45:00Z"));
        assertThat(v).allSatisfy(x -> {
            assertThat(x.meterId()).isEqualTo(7);
            assertThat(x.direction()).isEqualTo(Direction.IMPORT);
            assertThat(x.quality()).isEqualTo(IntervalQuality.IMPORTED);
        });
        // value i is ((i mod 7) + 1) * 25 Wh, exactly
        for (int i = 0; i < 92; i++) {
            assertThat(v.get(i).wh()).isEqualTo(((i % 7) + 1) * 25L);
        }
        // the first QTY is segment 14 (UNA is segment 1), each value is three segments on
        assertThat(v.get(0).segment()).isEqualTo(14);
        assertThat(v.get(1).segment()).isEqualTo(17);
        assertThat(m.summary().values()).isEqualTo(92);
        // every local hour of the day but the skipped 02:00 appears once
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(v.stream()
                        .map(x -> x.intervalStart().atZone(berlin).getHour())
                        .distinct()
                        .count())
                .isEqualTo(23);
    }

    @Test
    void autumnDstDay_has100QuarterHours_importAndExport_byMeLo() throws IOException {
        MsconsFile f = parse("lastgang-dst-end-2026-10-25.edi");
        assertThat(f.problems()).isEmpty();
        MsconsMessage m = f.messages().get(0);
        assertThat(m.reason()).isNull();
        assertThat(m.meteringPoints()).containsExactly(MELO);
        List<MsconsValue> imports = m.values().stream()
                .filter(x -> x.direction() == Direction.IMPORT)
                .toList();
        List<MsconsValue> exports = m.values().stream()
                .filter(x -> x.direction() == Direction.EXPORT)
                .toList();
        assertThat(imports).hasSize(100);
        assertThat(exports).hasSize(100);
        assertThat(imports.get(0).intervalStart()).isEqualTo(Instant.parse("2026-10-24T22:00:00Z"));
        assertThat(imports.get(99).intervalStart()).isEqualTo(Instant.parse("2026-10-25T22:45:00Z"));
        // the local hour 02:00 is there twice: 8 quarter hours
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(imports.stream()
                        .filter(x -> x.intervalStart().atZone(berlin).getHour() == 2)
                        .count())
                .isEqualTo(8);
        assertThat(imports.stream().mapToLong(MsconsValue::wh).sum()).isEqualTo(sum(100, i -> 100 + (i % 4) * 50L));
        assertThat(exports.stream().mapToLong(MsconsValue::wh).sum()).isEqualTo(sum(100, i -> (i % 3) * 10L));
        assertThat(m.values()).allSatisfy(x -> assertThat(x.meterId()).isEqualTo(8));
    }

    @Test
    void substituteAndProposedValues_areEstimated_trueValuesImported() throws IOException {
        MsconsMessage m = parse("ersatzwerte-2026-09-01.edi").messages().get(0);
        assertThat(m.reason()).isNull();
        assertThat(m.values())
                .extracting(MsconsValue::qualifier)
                .containsExactly("220", "220", "67", "67", "67", "201", "220", "220");
        assertThat(m.values())
                .extracting(MsconsValue::quality)
                .containsExactly(
                        IntervalQuality.IMPORTED,
                        IntervalQuality.IMPORTED,
                        IntervalQuality.ESTIMATED,
                        IntervalQuality.ESTIMATED,
                        IntervalQuality.ESTIMATED,
                        IntervalQuality.ESTIMATED,
                        IntervalQuality.IMPORTED,
                        IntervalQuality.IMPORTED);
        assertThat(m.values())
                .extracting(MsconsValue::wh)
                .containsExactly(200L, 201L, 202L, 203L, 204L, 205L, 206L, 207L);
        assertThat(m.summary().estimated()).isEqualTo(4);
    }

    @Test
    void unknownMalo_rejectsThatMessage_only() throws IOException {
        MsconsFile f = parse("unbekannte-malo.edi");
        assertThat(f.problems()).isEmpty();
        assertThat(f.messages())
                .extracting(MsconsMessage::status)
                .containsExactly(MsconsMessage.Status.ACCEPTED, MsconsMessage.Status.REJECTED);
        assertThat(f.messages().get(1).reason())
                .startsWith("segment 35 (LOC): metering point [41999999996] is not assigned to any meter");
        assertThat(f.messages().get(1).values()).isEmpty();
        assertThat(f.messages().get(0).values()).hasSize(4);
    }

    @Test
    void brokenValues_nameTheirSegment_andRejectTheirMessage() throws IOException {
        MsconsFile f = parse("kaputt-2026-09-03.edi");
        assertThat(f.problems()).isEmpty();
        assertThat(f.messages())
                .extracting(MsconsMessage::reason)
                .containsExactly(
                        "segment 17 (QTY): quantity [0.1005] KWH is not a whole number of Wh; the ledger stores whole Wh"
                                + " and refuses to round",
                        "segment 38 (QTY): unit [MTQ] is not KWH (kWh) or WHR (Wh)");
        assertThat(f.acceptedValues()).isZero();
    }

    @Test
    void truncatedFile_isRefusedWhole() throws IOException {
        MsconsFile f = parse("abgeschnitten.edi");
        assertThat(f.ok()).isFalse();
        assertThat(f.problems()).anySatisfy(p -> assertThat(p).contains("truncated"));
        assertThat(f.acceptedValues()).isZero();
    }

    @Test
    void notEdifactAtAll_isOneClearProblem() throws IOException {
        MsconsFile f = parseText("meter,timestamp,import_kwh\napt-1,2026-01-01 00:00,1.0\n");
        assertThat(f.ok()).isFalse();
        assertThat(f.problems()).hasSize(1);
        assertThat(parseText("").problems()).isNotEmpty();
    }

    @Test
    void valuesBeforeTheMetersInstallation_rejectTheMessage_withMeterAndDate() throws IOException {
        ImportLimits limits = new ImportLimits(
                null, null, Map.of(7L, Instant.parse("2026-03-29T10:00:00Z")), ZoneId.of("Europe/Berlin"));
        MsconsMessage m =
                parse("lastgang-dst-start-2026-03-29.edi", limits).messages().get(0);
        assertThat(m.status()).isEqualTo(MsconsMessage.Status.REJECTED);
        assertThat(m.reason())
                .isEqualTo("segment 14 (QTY): interval at [2026-03-29 00:00] is before meter [grid] was installed on"
                        + " [2026-03-29 12:00]");
    }

    @Test
    void envelopeCounts_areChecked() throws IOException {
        String text = new String(
                        MsconsParserTest.class
                                .getResourceAsStream("/mscons/unbekannte-malo.edi")
                                .readAllBytes(),
                        StandardCharsets.UTF_8)
                .replace("UNZ+2+", "UNZ+3+")
                .replace("UNT+24+1'", "UNT+21+1'");
        MsconsFile f = parseText(text);
        assertThat(f.problems()).anySatisfy(p -> assertThat(p).contains("(UNZ): the interchange trailer counts [3]"));
        assertThat(f.messages().get(0).reason()).contains("(UNT): the message trailer counts [21] segments");
    }

    @Test
    void maloCheckDigit_andMeloShape() {
        assertThat(MeteringPoint.check("51238696781").ok()).isTrue();
        assertThat(MeteringPoint.check("51238696782").problem()).contains("check digit should be [1]");
        assertThat(MeteringPoint.check(" de0001234567890123456789012345678 ").id())
                .isEqualTo(MELO);
        assertThat(MeteringPoint.check("Whg 17").ok()).isFalse();
        assertThat(Direction.ofObis("1-1:1.29.0")).contains(Direction.IMPORT);
        assertThat(Direction.ofObis("1-1:2.29.0")).contains(Direction.EXPORT);
        assertThat(Direction.ofObis("1-1:1.8.0")).isEmpty();
    }

    private static long sum(int n, java.util.function.IntToLongFunction f) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += f.applyAsLong(i);
        }
        return s;
    }
}
