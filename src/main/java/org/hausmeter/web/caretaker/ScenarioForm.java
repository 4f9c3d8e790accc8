package org.hausmeter.web.caretaker;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.hausmeter.allocation.AllocationKey;
import org.hausmeter.scenario.Scenario;
import org.hausmeter.scenario.ScenarioFile;

/**
 * The scenario page's form as text, both ways: the caretaker's fields into a {@link ScenarioFile}, and a saved file
 * back into the fields. Every scenario column has the same fields (repeated form parameters, in column order); a
 * column whose fields are all empty is left out. A refused field names the column and the field.
 */
final class ScenarioForm {

    /** Scenario columns on the page. */
    static final int COLUMNS = 3;

    /** One column's fields, as entered. */
    record Column(
            String name,
            String existingKwp,
            String pvKwp,
            String pvShift,
            String capacity,
            String chargeKw,
            String dischargeKw,
            String efficiency,
            String minSoc,
            String standbyW,
            String key,
            String ev,
            String gridPrice,
            String pvPrice,
            String baseFee,
            String evPvPrice,
            String evGridPrice,
            String feedIn,
            String capital,
            String lifetime,
            String maintenance,
            String rate,
            String purchase) {

        static Column empty() {
            return new Column(
                    "", "", "", "0", "", "", "", "", "", "", "", "no", "", "", "", "", "", "", "", "", "", "", "");
        }

        boolean blank() {
            for (String s : List.of(
                    name,
                    existingKwp,
                    pvKwp,
                    capacity,
                    chargeKw,
                    dischargeKw,
                    efficiency,
                    minSoc,
                    standbyW,
                    key,
                    gridPrice,
                    pvPrice,
                    baseFee,
                    evPvPrice,
                    evGridPrice,
                    feedIn,
                    capital,
                    lifetime,
                    maintenance,
                    rate,
                    purchase)) {
                if (!s.isBlank()) {
                    return false;
                }
            }
            return !"yes".equals(ev);
        }
    }

    /**
     * @param from    first month, YYYY-MM
     * @param months  how many
     * @param columns the scenario columns ({@value #COLUMNS})
     */
    record Values(String from, String months, List<Column> columns) {}

    /** A refused field: the message names the column and the field. */
    static final class Refused extends IllegalArgumentException {
        Refused(String message) {
            super(message);
        }
    }

    private final ScenarioMessages sc;

    ScenarioForm(ScenarioMessages sc) {
        this.sc = sc;
    }

    /** The form before anything is entered: the last 12 full months, an example battery and roof in the columns. */
    static Values initial(YearMonth thisMonth) {
        List<Column> cols = new ArrayList<>();
        cols.add(new Column(
                "Battery 30 kWh",
                "",
                "",
                "0",
                "30",
                "10",
                "10",
                "0.90",
                "0.10",
                "15",
                "",
                "no",
                "",
                "",
                "",
                "",
                "",
                "",
                "18000",
                "15",
                "120",
                "0.03",
                "0.28"));
        cols.add(new Column(
                "Garage roof 10 kWp west",
                "30",
                "10",
                "2",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "no",
                "",
                "",
                "",
                "",
                "",
                "",
                "14000",
                "20",
                "100",
                "0.03",
                "0.28"));
        cols.add(Column.empty());
        return new Values(thisMonth.minusMonths(12).toString(), "12", cols);
    }

    /** The form of a saved file. */
    static Values of(ScenarioFile file) {
        List<Column> cols = new ArrayList<>();
        for (Scenario s : file.scenarios()) {
            if (cols.size() == COLUMNS) {
                break;
            }
            cols.add(column(s));
        }
        while (cols.size() < COLUMNS) {
            cols.add(Column.empty());
        }
        return new Values(file.period().from(), Integer.toString(file.period().months()), cols);
    }

    private static Column column(Scenario s) {
        String existing = "";
        String kwp = "";
        String shift = "0";
        if (s.pv() != null) {
            existing = s.pv().existingKwp().toPlainString();
            if (!s.pv().additions().isEmpty()) {
                kwp = s.pv().additions().get(0).kwp().toPlainString();
                shift = Integer.toString(s.pv().additions().get(0).shiftHours());
            }
        }
        Scenario.Battery b = s.battery();
        Scenario.TariffChange t = s.tariff();
        Scenario.Investment i = s.investment();
        return new Column(
                s.name(),
                existing,
                kwp,
                shift,
                b == null ? "" : b.capacityKwh().toPlainString(),
                b == null ? "" : b.chargeKw().toPlainString(),
                b == null ? "" : b.dischargeKw().toPlainString(),
                b == null ? "" : b.roundTripEfficiency().toPlainString(),
                b == null ? "" : b.minSoc().toPlainString(),
                b == null ? "" : b.standbyW().toPlainString(),
                s.key() == null ? "" : s.key().name(),
                s.shiftEv() ? "yes" : "no",
                t == null ? "" : text(t.gridPrice()),
                t == null ? "" : text(t.pvPrice()),
                t == null ? "" : text(t.baseFeePerMonth()),
                t == null ? "" : text(t.evPvPrice()),
                t == null ? "" : text(t.evGridPrice()),
                t == null ? "" : text(t.feedInPrice()),
                i == null ? "" : i.capitalCost().toPlainString(),
                i == null ? "" : Integer.toString(i.lifetimeYears()),
                i == null ? "" : i.maintenancePerYear().toPlainString(),
                i == null ? "" : i.discountRate().toPlainString(),
                i == null ? "" : i.gridPurchasePrice().toPlainString());
    }

    private static String text(BigDecimal v) {
        return v == null ? "" : v.toPlainString();
    }

