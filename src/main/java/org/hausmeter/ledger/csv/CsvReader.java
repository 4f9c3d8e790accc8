package org.hausmeter.ledger.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * Streaming RFC 4180 record reader. Fields may be quoted with {@code "}; inside quotes the delimiter, line breaks and
 * doubled quotes {@code ""} are content. Records end at CRLF, LF or a lone CR. A leading UTF-8 BOM is skipped. Empty
 * lines are skipped. A quote inside an unquoted field, or anything but a delimiter or line end after a closing quote,
 * is a {@link SyntaxError}; the reader has then skipped to the end of that physical line and can go on.
 *
 * <p>The fields of the current record are kept in one reusable char array ({@link #chars()}, field {@code i} spans
 * {@code [start(i), end(i))}), so reading allocates nothing per field.
 */
final class CsvReader {
    private final Reader in;
    private char[] buf = new char[1 << 16];
    private int pos;
    private int lim;
    private boolean eof;
    private char delimiter;
    private long line = 1;
    private long recordLine;
    private char[] rec = new char[1024];
    private int recLen;
    private int[] ends = new int[64];
    private int fields;

    /** Thrown for a malformed record. */
    static final class SyntaxError extends Exception {
        final long line;
        final int column;

        SyntaxError(long line, int column, String reason) {
            super(reason, null, false, false);
            this.line = line;
            this.column = column;
        }
    }

    private CsvReader(Reader in) {
        this.in = in;
    }

    /** Opens a reader; a null delimiter is detected from the first line (see {@link ImportOptions#delimiter()}). */
    static CsvReader open(Reader in, Character delimiter) throws IOException {
        var r = new CsvReader(in);
        if (r.fill() && r.buf[0] == '\uFEFF') {
            r.pos = 1;
        }
        r.delimiter = delimiter != null ? delimiter : r.detectDelimiter();
        return r;
    }

    char delimiter() {
        return delimiter;
    }

    /** 1-based physical line on which the current record starts. */
    long line() {
        return recordLine;
    }

    int fieldCount() {
        return fields;
    }

    char[] chars() {
        return rec;
    }

    int start(int i) {
        return i == 0 ? 0 : ends[i - 1];
    }

    int end(int i) {
        return ends[i];
    }

    String field(int i) {
        int s = start(i);
        return new String(rec, s, ends[i] - s);
    }

    /** Reads the next record; false at the end of input. */
    boolean next() throws IOException, SyntaxError {
        recLen = 0;
        fields = 0;
        while (true) {
            if (pos >= lim && !fill()) {
                return false;
            }
            char c = buf[pos];
            if (c == '\n') {
                pos++;
                line++;
            } else if (c == '\r') {
                pos++;
                skipLf();
                line++;
            } else {
                break;
            }
        }
        recordLine = line;
        final char d = delimiter;
        while (true) {
            if (pos >= lim && !fill()) {
                endField();
                return true;
            }
            if (buf[pos] == '"') {
                pos++;
                if (readQuoted()) {
                    return true;
                }
                continue;
            }
            int p = pos;
            while (true) {
                if (p >= lim) {
                    append(pos, p);
                    pos = p;
                    if (!fill()) {
                        endField();
                        return true;
                    }
                    p = pos;
                    continue;
                }
                char c = buf[p];
                if (c == d) {
                    append(pos, p);
                    pos = p + 1;
                    endField();
                    break;
                }
                if (c == '\n' || c == '\r') {
                    append(pos, p);
                    pos = p;
                    endField();
                    endLine();
                    return true;
                }
                if (c == '"') {
                    pos = p;
                    int column = fields + 1;
                    skipRestOfLine();
                    throw new SyntaxError(recordLine, column, "quote inside an unquoted field");
                }
                p++;
            }
        }
    }

    /** Reads a quoted field after its opening quote; true when it ended the record. */
    private boolean readQuoted() throws IOException, SyntaxError {
        long startLine = line;
        boolean afterCr = false;
        while (true) {
            if (pos >= lim && !fill()) {
                throw new SyntaxError(startLine, fields + 1, "quoted field not closed before the end of the file");
            }
            char c = buf[pos++];
            if (c == '"') {
                if ((pos < lim || fill()) && buf[pos] == '"') {
                    appendChar('"');
                    pos++;
                    afterCr = false;
                    continue;
                }
                endField();
                if (pos >= lim && !fill()) {
                    return true;
                }
                char n = buf[pos];
                if (n == delimiter) {
                    pos++;
                    return false;
                }
                if (n == '\n' || n == '\r') {
                    endLine();
                    return true;
                }
                int column = fields;
                skipRestOfLine();
                throw new SyntaxError(recordLine, column, "unexpected [" + n + "] after a closing quote");
            }
            if (c == '\n') {
                if (!afterCr) {
                    line++;
                }
                afterCr = false;
            } else if (c == '\r') {
                line++;
                afterCr = true;
            } else {
                afterCr = false;
            }
            appendChar(c);
        }
    }

    private void endLine() throws IOException {
        if (buf[pos++] == '\r') {
            skipLf();
        }
        line++;
    }

    private void skipLf() throws IOException {
        if ((pos < lim || fill()) && buf[pos] == '\n') {
            pos++;
        }
    }

    private void skipRestOfLine() throws IOException {
        while (pos < lim || fill()) {
            char c = buf[pos];
            if (c == '\n' || c == '\r') {
                endLine();
                return;
            }
            pos++;
        }
    }

    private void append(int from, int to) {
        int n = to - from;
        if (n == 0) {
            return;
        }
        if (recLen + n > rec.length) {
            rec = Arrays.copyOf(rec, Math.max(rec.length * 2, recLen + n));
        }
        System.arraycopy(buf, from, rec, recLen, n);
        recLen += n;
    }

    private void appendChar(char c) {
        if (recLen == rec.length) {
            rec = Arrays.copyOf(rec, rec.length * 2);
        }
        rec[recLen++] = c;
    }

    private void endField() {
        if (fields == ends.length) {
            ends = Arrays.copyOf(ends, ends.length * 2);
        }
        ends[fields++] = recLen;
    }

    /** Refills the buffer once it is consumed; false at the end of input. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            pos = lim = 0;
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }

    /** Makes sure the whole first line is buffered (growing the buffer), then counts unquoted ',' and ';'. */
    private char detectDelimiter() throws IOException {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        int p = pos;
        while (true) {
            if (p >= lim) {
                if (eof || !readMore()) {
                    break;
                }
                continue;
            }
            char c = buf[p++];
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == '\n' || c == '\r') {
                    break;
                } else if (c == ',') {
                    commas++;
                } else if (c == ';') {
                    semicolons++;
                }
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    private boolean readMore() throws IOException {
        if (lim == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n;
        do {
            n = in.read(buf, lim, buf.length - lim);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        lim += n;
        return true;
    }
}
