package org.hausmeter.scenario.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import org.hausmeter.scenario.ScenarioEngine;
import org.hausmeter.scenario.ScenarioFile;
import org.hausmeter.scenario.ScenarioYear;

/** Loads a scenario file's months from the ledger and compares its scenarios with the real year. */
@ApplicationScoped
@io.quarkus.arc.Unremovable // looked up by the CLI (ScenarioCommand), not injected
public class Scenarios {

    private final ScenarioLoader loader;

    Scenarios(ScenarioLoader loader) {
        this.loader = loader;
    }

    /**
     * The figures of a scenario file.
     *
     * @param period     the months
     * @param comparison the baseline and each scenario
     */
    public record Figures(ScenarioFile.Period period, ScenarioEngine.Comparison comparison) {}

    /** @return the baseline and the file's scenarios over its period */
    public Figures run(ScenarioFile file) {
        ScenarioYear year = loader.load(file.period().first(), file.period().months());
        return new Figures(file.period(), ScenarioEngine.compare(year, file.scenarios()));
    }
}
