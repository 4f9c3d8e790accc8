package org.hausmeter.ledger.csv;

import java.util.List;

/**
 * One thing wrong with an import file.
 *
 * @param file       the file's name as the caller gave it
 * @param line       1-based physical line where the offending record starts (a quoted field may span lines)
 * @param column     1-based column index, or 0 when the problem concerns the whole line
 * @param columnName the column's header text, or null when {@code column} is 0
 * @param reason     what is wrong, with the offending value in brackets (English)
 * @param code       the kind of problem, for a reader's language ({@code unknown_meter}, {@code not_a_number} …), or
 *                   null where there is none yet (then only {@code reason} says it)
 * @param args       the values the code's text needs, in its order (the offending value, the meter's name …)
 */
public record ImportProblem(
        String file, long line, int column, String columnName, String reason, String code, List<String> args) {

    public ImportProblem {
        args = args == null ? List.of() : List.copyOf(args);
    }

    /** A problem without a code: only its English reason. */
    public ImportProblem(String file, long line, int column, String columnName, String reason) {
        this(file, line, column, columnName, reason, null, List.of());
    }

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
