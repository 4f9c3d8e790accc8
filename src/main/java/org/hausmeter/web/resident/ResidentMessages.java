package org.hausmeter.web.resident;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the resident pages: {@code {me:key}} in templates, {@code MessageBundles.get(ResidentMessages.class,
 * Localized.Literal.of("en"))} in Java. German in messages/me_de.properties (the default locale), English in
 * messages/me_en.properties, with the same keys.
 */
@MessageBundle(value = "me", locale = "de")
public interface ResidentMessages {
    @Message
    String nav_overview();

    @Message
    String nav_bills();

    @Message
    String nav_charging();

    @Message
    String nav_export();

    @Message
    String nav_account();

    @Message
    String nav_resident();

    @Message
    String title();

    @Message
    String apartment_heading(String name, String code);

    @Message
    String tenancy_since(String date);

    @Message
    String tenancy_period(String from, String to);

    @Message
    String no_apartment();

    @Message
    String other_apartments();

    @Message
    String data_as_of(String time);

    @Message
    String no_data_yet();

    @Message
    String card_today();

    @Message
    String card_week();

    @Message
    String card_month();

    @Message
    String card_year();

    @Message
    String card_solar(String percent);

    @Message
    String card_co2(String kg);

    @Message
    String card_pv_unknown();

    @Message
    String cost_title();

    @Message
    String cost_month(String month);

    @Message
    String cost_as_of(String time);

    @Message
    String cost_no_data_yet();

    @Message
    String cost_none();

    @Message
    String cost_details();

    @Message
    String line_grid_energy();

    @Message
    String line_pv_energy();

    @Message
    String line_base_fee();

    @Message
    String line_common_grid();

    @Message
    String line_common_pv();

    @Message
    String line_ev_session();

    @Message
    String line_adjustment();

    @Message
    String line_vat(String rate);

    @Message
    String line_total();

    @Message
    String period_label();

    @Message
    String period_day();

    @Message
    String period_week();

    @Message
    String period_month();

    @Message
    String period_year();

    @Message
    String resolution_label();

    @Message
    String resolution_15min();

    @Message
    String resolution_hour();

    @Message
    String resolution_day();

    @Message
    String resolution_month();

    @Message
    String earlier();

    @Message
    String later();

    @Message
    String current_period();

    @Message
    String week_name(int week, String from, String to);

    @Message
    String report_heading(String period);

    @Message
    String chart_title(String period, String total);

    @Message
    String chart_desc(String total, String pv, String share);

    @Message
    String chart_desc_nopv(String total);

    @Message
    String bar_title(String time, String total, String pv, String share);

    @Message
    String bar_title_nopv(String time, String total);

    @Message
    String legend_pv();

    @Message
    String legend_grid();

    @Message
    String legend_use();

    @Message
    String no_data_period();

    @Message
    String running_period();

    @Message
    String compare_heading();

    @Message
    String compare_you();

    @Message
    String compare_last_year();

    @Message
    String compare_median();

    @Message
    String compare_median_note(int count);

    @Message
    String compare_less(String percent);

    @Message
    String compare_more(String percent);

    @Message
    String compare_same();

    @Message
    String compare_no_median();

    @Message
    String compare_running();

    @Message
    String co2_line(String kg);

    @Message
    String co2_note(String factor);

    @Message
    String solar_line(String percent);

    @Message
    String total_line(String total);

    @Message
    String table_summary();

    @Message
    String table_time();

    @Message
    String table_total();

    @Message
    String table_pv();

    @Message
    String table_grid();

    @Message
    String table_co2();

    @Message
    String heat_heading();

    @Message
    String heat_title(String from, String to);

    @Message
    String heat_desc();

    @Message
    String heat_day(String date, String total);

    @Message
    String heat_less();

    @Message
    String heat_more();

    @Message
    String heat_level(String total);

    @Message
    String heat_level_top(String total);

    @Message
    String heat_no_data(String date);

    @Message
    String more_heading();

    @Message
    String bills_title();

    @Message
    String bills_intro();

    @Message
    String bills_none();

    @Message
    String bills_number();

    @Message
    String bills_kind();

    @Message
    String bills_period();

    @Message
    String bills_issued();

    @Message
    String bills_due();

    @Message
    String bills_status();

    @Message
    String bills_pdf();

    @Message
    String bills_download(String number);

    @Message
    String kind_invoice();

    @Message
    String kind_cancellation();

    @Message
    String status_issued();

    @Message
    String status_cancelled(String number);

    @Message
    String bills_cancels(String number);

    @Message
    String bills_replaces(String number);

    @Message
    String charging_title();

    @Message
    String charging_none();

    @Message
    String charging_start();

    @Message
    String charging_end();

    @Message
    String charging_charger();

    @Message
    String charging_card();

    @Message
    String charging_energy();

    @Message
    String charging_solar();

    @Message
    String charging_running();

    @Message
    String charging_flagged();

    @Message
    String charging_billed(String number);

    @Message
    String charging_provisional();

    @Message
    String charging_pending();

    @Message
    String charging_total(int count, String energy, String pv);

    @Message
    String charging_report();

    @Message
    String export_title();

    @Message
    String export_from();

    @Message
    String export_to();

    @Message
    String export_submit();

    @Message
    String export_bad_dates();

    @Message
    String account_title();

    @Message
    String account_name();

    @Message
    String account_username();

    @Message
    String language_heading();

    @Message
    String language_intro();

    @Message
    String language_save();

    @Message
    String password_heading();

    @Message
    String password_old();

    @Message
    String password_new();

    @Message
    String password_repeat();

    @Message
    String password_hint(int min, int max);

    @Message
    String password_submit();

    @Message
    String password_changed();

    @Message
    String password_wrong_old();

    @Message
    String password_too_short(int min);

    @Message
    String password_too_long(int max);

    @Message
    String password_mismatch();

    @Message
    String password_same();

    @Message
    String password_throttled(long seconds);

    @Message
    String password_required();

    @Message
    String error_forbidden_title();

    @Message
    String error_forbidden();

    @Message
    String error_bad_request_title();

    @Message
    String error_bad_request();

    @Message
    String error_back();

    /** Where a quarter hour came from (export column and day data). */
    @Message
    String provenance(String kind, String reference, String position, String who);
}
