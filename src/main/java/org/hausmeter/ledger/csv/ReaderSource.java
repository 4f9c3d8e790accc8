package org.hausmeter.ledger.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;

/**
 * Opens the same import file again and again: {@link MeterCsvImport#commit} reads it twice. Each call must return a
 * fresh reader positioned at the start of the same content; the importer closes it.
 */
@FunctionalInterface
public interface ReaderSource {

    Reader open() throws IOException;

    /**
     * A file decoded as its byte order mark says, else as UTF-8 after checking all of it (see {@link FileEncoding}):
     * a file that is not UTF-8 fails with {@link FileEncoding.NotUtf8}, which the importer reports as a problem.
     */
    static ReaderSource of(Path file) {
        return () -> FileEncoding.open(file);
    }

    static ReaderSource of(String content) {
        return () -> new StringReader(content);
    }
}
