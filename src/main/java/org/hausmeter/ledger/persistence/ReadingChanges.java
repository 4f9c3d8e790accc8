package org.hausmeter.ledger.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.hausmeter.ledger.Intervals;

/**
 * A caretaker's reading change as one step: {@link MeterReadings} stores it (audited, in its own
 * transaction), then the quarter hours between the neighbouring readings are derived again. The JSON
 * API and the caretaker pages both go through here. Not to be called inside a transaction: the
 * derivation commits on its own connection after the change is committed.
 */
@ApplicationScoped
public class ReadingChanges {

    private final MeterReadings readings;
    private final LedgerDerivation derivation;
    private final CsvImports imports;

    ReadingChanges(MeterReadings readings, LedgerDerivation derivation, CsvImports imports) {
        this.readings = readings;
        this.derivation = derivation;
        this.imports = imports;
    }

    /**
     * Imports a CSV file all or nothing (see {@link CsvImports#commit}); counter files are then derived
     * into quarter hours over the file's period (interval files are stored as quarter hours already).
     */
    public CsvImports.Outcome importFile(
            String actor, java.nio.file.Path file, org.hausmeter.ledger.csv.ImportOptions options)
            throws java.io.IOException, SQLException {
        return importFile(actor, file, options, CsvImports.Choice.REFUSE);
    }

    /** The same with the caretaker's choice for values that differ from stored ones. */
    public CsvImports.Outcome importFile(
            String actor,
            java.nio.file.Path file,
            org.hausmeter.ledger.csv.ImportOptions options,
            CsvImports.Choice choice)
            throws java.io.IOException, SQLException {
        CsvImports.Outcome outcome = imports.commit(actor, file, options, choice);
        var summary = outcome.report().summary();
        if (outcome.report().ok()
                && summary != null
                && summary.kind() == org.hausmeter.ledger.csv.ImportSummary.Kind.COUNTERS
                && summary.first() != null
                && outcome.inserted() + outcome.replaced() > 0) {
            derivation.derive(
                    Intervals.floor(summary.first()),
                    Intervals.floor(summary.last()).plusSeconds(Intervals.SECONDS));
        }
        return outcome;
    }

    /**
     * Enters a reading at {@code at} or corrects the one stored there, then re-derives.
     *
     * @return the reading before the change, empty for a new one
     */
    public Optional<MeterReadings.Reading> enter(
            String actor, String meter, Instant at, long importWh, Long exportWh, String reason) {
        notAfterTheWindow(meter, at);
        Optional<MeterReadings.Reading> before = readings.enter(actor, meter, at, importWh, exportWh, reason);
        rederive(meter, at);
        return before;
    }

    /** Records a meter exchange (see {@link MeterReadings#exchange}), then re-derives. */
    public Meter exchange(
            String actor,
            String meter,
            Instant at,
            long oldFinalImportWh,
            Long oldFinalExportWh,
            String newModel,
            long newFirstImportWh,
            Long newFirstExportWh,
            String reason) {
        notAfterTheWindow(meter, at);
        Meter m = readings.exchange(
                actor,
                meter,
                at,
                oldFinalImportWh,
                oldFinalExportWh,
                newModel,
                newFirstImportWh,
                newFirstExportWh,
                reason);
        rederive(meter, at);
        return m;
    }

    /**
     * A typed reading is refused past the import window's end (tomorrow by default), as an imported one is, so a
     * mistyped year creates no partition; the start is the meter's installation (checked by {@link MeterReadings}).
     */
    private void notAfterTheWindow(String meter, Instant at) {
        org.hausmeter.ledger.csv.ImportLimits limits = imports.limits();
        String refused = new org.hausmeter.ledger.csv.ImportLimits(
                        null, limits.latest(), java.util.Map.of(), limits.zone())
                .refusal(-1, meter, at, "Reading");
        if (refused != null) {
            throw new org.hausmeter.ledger.LedgerException(org.hausmeter.ledger.LedgerException.Kind.INVALID, refused);
        }
    }

    /** Derives the quarter hours a reading of {@code meter} at {@code at} influences again. */
    public void rederive(String meter, Instant at) {
        Instant[] period = readings.affectedPeriod(meter, at);
        try {
            derivation.derive(meter, period[0], period[1]);
        } catch (SQLException e) {
            throw new IllegalStateException("Re-deriving [" + meter + "] failed: " + e.getMessage(), e);
        }
    }
}
