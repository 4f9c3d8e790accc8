package org.hausmeter.ledger.csv;

/**
 * One thing wrong with an import file.
 *
 * @param file       the file's name as the caller gave it
 * @param line       1-based physical line where the offending record starts (a quoted field may span lines)
 * @param column     1-based column index, or 0 when the problem concerns the whole line
 * @param columnName the column's header text, or null when {@code column} is 0
 * @param reason     what is wrong, with the offending value in brackets
 */
public record ImportProblem(String file, long line, int column, String columnName, String reason) {

    /** {@code line 17, column 3 [import_kwh]: not a number [12,3.4]}, or {@code line 17: reason} for a whole line. */
    public String message() {
        return column == 0
                ? "line " + line + ": " + reason
                : "line " + line + ", column " + column + " [" + columnName + "]: " + reason;
    }

    /** The message prefixed with the file name, as shown to the caretaker. */
    @Override
    public String toString() {
        return "[" + file + "] " + message();
    }
}
