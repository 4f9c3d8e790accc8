package org.hausmeter.ledger.csv;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How an import file's bytes become text. A byte order mark decides: UTF-8 ({@code EF BB BF}), UTF-16 little endian
 * ({@code FF FE}) or big endian ({@code FE FF}), as Excel's "CSV UTF-8" and "Unicode text" save. Without a mark the
 * file must be UTF-8; anything else (Latin-1 or cp1252 as German Excel's plain "CSV" saves, UTF-16 without a mark,
 * a NUL byte) is refused with {@link NotUtf8}, naming the line and byte offset of the first bad byte.
 *
 * <p>Refused rather than guessed: a cp1252 file and a Latin-1 file differ in exactly the bytes that matter for German
 * text, and a wrong guess would silently turn a meter name like {@code Wärmepumpe} into an unknown meter or, worse,
 * match the wrong one. One re-save ("CSV UTF-8") is a clear, once-only fix for the caretaker.
 */
public final class FileEncoding {

    private FileEncoding() {}

    /** The file is neither marked UTF-16 nor valid UTF-8. */
    public static final class NotUtf8 extends IOException {
        private final long line;
        private final long offset;

        NotUtf8(long line, long offset) {
            super("the file is not UTF-8: line " + line + ", byte offset " + offset + "; save it as CSV UTF-8");
            this.line = line;
            this.offset = offset;
        }

        /** 1-based physical line of the first bad byte. */
        public long line() {
            return line;
        }

        /** 0-based offset of the first bad byte from the start of the file. */
        public long offset() {
            return offset;
        }
    }

    /** Opens the file as text (see the class comment); a UTF-8 file is checked completely first. */
    public static Reader open(Path file) throws IOException {
        Charset charset;
        int skip;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            if (head.length == 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
                charset = StandardCharsets.UTF_16LE;
                skip = 2;
            } else if (head.length == 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
                charset = StandardCharsets.UTF_16BE;
                skip = 2;
            } else {
                charset = StandardCharsets.UTF_8;
                skip = 0;
            }
        }
        if (charset == StandardCharsets.UTF_8) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                checkUtf8(in);
            }
        }
        InputStream in = Files.newInputStream(file);
        try {
            in.skipNBytes(skip);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        var decoder = charset.newDecoder()
                .onMalformedInput(
                        charset == StandardCharsets.UTF_8 ? CodingErrorAction.REPORT : CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new java.io.BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
    }

    /**
     * Checks that the stream is well-formed UTF-8 without NUL bytes (no overlong forms, no surrogates, nothing above
     * U+10FFFF).
     *
     * @throws NotUtf8 at the first bad byte
     */
    public static void checkUtf8(InputStream in) throws IOException {
        long offset = 0;
        long line = 1;
        boolean afterCr = false;
        int need = 0;
        int lo = 0x80;
        int hi = 0xBF;
        long leadOffset = 0;
        long leadLine = 1;
        byte[] buf = new byte[1 << 16];
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++, offset++) {
                int b = buf[i] & 0xFF;
                if (need > 0) {
                    if (b < lo || b > hi) {
                        throw new NotUtf8(leadLine, leadOffset);
                    }
                    lo = 0x80;
                    hi = 0xBF;
                    need--;
                    continue;
                }
                if (b < 0x80) {
                    if (b == 0) {
                        throw new NotUtf8(line, offset);
                    }
                    if (b == '\n') {
                        if (!afterCr) {
                            line++;
                        }
                        afterCr = false;
                    } else if (b == '\r') {
                        line++;
                        afterCr = true;
                    } else {
                        afterCr = false;
                    }
                    continue;
                }
                afterCr = false;
                leadOffset = offset;
                leadLine = line;
                if (b >= 0xC2 && b <= 0xDF) {
                    need = 1;
                } else if (b == 0xE0) {
                    need = 2;
                    lo = 0xA0;
                } else if (b >= 0xE1 && b <= 0xEF) {
                    need = 2;
                    if (b == 0xED) {
                        hi = 0x9F;
                    }
                } else if (b == 0xF0) {
                    need = 3;
                    lo = 0x90;
                } else if (b >= 0xF1 && b <= 0xF3) {
                    need = 3;
                } else if (b == 0xF4) {
                    need = 3;
                    hi = 0x8F;
                } else {
                    throw new NotUtf8(line, offset);
                }
            }
        }
        if (need > 0) {
            throw new NotUtf8(leadLine, leadOffset);
        }
    }
}
