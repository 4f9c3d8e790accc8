package org.hausmeter.ledger.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the same import file again and again: {@link MeterCsvImport#commit} reads it twice. Each call must return a
 * fresh reader positioned at the start of the same content; the importer closes it.
 */
@FunctionalInterface
public interface ReaderSource {

    Reader open() throws IOException;

    /** A file decoded as strict UTF-8 (malformed bytes fail with an IOException). */
    static ReaderSource of(Path file) {
        return () -> Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }

    static ReaderSource of(String content) {
        return () -> new StringReader(content);
    }
}
