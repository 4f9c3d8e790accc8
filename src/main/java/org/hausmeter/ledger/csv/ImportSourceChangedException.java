package org.hausmeter.ledger.csv;

/**
 * The second pass of {@link MeterCsvImport#commit} did not read what the first pass validated: the source changed
 * between the passes. The sink may already have received values; the caller's transaction must roll back.
 */
public final class ImportSourceChangedException extends RuntimeException {
    private final transient ImportReport checked;
    private final transient ImportReport written;

    public ImportSourceChangedException(ImportReport checked, ImportReport written) {
        super("Import file [" + checked.file() + "] changed while importing: validated " + checked.summary()
                + " with [" + checked.problemCount() + "] problems, then read " + written.summary() + " with ["
                + written.problemCount() + "] problems");
        this.checked = checked;
        this.written = written;
    }

    public ImportReport checked() {
        return checked;
    }

    public ImportReport written() {
        return written;
    }
}
