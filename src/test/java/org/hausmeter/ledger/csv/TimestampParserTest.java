package org.hausmeter.ledger.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimestampParserTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private final TimestampParser dayFirst = new TimestampParser(ImportOptions.SlashDates.DAY_MONTH);

    private Instant parse(String s) throws Exception {
        return dayFirst.parse(s, BERLIN);
    }

    @Test
    void localFormats_areReadInTheZone() throws Exception {
        Instant expected = Instant.parse("2025-01-01T23:15:00Z");
        assertThat(parse("2025-01-02 00:15")).isEqualTo(expected);
        assertThat(parse("2025-01-02T00:15")).isEqualTo(expected);
        assertThat(parse("2025-01-02T00:15:00")).isEqualTo(expected);
        assertThat(parse("02/01/2025 00:15")).isEqualTo(expected);
        assertThat(parse("2/1/2025 0:15")).isEqualTo(expected);
        assertThat(parse("02.01.2025 00:15")).isEqualTo(expected);
        assertThat(parse(" 2025-01-02  00:15 ")).isEqualTo(expected);
        assertThat(new TimestampParser(ImportOptions.SlashDates.MONTH_DAY).parse("01/02/2025 00:15", BERLIN))
                .isEqualTo(expected);
    }

    @Test
    void offsets_makeTheInstantExact_whateverTheZone() throws Exception {
        Instant expected = Instant.parse("2025-01-01T23:15:00Z");
        assertThat(parse("2025-01-01T23:15:00Z")).isEqualTo(expected);
        assertThat(parse("2025-01-01 23:15Z")).isEqualTo(expected);
        assertThat(parse("2025-01-02T00:15+01:00")).isEqualTo(expected);
        assertThat(parse("2025-01-02T00:15:00+0100")).isEqualTo(expected);
        assertThat(parse("2025-01-02 00:15 +01")).isEqualTo(expected);
        assertThat(parse("2025-01-01T22:15-01:00")).isEqualTo(expected);
        assertThat(dayFirst.parse("2025-01-02T00:15+01:00", null)).isEqualTo(expected);
        assertThat(parse("2025-01-01T23:15:00.000Z")).isEqualTo(expected);
        assertThat(parse("2025-01-01T23:15:07.25Z")).isEqualTo(Instant.parse("2025-01-01T23:15:07.250Z"));
    }

    @Test
    void dstGap_springForward_localTimeIsAnError_butWithOffsetItIsExact() throws Exception {
        assertThat(parse("2025-03-30 01:45")).isEqualTo(Instant.parse("2025-03-30T00:45:00Z"));
        assertThat(parse("2025-03-30 03:00")).isEqualTo(Instant.parse("2025-03-30T01:00:00Z"));
        assertThatThrownBy(() -> parse("30/03/2025 02:15"))
                .hasMessage("local time [2025-03-30 02:15] does not exist in [Europe/Berlin] (clocks skip it):"
                        + " give an offset");
        assertThat(parse("2025-03-30 02:15+01:00")).isEqualTo(Instant.parse("2025-03-30T01:15:00Z"));
    }

    @Test
    void dstOverlap_fallBack_localTimeIsAmbiguous_butWithOffsetItIsExact() throws Exception {
        assertThatThrownBy(() -> parse("2025-10-26 02:15"))
                .isInstanceOf(TimestampParser.BadTimestamp.class)
                .hasMessage("ambiguous local time [2025-10-26 02:15] in [Europe/Berlin]: give an offset");
        assertThatThrownBy(() -> parse("26/10/2025 02:00")).hasMessageContaining("ambiguous local time");
        assertThat(parse("2025-10-26 02:15+02:00")).isEqualTo(Instant.parse("2025-10-26T00:15:00Z"));
        assertThat(parse("2025-10-26 02:15+01:00")).isEqualTo(Instant.parse("2025-10-26T01:15:00Z"));
        assertThat(parse("2025-10-26 01:45")).isEqualTo(Instant.parse("2025-10-25T23:45:00Z"));
        assertThat(parse("2025-10-26 03:00")).isEqualTo(Instant.parse("2025-10-26T02:00:00Z"));
    }

    @Test
    void utcZone_hasNoGaps() throws Exception {
        assertThat(dayFirst.parse("2025-10-26 02:15", ZoneOffset.UTC)).isEqualTo(Instant.parse("2025-10-26T02:15:00Z"));
    }

    @Test
    void badText_isReported() {
        assertThatThrownBy(() -> parse("yesterday")).hasMessageStartingWith("not a timestamp [yesterday]");
        assertThatThrownBy(() -> parse("2025-01-01")).hasMessageStartingWith("not a timestamp [2025-01-01]");
        assertThatThrownBy(() -> parse("2025-01-01 00:15 CET")).hasMessageStartingWith("not a timestamp");
        assertThatThrownBy(() -> parse("2025-02-30 00:15")).hasMessage("invalid date or time [2025-02-30 00:15]");
        assertThatThrownBy(() -> parse("2025-01-01 24:00")).hasMessage("invalid date or time [2025-01-01 24:00]");
        assertThatThrownBy(() -> parse("13/13/2025 00:15")).hasMessage("invalid date or time [13/13/2025 00:15]");
        assertThatThrownBy(() -> dayFirst.parse("2025-01-01 00:15", null))
                .hasMessageStartingWith("local time [2025-01-01 00:15] without a time zone");
    }
}
