package org.hausmeter.ledger.csv;

import java.util.List;

/**
 * Outcome of reading one import file.
 *
 * @param file         the file's name as the caller gave it
 * @param summary      what the file holds
 * @param problemCount all problems found, also those beyond the cap
 * @param problems     the first problems in file order, at most {@link ImportOptions#maxProblems()}
 */
public record ImportReport(String file, ImportSummary summary, long problemCount, List<ImportProblem> problems) {
    public ImportReport {
        problems = List.copyOf(problems);
    }

    /** True when the file has no problem at all. */
    public boolean ok() {
        return problemCount == 0;
    }
}
