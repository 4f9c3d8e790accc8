package org.hausmeter.ledger.csv;

import java.time.ZoneId;
import java.util.Objects;

/**
 * How to read one import file.
 *
 * @param file               the file's name, used in every problem message
 * @param defaultZone        zone for local date-times when the header states none; null means local date-times
 *                           without an offset are errors
 * @param delimiter          field delimiter, or null to detect it from the header line: {@code ';'} when the header
 *                           has more unquoted semicolons than commas, else {@code ','}
 * @param decimal            decimal separator of kWh values
 * @param slashDates         how to read {@code aa/bb/yyyy} dates
 * @param layout             long or wide layout, or detect it
 * @param descriptiveColumns wide layout only: number of descriptive columns between the meter column and the first
 *                           timestamp column, or null to treat every header before the first timestamp as descriptive
 * @param maxProblems        how many problems to keep in the report (all are counted)
 * @param spread             interval files with hourly or daily values (see {@link Resolution}): spread each value
 *                           evenly onto its quarter hours, stored as ESTIMATED; false: such a file is refused
 */
public record ImportOptions(
        String file,
        ZoneId defaultZone,
        Character delimiter,
        Decimal decimal,
        SlashDates slashDates,
        Layout layout,
        Integer descriptiveColumns,
        int maxProblems,
        boolean spread) {

    /** Problems kept in a report by default. */
    public static final int DEFAULT_MAX_PROBLEMS = 1000;

    public ImportOptions {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(decimal, "decimal");
        Objects.requireNonNull(slashDates, "slashDates");
        Objects.requireNonNull(layout, "layout");
        if (delimiter != null && (delimiter == '"' || delimiter == '\r' || delimiter == '\n')) {
            throw new IllegalArgumentException("Delimiter [" + delimiter + "] not allowed");
        }
        if (descriptiveColumns != null && descriptiveColumns < 0) {
            throw new IllegalArgumentException("Descriptive columns [" + descriptiveColumns + "] below zero");
        }
        if (maxProblems < 0) {
            throw new IllegalArgumentException("Max problems [" + maxProblems + "] below zero");
        }
    }

    /** Detected delimiter, decimal separator and layout; day-first slash dates; 1,000 problems kept. */
    public static ImportOptions defaults(String file, ZoneId defaultZone) {
        return new ImportOptions(
                file,
                defaultZone,
                null,
                Decimal.AUTO,
                SlashDates.DAY_MONTH,
                Layout.AUTO,
                null,
                DEFAULT_MAX_PROBLEMS,
                false);
    }

    public ImportOptions withDelimiter(Character d) {
        return new ImportOptions(
                file, defaultZone, d, decimal, slashDates, layout, descriptiveColumns, maxProblems, spread);
    }

    public ImportOptions withDecimal(Decimal d) {
        return new ImportOptions(
                file, defaultZone, delimiter, d, slashDates, layout, descriptiveColumns, maxProblems, spread);
    }

    public ImportOptions withSlashDates(SlashDates s) {
        return new ImportOptions(
                file, defaultZone, delimiter, decimal, s, layout, descriptiveColumns, maxProblems, spread);
    }

    public ImportOptions withLayout(Layout l) {
        return new ImportOptions(
                file, defaultZone, delimiter, decimal, slashDates, l, descriptiveColumns, maxProblems, spread);
    }

    public ImportOptions withDescriptiveColumns(Integer n) {
        return new ImportOptions(file, defaultZone, delimiter, decimal, slashDates, layout, n, maxProblems, spread);
    }

    public ImportOptions withMaxProblems(int n) {
        return new ImportOptions(
                file, defaultZone, delimiter, decimal, slashDates, layout, descriptiveColumns, n, spread);
    }

    public ImportOptions withSpread(boolean s) {
        return new ImportOptions(
                file, defaultZone, delimiter, decimal, slashDates, layout, descriptiveColumns, maxProblems, s);
    }

    /** File layout. */
    public enum Layout {
        /** Long when the header has a {@code timestamp} column, wide otherwise. */
        AUTO,
        /** One row per meter and timestamp. */
        LONG,
        /** One row per meter, one column per interval. */
        WIDE
    }

    /**
     * Decimal separator of kWh values. Thousands separators are never accepted, so a value holds at most one
     * separator and it is always the decimal separator.
     */
    public enum Decimal {
        /**
         * With a {@code ','} delimiter only {@code '.'}. With another delimiter {@code '.'} or {@code ','}: the first
         * value with a separator fixes it for the file; a later value with the other separator is an error (it may be
         * a thousands separator, e.g. {@code 1.234} next to {@code 5,6}).
         */
        AUTO,
        /** Only {@code '.'}. */
        POINT,
        /** Only {@code ','}; needs a delimiter other than {@code ','}. */
        COMMA
    }

    /** Order of day and month in dates written with slashes. */
    public enum SlashDates {
        /** {@code 31/01/2025}. */
        DAY_MONTH,
        /** {@code 01/31/2025}. */
        MONTH_DAY
    }
}
