package org.hausmeter.scenario.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.hausmeter.billing.TariffStore;
import org.hausmeter.billing.TariffStore.StoredTariff;
import org.hausmeter.billing.run.MonthLoader;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.scenario.ScenarioYear;
import org.hausmeter.tariff.TariffBook;

/**
 * Reads consecutive months from the ledger into a {@link ScenarioYear}: each month exactly as the bill run reads it
 * ({@link MonthLoader}, the same consumers, tenancies, EV sessions and adjustments), with the allocation and
 * common-area key of the tariff version valid on the month's first day, and every tariff version.
 */
@ApplicationScoped
public class ScenarioLoader {

    /** The most months one scenario replays. */
    public static final int MAX_MONTHS = 24;

    private final AgroalDataSource dataSource;
    private final BuildingSettings settings;
    private final TariffStore tariffs;

    ScenarioLoader(AgroalDataSource dataSource, BuildingSettings settings, TariffStore tariffs) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.tariffs = tariffs;
    }

    /**
     * @param first  the first month
     * @param months how many (1 to {@value #MAX_MONTHS}; a year is 12)
     * @return the months as the bill run sees them
     * @throws IllegalArgumentException when a month has no tariff, or the count is out of range
     */
    public ScenarioYear load(YearMonth first, int months) {
        if (months < 1 || months > MAX_MONTHS) {
            throw new IllegalArgumentException("A scenario replays 1 to " + MAX_MONTHS + " months, not " + months);
        }
        BuildingSettings.Settings s = settings.current();
        List<StoredTariff> all = tariffs.all();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("No tariff is stored yet: enter one under Tariffs first");
        }
        TariffBook book = new TariffBook(all.stream().map(StoredTariff::version).toList());
        List<ScenarioYear.Month> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (int m = 0; m < months; m++) {
                YearMonth month = first.plusMonths(m);
                StoredTariff t = TariffStore.at(all, month.atDay(1));
                if (t == null) {
                    throw new IllegalArgumentException(
                            "No tariff is valid on " + month.atDay(1) + ": the first version starts "
                                    + all.get(0).version().validFrom());
                }
                out.add(new ScenarioYear.Month(
                        MonthLoader.load(c, month, s.zone(), s.currency()), t.allocationKey(), t.commonKey()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the months from " + first + ": " + e.getMessage(), e);
        }
        return new ScenarioYear(s.zone(), book, out);
    }
}
