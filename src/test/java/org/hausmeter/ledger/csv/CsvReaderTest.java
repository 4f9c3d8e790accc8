package org.hausmeter.ledger.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private static List<String> records(CsvReader r) throws Exception {
        List<String> out = new ArrayList<>();
        while (r.next()) {
            List<String> f = new ArrayList<>();
            for (int i = 0; i < r.fieldCount(); i++) {
                f.add(r.field(i));
            }
            out.add(r.line() + ":" + f);
        }
        return out;
    }

    private static List<String> records(String text) throws Exception {
        return records(CsvReader.open(new StringReader(text), null));
    }

    @Test
    void quotedFields_holdDelimiterQuotesAndLineBreaks() throws Exception {
        String text = "a,b,c\n\"x,1\",\"say \"\"hi\"\"\",\"two\r\nlines\"\nlast,\"\",\n";
        assertThat(records(text)).containsExactly("1:[a, b, c]", "2:[x,1, say \"hi\", two\r\nlines]", "4:[last, , ]");
    }

    @Test
    void lineEnds_crlfLfAndCr_areAllRecordEnds_andEmptyLinesAreSkipped() throws Exception {
        assertThat(records("a,b\r\n1,2\n\n3,4\r5,6")).containsExactly("1:[a, b]", "2:[1, 2]", "4:[3, 4]", "5:[5, 6]");
    }

    @Test
    void bom_isSkipped() throws Exception {
        assertThat(records("\uFEFFmeter,timestamp\nm,t\n")).containsExactly("1:[meter, timestamp]", "2:[m, t]");
    }

    @Test
    void delimiter_isDetectedFromTheHeader_ignoringQuotedCharacters() throws Exception {
        assertThat(CsvReader.open(new StringReader("meter;timestamp;\"a,b,c\"\nm;1,5;x\n"), null)
                        .delimiter())
                .isEqualTo(';');
        assertThat(CsvReader.open(new StringReader("meter,timestamp,\"a;b;c\"\n"), null)
                        .delimiter())
                .isEqualTo(',');
        assertThat(records("meter;timestamp\nm;1,5\n")).containsExactly("1:[meter, timestamp]", "2:[m, 1,5]");
    }

    @Test
    void delimiter_isDetectedFromAHeaderLongerThanTheBuffer() throws Exception {
        StringBuilder header = new StringBuilder("meter");
        for (int i = 0; i < 20_000; i++) {
            header.append(";01/01/2025 00:00");
        }
        var r = CsvReader.open(new StringReader(header + "\nm;1\n"), null);
        assertThat(r.delimiter()).isEqualTo(';');
        assertThat(r.next()).isTrue();
        assertThat(r.fieldCount()).isEqualTo(20_001);
        assertThat(r.next()).isTrue();
        assertThat(r.field(1)).isEqualTo("1");
    }

    @Test
    void smallReads_doNotChangeTheResult() throws Exception {
        String text = "a,\"b\"\"\nc\",d\r\n\"\",x\r\n";
        Reader oneCharAtATime = new Reader() {
            private final StringReader in = new StringReader(text);

            @Override
            public int read(char[] cbuf, int off, int len) throws IOException {
                return in.read(cbuf, off, Math.min(len, 1));
            }

            @Override
            public void close() {}
        };
        assertThat(records(CsvReader.open(oneCharAtATime, null))).containsExactly("1:[a, b\"\nc, d]", "3:[, x]");
    }

    @Test
    void strayQuote_isASyntaxError_andReadingGoesOnWithTheNextLine() throws Exception {
        var r = CsvReader.open(new StringReader("a,b\nx,y\"z\n\"q\"r,s\n1,2\n"), ',');
        assertThat(r.next()).isTrue();
        assertThatThrownBy(r::next).isInstanceOfSatisfying(CsvReader.SyntaxError.class, e -> {
            assertThat(e.line).isEqualTo(2);
            assertThat(e.column).isEqualTo(2);
            assertThat(e.getMessage()).isEqualTo("quote inside an unquoted field");
        });
        assertThatThrownBy(r::next).isInstanceOfSatisfying(CsvReader.SyntaxError.class, e -> {
            assertThat(e.line).isEqualTo(3);
            assertThat(e.column).isEqualTo(1);
            assertThat(e.getMessage()).isEqualTo("unexpected [r] after a closing quote");
        });
        assertThat(r.next()).isTrue();
        assertThat(r.line()).isEqualTo(4);
        assertThat(r.field(1)).isEqualTo("2");
    }

    @Test
    void unclosedQuote_isASyntaxErrorAtItsLine() throws Exception {
        var r = CsvReader.open(new StringReader("a,b\nx,\"open\n\n"), ',');
        assertThat(r.next()).isTrue();
        assertThatThrownBy(r::next)
                .isInstanceOfSatisfying(
                        CsvReader.SyntaxError.class, e -> assertThat(e.line).isEqualTo(2));
        assertThat(r.next()).isFalse();
    }
}
