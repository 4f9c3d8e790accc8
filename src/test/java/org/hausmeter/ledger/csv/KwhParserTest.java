package org.hausmeter.ledger.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KwhParserTest {

    private static long parse(KwhParser p, String s) {
        return p.parse(s.toCharArray(), 0, s.length());
    }

    private static KwhParser point() {
        return new KwhParser(ImportOptions.Decimal.AUTO, ',');
    }

    @Test
    void kwh_isConvertedToWh_roundingHalfUpOnTheFourthDecimal() {
        KwhParser p = point();
        assertThat(parse(p, "0")).isZero();
        assertThat(parse(p, "12")).isEqualTo(12_000);
        assertThat(parse(p, "12.3")).isEqualTo(12_300);
        assertThat(parse(p, "12.345")).isEqualTo(12_345);
        assertThat(parse(p, "1.2345")).isEqualTo(1_235);
        assertThat(parse(p, "1.23449999")).isEqualTo(1_234);
        assertThat(parse(p, "0.0005")).isEqualTo(1);
        assertThat(parse(p, "0.0004999")).isZero();
        assertThat(parse(p, " 7.5 ")).isEqualTo(7_500);
        assertThat(parse(p, "999999999999.9999")).isEqualTo(1_000_000_000_000_000L);
    }

    @Test
    void kwh_matchesBigDecimalHalfUp_onRandomValues() {
        Random r = new Random(42);
        KwhParser p = point();
        for (int i = 0; i < 10_000; i++) {
            StringBuilder s = new StringBuilder().append(r.nextInt(100_000)).append('.');
            for (int d = r.nextInt(7); d >= 0; d--) {
                s.append((char) ('0' + r.nextInt(10)));
            }
            long expected = new BigDecimal(s.toString())
                    .movePointRight(3)
                    .setScale(0, RoundingMode.HALF_UP)
                    .longValueExact();
            assertThat(parse(p, s.toString())).as(s.toString()).isEqualTo(expected);
        }
    }

    @Test
    void badText_isReportedByCode() {
        KwhParser p = point();
        assertThat(parse(p, "")).isEqualTo(KwhParser.EMPTY);
        assertThat(parse(p, "  ")).isEqualTo(KwhParser.EMPTY);
        assertThat(parse(p, "-1.5")).isEqualTo(KwhParser.NEGATIVE);
        assertThat(parse(p, "12,3.4")).isEqualTo(KwhParser.NOT_A_NUMBER);
        assertThat(parse(p, "12,3")).isEqualTo(KwhParser.NOT_A_NUMBER);
        assertThat(parse(p, "1e3")).isEqualTo(KwhParser.NOT_A_NUMBER);
        assertThat(parse(p, "+1")).isEqualTo(KwhParser.NOT_A_NUMBER);
        assertThat(parse(p, ".5")).isEqualTo(KwhParser.NOT_A_NUMBER);
        assertThat(parse(p, "5.")).isEqualTo(KwhParser.NOT_A_NUMBER);
        assertThat(parse(p, "NaN")).isEqualTo(KwhParser.NOT_A_NUMBER);
        assertThat(parse(p, "1 000")).isEqualTo(KwhParser.NOT_A_NUMBER);
        assertThat(parse(p, "10000000000000")).isEqualTo(KwhParser.TOO_LARGE);
        assertThat(p.reason(KwhParser.NOT_A_NUMBER, "12,3.4")).isEqualTo("not a number [12,3.4]");
    }

    @Test
    void semicolonFile_firstSeparatorFixesTheFile_andTheOtherIsAProblem() {
        KwhParser p = new KwhParser(ImportOptions.Decimal.AUTO, ';');
        assertThat(parse(p, "3")).isEqualTo(3_000);
        assertThat(p.separator()).isEqualTo((char) 0);
        assertThat(parse(p, "1,5")).isEqualTo(1_500);
        assertThat(p.separator()).isEqualTo(',');
        assertThat(parse(p, "1.234")).isEqualTo(KwhParser.OTHER_SEPARATOR);
        assertThat(p.reason(KwhParser.OTHER_SEPARATOR, "1.234"))
                .isEqualTo("decimal separator [.] but this file uses [,]: [1.234]");
        assertThat(parse(p, "2,25")).isEqualTo(2_250);
    }

    @Test
    void forcedSeparator_rejectsTheOther() {
        KwhParser comma = new KwhParser(ImportOptions.Decimal.COMMA, ';');
        assertThat(parse(comma, "1.5")).isEqualTo(KwhParser.NOT_A_NUMBER);
        assertThat(parse(comma, "1,5")).isEqualTo(1_500);
        KwhParser dot = new KwhParser(ImportOptions.Decimal.POINT, ';');
        assertThat(parse(dot, "1,5")).isEqualTo(KwhParser.NOT_A_NUMBER);
    }
}
