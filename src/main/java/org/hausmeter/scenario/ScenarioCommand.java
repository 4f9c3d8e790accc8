package org.hausmeter.scenario;

import io.quarkus.arc.Arc;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hausmeter.scenario.persistence.Scenarios;

/**
 * {@code hausmeter scenario FILE}: reads the scenario file, replays its months from the ledger and prints the
 * figures (baseline and every scenario) as JSON on stdout. Exit 0, or 2 with one line on stderr naming what is wrong.
 */
public final class ScenarioCommand {

    private ScenarioCommand() {}

    /** @return the exit code */
    public static int run(Path file, PrintStream out, PrintStream err) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("scenario: cannot read [" + file + "]: " + e.getMessage());
            return 2;
        }
        try {
            ScenarioFile parsed = ScenarioFile.parse(text);
            Scenarios scenarios = Arc.container().instance(Scenarios.class).get();
            Scenarios.Figures figures = scenarios.run(parsed);
            out.println(ScenarioFile.jsonWriter().writeValueAsString(figures));
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("scenario: [" + file + "] " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("scenario: cannot write the figures: " + e.getMessage());
            return 2;
        }
    }
}
