package org.hausmeter.ledger.csv;

import java.util.ArrayList;
import java.util.List;

/** Collects problems in file order, keeping the first {@code max} and counting all. */
final class ProblemLog {
    private final String file;
    private final int max;
    private final List<ImportProblem> kept = new ArrayList<>();
    private long count;

    ProblemLog(String file, int max) {
        this.file = file;
        this.max = max;
    }

    void line(long line, String reason) {
        add(line, 0, null, reason);
    }

    /** A whole-line problem with its code and the values of its text. */
    void line(long line, String reason, String code, String... args) {
        add(line, 0, null, reason, code, args);
    }

    void add(long line, int column, String columnName, String reason) {
        add(line, column, columnName, reason, null);
    }

    void add(long line, int column, String columnName, String reason, String code, String... args) {
        count++;
        if (kept.size() < max) {
            kept.add(new ImportProblem(file, line, column, columnName, reason, code, List.of(args)));
        }
    }

    long count() {
        return count;
    }

    List<ImportProblem> kept() {
        return kept;
    }
}
