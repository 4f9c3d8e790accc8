package org.hausmeter.web.caretaker;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.hausmeter.scenario.ScenarioEngine;
import org.hausmeter.scenario.ScenarioResult;

/**
 * The comparison as text (pure formatting): one row per figure, one cell per scenario with the baseline first. The
 * page and the PDF handout show the same rows. Energy in kWh with 1 decimal (Wh / 1000, HALF_UP), money with 2
 * decimals and the currency, shares in % with 1 decimal, in the reader's language.
 */
final class ScenarioTables {

    /** One figure across the scenarios; {@code group} starts a section when not null. */
    record Row(String id, String label, List<String> cells, String group) {}

    /** Day chart and month chart geometry live in {@link ScenarioCharts}. */
    private ScenarioTables() {}

    static String kwh(long wh, Locale locale) {
        return number(BigDecimal.valueOf(wh).movePointLeft(3).setScale(1, RoundingMode.HALF_UP), 1, locale);
    }

    static String money(BigDecimal v, String currency, Locale locale) {
        return v == null ? "–" : number(v.setScale(2, RoundingMode.HALF_UP), 2, locale) + " " + currency;
    }

    static String percent(BigDecimal share, Locale locale) {
        return share == null
                ? "–"
                : number(share.movePointRight(2).setScale(1, RoundingMode.HALF_UP), 1, locale) + " %";
    }

    static String number(BigDecimal v, int decimals, Locale locale) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMinimumFractionDigits(decimals);
        f.setMaximumFractionDigits(decimals);
        f.setGroupingUsed(true);
        return f.format(v);
    }

    static List<Row> rows(ScenarioEngine.Comparison c, ScenarioMessages sc, Locale locale) {
        List<ScenarioResult> all = new ArrayList<>();
        all.add(c.baseline());
        all.addAll(c.scenarios());
        String cur = c.baseline().money().currency();
        List<Row> rows = new ArrayList<>();
        rows.add(row(
                "self-consumption",
                sc.r_self_consumption(),
                all,
                r -> percent(r.energy().selfConsumption(), locale),
                sc.g_energy()));
        rows.add(row(
                "self-sufficiency",
                sc.r_self_sufficiency(),
                all,
                r -> percent(r.energy().selfSufficiency(), locale),
                null));
        rows.add(row("pv", sc.r_pv(), all, r -> kwh(r.energy().pvWh(), locale), null));
        rows.add(row("consumption", sc.r_consumption(), all, r -> kwh(r.energy().consumptionWh(), locale), null));
        rows.add(row("feed-in", sc.r_feed_in(), all, r -> kwh(r.energy().feedInWh(), locale), null));
        rows.add(row("grid-import", sc.r_grid_import(), all, r -> kwh(r.energy().gridImportWh(), locale), null));
        rows.add(row("battery-out", sc.r_battery_out(), all, r -> kwh(r.energy().batteryOutWh(), locale), null));
        rows.add(row(
                "battery-loss", sc.r_battery_loss(), all, r -> kwh(r.energy().batteryLossWh(), locale), null));
        rows.add(row("bills", sc.r_bills(), all, r -> money(r.money().billsGross(), cur, locale), sc.g_bills()));
        rows.add(row("bill-min", sc.r_bill_min(), all, r -> money(r.billSpread().min(), cur, locale), null));
        rows.add(row(
                "bill-median",
                sc.r_bill_median(),
                all,
                r -> money(r.billSpread().median(), cur, locale),
                null));
        rows.add(row("bill-max", sc.r_bill_max(), all, r -> money(r.billSpread().max(), cur, locale), null));
        rows.add(row(
                "solar-share",
                sc.r_solar_share(),
                all,
                r -> percent(r.solarSpread().min(), locale) + " – "
                        + percent(r.solarSpread().max(), locale),
                null));
        rows.add(row("pv-income", sc.r_pv_income(), all, r -> money(r.money().pvIncome(), cur, locale), sc.g_coop()));
        rows.add(row(
                "feed-in-revenue",
                sc.r_feed_in_revenue(),
                all,
                r -> money(r.money().feedInRevenue(), cur, locale),
                null));
        rows.add(row(
                "battery-loss-value",
                sc.r_battery_loss_value(),
                all,
                r -> money(r.money().batteryLossValue(), cur, locale),
                null));
        rows.add(row(
                "capital",
                sc.r_capital(),
                all,
                r -> r.investment() == null ? "–" : money(r.investment().capitalCost(), cur, locale),
                sc.g_investment()));
        rows.add(row(
                "yearly-saving",
                sc.r_yearly_saving(),
                all,
                r -> r.investment() == null ? "–" : money(r.investment().yearlySaving(), cur, locale),
                null));
        rows.add(row(
                "cash-flow",
                sc.r_cash_flow(),
                all,
                r -> r.investment() == null ? "–" : money(r.investment().yearlyCashFlow(), cur, locale),
                null));
        rows.add(row(
                "payback",
                sc.r_payback(),
                all,
                r -> r.investment() == null
                        ? "–"
                        : r.investment().simplePaybackYears() == null
                                ? sc.never()
                                : number(r.investment().simplePaybackYears(), 1, locale),
                null));
        rows.add(row(
                "npv",
                sc.r_npv(),
                all,
                r -> r.investment() == null ? "–" : money(r.investment().npv(), cur, locale),
                null));
        rows.add(row(
                "irr",
                sc.r_irr(),
                all,
                r -> r.investment() == null
                        ? "–"
                        : r.investment().irr() == null
                                ? sc.none()
                                : percent(r.investment().irr(), locale),
                null));
        rows.add(row(
                "residents",
                sc.r_residents(),
                all,
                r -> r.investment() == null ? "–" : money(r.investment().residentsBillChange(), cur, locale),
                null));
        return rows;
    }

    private static Row row(
            String id, String label, List<ScenarioResult> all, Function<ScenarioResult, String> cell, String group) {
        return new Row(id, label, all.stream().map(cell).toList(), group);
    }
}