    /** The entered values, as submitted: {@code field(k)} is the k-th column's value of each field. */
    static Values submitted(String from, String months, Fields f) {
        List<Column> cols = new ArrayList<>();
        for (int k = 0; k < COLUMNS; k++) {
            cols.add(new Column(
                    f.at("name", k),
                    f.at("existingKwp", k),
                    f.at("pvKwp", k),
                    f.at("pvShift", k),
                    f.at("capacity", k),
                    f.at("chargeKw", k),
                    f.at("dischargeKw", k),
                    f.at("efficiency", k),
                    f.at("minSoc", k),
                    f.at("standbyW", k),
                    f.at("key", k),
                    f.at("ev", k),
                    f.at("gridPrice", k),
                    f.at("pvPrice", k),
                    f.at("baseFee", k),
                    f.at("evPvPrice", k),
                    f.at("evGridPrice", k),
                    f.at("feedIn", k),
                    f.at("capital", k),
                    f.at("lifetime", k),
                    f.at("maintenance", k),
                    f.at("rate", k),
                    f.at("purchase", k)));
        }
        return new Values(from == null ? "" : from.strip(), months == null ? "" : months.strip(), cols);
    }

    /** The k-th value of a repeated form field ("" when missing). */
    interface Fields {
        String at(String field, int column);
    }

    /** @return the file the fields describe */
    ScenarioFile parse(Values v) {
        YearMonth first;
        try {
            first = YearMonth.parse(v.from());
        } catch (RuntimeException e) {
            throw new Refused(sc.err_from(v.from()));
        }
        int months = whole(v.months(), sc.f_months(), 0);
        List<Scenario> scenarios = new ArrayList<>();
        for (int k = 0; k < v.columns().size(); k++) {
            Column c = v.columns().get(k);
            if (c.blank()) {
                continue;
            }
            scenarios.add(scenario(c, k + 1));
        }
        try {
            return new ScenarioFile(new ScenarioFile.Period(first.toString(), months), scenarios);
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage());
        }
    }

    private Scenario scenario(Column c, int col) {
        if (c.name().isBlank()) {
            throw new Refused(sc.err_required(col, sc.f_name()));
        }
        if (c.name().strip().length() > 80) {
            throw new Refused(sc.err_name_long(col));
        }
        try {
            Scenario.Pv pv = null;
            if (!c.pvKwp().isBlank()) {
                pv = new Scenario.Pv(
                        need(c.existingKwp(), sc.f_existing_kwp(), col),
                        List.of(new Scenario.PvAddition(
                                need(c.pvKwp(), sc.f_pv_kwp(), col),
                                c.pvShift().isBlank() ? 0 : whole(c.pvShift(), sc.f_pv_shift(), col))));
            }
            Scenario.Battery battery = null;
            if (!c.capacity().isBlank()) {
                battery = new Scenario.Battery(
                        need(c.capacity(), sc.f_capacity(), col),
                        need(c.chargeKw(), sc.f_charge_kw(), col),
                        need(c.dischargeKw(), sc.f_discharge_kw(), col),
                        need(c.efficiency(), sc.f_efficiency(), col),
                        need(c.minSoc(), sc.f_min_soc(), col),
                        need(c.standbyW(), sc.f_standby_w(), col));
            }
            AllocationKey key = null;
            if (!c.key().isBlank()) {
                try {
                    key = AllocationKey.valueOf(c.key().strip());
                } catch (IllegalArgumentException e) {
                    throw new Refused(sc.err_number(col, sc.f_key(), c.key()));
                }
            }
            Scenario.TariffChange tariff = null;
            if (!(c.gridPrice().isBlank()
                    && c.pvPrice().isBlank()
                    && c.baseFee().isBlank()
                    && c.evPvPrice().isBlank()
                    && c.evGridPrice().isBlank()
                    && c.feedIn().isBlank())) {
                tariff = new Scenario.TariffChange(
                        opt(c.gridPrice(), sc.f_grid_price(), col),
                        opt(c.pvPrice(), sc.f_pv_price(), col),
                        opt(c.baseFee(), sc.f_base_fee(), col),
                        opt(c.evPvPrice(), sc.f_ev_pv_price(), col),
                        opt(c.evGridPrice(), sc.f_ev_grid_price(), col),
                        opt(c.feedIn(), sc.f_feed_in(), col));
            }
            Scenario.Investment investment = null;
            if (!c.capital().isBlank()) {
                investment = new Scenario.Investment(
                        need(c.capital(), sc.f_capital(), col),
                        whole(c.lifetime(), sc.f_lifetime(), col),
                        need(c.maintenance(), sc.f_maintenance(), col),
                        need(c.rate(), sc.f_rate(), col),
                        need(c.purchase(), sc.f_purchase(), col));
            }
            return new Scenario(c.name().strip(), pv, battery, key, "yes".equals(c.ev()), tariff, investment);
        } catch (Refused r) {
            throw r;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Refused(sc.err_scenario(col, String.valueOf(e.getMessage())));
        }
    }

    private BigDecimal need(String value, String field, int col) {
        if (value == null || value.isBlank()) {
            throw new Refused(sc.err_required(col, field));
        }
        return opt(value, field, col);
    }

    private BigDecimal opt(String value, String field, int col) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip().replace(',', '.');
        if (!v.matches("[-+]?\\d+(\\.\\d+)?") && !v.matches("[-+]?\\.\\d+")) {
            throw new Refused(sc.err_number(col, field, value.strip()));
        }
        return new BigDecimal(v);
    }

    private int whole(String value, String field, int col) {
        if (value == null || value.isBlank()) {
            throw new Refused(sc.err_required(col, field));
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new Refused(sc.err_number(col, field, value.strip()));
        }
    }
}
