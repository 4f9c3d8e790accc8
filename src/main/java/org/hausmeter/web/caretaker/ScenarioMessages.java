package org.hausmeter.web.caretaker;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the caretaker's scenario page and the general assembly's PDF handout: {@code {sc:key}}. German (the
 * default) in messages/sc_de.properties, English in messages/sc_en.properties, same keys. A bundle of its own, so
 * the scenario work does not touch the console's large bundles.
 */
@MessageBundle(value = "sc", locale = "de")
public interface ScenarioMessages {

    @Message
    String nav();

    @Message
    String title();

    @Message
    String lead();

    @Message
    String period();

    @Message
    String f_from();

    @Message
    String f_months();

    @Message
    String column(int n);

    @Message
    String f_name();

    @Message
    String sec_pv();

    @Message
    String f_existing_kwp();

    @Message
    String f_pv_kwp();

    @Message
    String f_pv_shift();

    @Message
    String sec_battery();

    @Message
    String f_capacity();

    @Message
    String f_charge_kw();

    @Message
    String f_discharge_kw();

    @Message
    String f_efficiency();

    @Message
    String f_min_soc();

    @Message
    String f_standby_w();

    @Message
    String sec_key();

    @Message
    String f_key();

    @Message
    String key_in_force();

    @Message
    String f_ev();

    @Message
    String ev_yes();

    @Message
    String ev_no();

    @Message
    String sec_tariff();

    @Message
    String f_grid_price();

    @Message
    String f_pv_price();

    @Message
    String f_base_fee();

    @Message
    String f_ev_pv_price();

    @Message
    String f_ev_grid_price();

    @Message
    String f_feed_in();

    @Message
    String sec_investment();

    @Message
    String f_capital();

    @Message
    String f_lifetime();

    @Message
    String f_maintenance();

    @Message
    String f_rate();

    @Message
    String f_purchase();

    @Message
    String compare();

    @Message
    String save_name();

    @Message
    String save();

    @Message
    String err_from(String from);

    @Message
    String err_required(int col, String field);

    @Message
    String err_number(int col, String field, String value);

    @Message
    String err_name_long(int col);

    @Message
    String err_scenario(int col, String message);

    @Message
    String saved(String name);

    @Message
    String deleted(String name);

    @Message
    String not_found(String id);

    @Message
    String saved_title();

    @Message
    String no_saved();

    @Message
    String col_name();

    @Message
    String col_saved_by();

    @Message
    String col_saved_at();

    @Message
    String col_actions();

    @Message
    String open();

    @Message
    String delete();

    @Message
    String handout_de();

    @Message
    String handout_en();

    @Message
    String result_title(String from, String months);

    @Message
    String baseline();

    @Message
    String col_figure();

    @Message
    String g_energy();

    @Message
    String g_bills();

    @Message
    String g_coop();

    @Message
    String g_investment();

    @Message
    String r_self_consumption();

    @Message
    String r_self_sufficiency();

    @Message
    String r_pv();

    @Message
    String r_consumption();

    @Message
    String r_feed_in();

    @Message
    String r_grid_import();

    @Message
    String r_battery_out();

    @Message
    String r_battery_loss();

    @Message
    String r_bills();

    @Message
    String r_bill_min();

    @Message
    String r_bill_median();

    @Message
    String r_bill_max();

    @Message
    String r_solar_share();

    @Message
    String r_pv_income();

    @Message
    String r_feed_in_revenue();

    @Message
    String r_battery_loss_value();

    @Message
    String r_capital();

    @Message
    String r_yearly_saving();

    @Message
    String r_cash_flow();

    @Message
    String r_payback();

    @Message
    String r_npv();

    @Message
    String r_irr();

    @Message
    String r_residents();

    @Message
    String never();

    @Message
    String none();

    @Message
    String days_title();

    @Message
    String day_title(String scenario, String month, String label);

    @Message
    String day_desc(boolean battery);

    @Message
    String l_pv();

    @Message
    String l_consumption();

    @Message
    String l_import();

    @Message
    String l_soc();

    @Message
    String table_alt();

    @Message
    String col_hour();

    @Message
    String h_kwh();

    @Message
    String h_soc();

    @Message
    String months_title();

    @Message
    String months_desc();

    @Message
    String modelled_title();

    @Message
    String modelled();

    @Message
    String not_modelled();

    @Message
    String options_title();

    @Message
    String opt_pv(String kwp, String existing, String shift);

    @Message
    String opt_battery(
            String capacity, String charge, String discharge, String efficiency, String minSoc, String standby);

    @Message
    String opt_key(String key);

    @Message
    String opt_ev();

    @Message
    String opt_tariff(String text);

    @Message
    String opt_investment(String capital, String years, String maintenance, String rate, String purchase);

    @Message
    String opt_nothing();

    @Message
    String pdf_title();

    @Message
    String pdf_period(String building, String from, String months);

    @Message
    String pdf_footer(String page);

    @Message
    String not_a_year(String months);
}
