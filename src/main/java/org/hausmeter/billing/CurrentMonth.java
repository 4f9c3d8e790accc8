package org.hausmeter.billing;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hausmeter.billing.TariffStore.StoredTariff;
import org.hausmeter.billing.run.MonthBilling;
import org.hausmeter.billing.run.MonthInput;
import org.hausmeter.billing.run.MonthLoader;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.tariff.TariffBook;

/**
 * "What does this month cost so far": the running month billed from its first day to the end of today
 * (today's quarter hours as far as measured, the base fee for the days begun), with the same allocation
 * and prices as the month's bill will use. Computed for the whole building at once and kept for a
 * minute, so resident pages stay fast.
 */
@ApplicationScoped
public class CurrentMonth {

    private static final Duration TTL = Duration.ofSeconds(60);

    private final AgroalDataSource dataSource;
    private final BuildingSettings settings;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private record Snapshot(Instant at, LocalDate day, MonthBilling.Result result) {}

    CurrentMonth(AgroalDataSource dataSource, BuildingSettings settings, Clock clock) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.clock = clock;
    }

    /** @return the running month's bill so far for a tenancy, or empty when it has none (or no tariff) */
    public Optional<MonthBilling.TenancyBill> soFar(long tenancyId) {
        MonthBilling.Result r = result();
        if (r == null) {
            return Optional.empty();
        }
        return r.bills().stream()
                .filter(b -> b.period().tenancyId() == tenancyId)
                .findFirst();
    }

    /** @return the running month so far for the whole building, or null without a tariff */
    public MonthBilling.Result result() {
        Instant now = clock.instant();
        Snapshot s = snapshot;
        ZoneId zone = settings.current().zone();
        LocalDate today = LocalDate.ofInstant(now, zone);
        if (s != null && s.day().equals(today) && Duration.between(s.at(), now).compareTo(TTL) < 0) {
            return s.result();
        }
        MonthBilling.Result r = compute(today, zone);
        snapshot = new Snapshot(now, today, r);
        return r;
    }

    /** Drops the kept result: the next {@link #result()} computes again (after data was written in bulk). */
    public void forget() {
        snapshot = null;
    }

    private MonthBilling.Result compute(LocalDate today, ZoneId zone) {
        BuildingSettings.Settings s = settings.current();
        YearMonth month = YearMonth.from(today);
        Instant end = Intervals.dayStart(today.plusDays(1), zone);
        try (Connection c = dataSource.getConnection()) {
            List<StoredTariff> tariffs = TariffStore.all(c, s.currency());
            StoredTariff first = TariffStore.at(tariffs, month.atDay(1));
            if (first == null) {
                return null;
            }
            MonthInput in = MonthLoader.load(c, month, zone, s.currency());
            List<MonthInput.TenancyPeriod> cut = new ArrayList<>();
            for (MonthInput.TenancyPeriod p : in.tenancies()) {
                Instant to = p.to().isAfter(end) ? end : p.to();
                if (p.from().isBefore(to)) {
                    cut.add(new MonthInput.TenancyPeriod(
                            p.tenancyId(),
                            p.apartmentId(),
                            p.apartmentCode(),
                            p.residentId(),
                            p.residentName(),
                            p.from(),
                            to));
                }
            }
            MonthInput soFar = new MonthInput(
                    in.month(),
                    in.zone(),
                    in.pvWh(),
                    in.gridImportWh(),
                    in.gridExportWh(),
                    in.consumers(),
                    cut,
                    in.sessions(),
                    in.adjustments());
            TariffBook book =
                    new TariffBook(tariffs.stream().map(StoredTariff::version).toList());
            return MonthBilling.compute(soFar, book, first.allocationKey(), first.commonKey());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot compute the running month: " + e.getMessage(), e);
        }
    }
}
