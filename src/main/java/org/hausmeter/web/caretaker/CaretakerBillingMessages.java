package org.hausmeter.web.caretaker;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the caretaker console for tariffs, billing, reports, CSV import, audit log and settings:
 * {@code {ctb:key}} in templates, {@code ctb()} in page resources.
 * German (the default) in messages/ctb_de.properties, English in messages/ctb_en.properties, same keys
 * ({@code MessageBundlesTest} checks both files against the methods and each text's values against the method's
 * parameters). Parameters are named in the texts and are strings: callers pass values formatted. Written by hand
 * next to the properties files; at most 300 texts per bundle (docs/decisions.md).
 */
@MessageBundle(value = "ctb", locale = "de")
public interface CaretakerBillingMessages {

    @Message
    String status(String status);

    @Message
    String kind_invoice();

    @Message
    String kind_cancellation();

    @Message
    String unit(String unit);

    @Message
    String line_label(String key, String kind);

    @Message
    String line_window(String window);

    @Message
    String line_session(String start, String end, String pvShare);

    @Message
    String line_days(String days, String daysInMonth);

    @Message
    String key_name(String key);

    @Message
    String key_explain(String key);

    @Message
    String key_in_use();

    @Message
    String common_key(String key);

    @Message
    String day_type(String type);

    @Message
    String issuer_field(String key);

    @Message
    String tariffs_title();

    @Message
    String tariffs_lead();

    @Message
    String tariffs_none();

    @Message
    String tariff_from_day(String day);

    @Message
    String tariff_current();

    @Message
    String tariff_pv();

    @Message
    String tariff_base_fee();

    @Message
    String tariff_ev_pv();

    @Message
    String tariff_ev_grid();

    @Message
    String tariff_feed_in();

    @Message
    String tariff_vat();

    @Message
    String tariff_key();

    @Message
    String tariff_common_key();

    @Message
    String tariff_grid();

    @Message
    String tariff_flat();

    @Message
    String tariff_season();

    @Message
    String tariff_months();

    @Message
    String tariff_day_type();

    @Message
    String tariff_window();

    @Message
    String tariff_time();

    @Message
    String tariff_from();

    @Message
    String tariff_to();

    @Message
    String tariff_price();

    @Message
    String tariff_new_title();

    @Message
    String tariff_new_hint();

    @Message
    String tariff_valid_from();

    @Message
    String tariff_grid_hint();

    @Message
    String tariff_windows_legend();

    @Message
    String tariff_save();

    @Message
    String tariff_all_year();

    @Message
    String tariff_grid_missing();

    @Message
    String tariff_grid_both();

    @Message
    String tariff_months_bad(String season, String text);

    @Message
    String billing_title(String month);

    @Message
    String billing_month();

    @Message
    String billing_run();

    @Message
    String billing_rerun();

    @Message
    String billing_issue_all(String n);

    @Message
    String billing_zip();

    @Message
    String billing_hint();

    @Message
    String billing_none();

    @Message
    String billing_future();

    @Message
    String billing_replaces(String number);

    @Message
    String billing_total(String drafts, String issued);

    @Message
    String billing_changed(String n);

    @Message
    String bill_issued();

    @Message
    String bill_due();

    @Message
    String bill_cancels();

    @Message
    String bill_cancelled_by();

    @Message
    String bill_replaces();

    @Message
    String bill_replaced_by();

    @Message
    String bill_new_draft();

    @Message
    String bill_of_which_pv(String kwh);

    @Message
    String bill_estimated(String n, String share);

    @Message
    String bill_none_estimated();

    @Message
    String bill_meters();

    @Message
    String bill_start();

    @Message
    String bill_end();

    @Message
    String bill_flags();

    @Message
    String bill_flags_link();

    @Message
    String bill_lines();

    @Message
    String bill_vat_line(String percent, String net);

    @Message
    String adjust_title();

    @Message
    String adjust_none();

    @Message
    String adjust_hint();

    @Message
    String adjust_net();

    @Message
    String adjust_net_hint();

    @Message
    String adjust_vat();

    @Message
    String adjust_by();

    @Message
    String adjust_submit();

    @Message
    String cancel_title();

    @Message
    String cancel_hint();

    @Message
    String cancel_submit();

    @Message
    String report_title(String month);

    @Message
    String report_lead();

    @Message
    String report_pv_produced();

    @Message
    String report_self_consumed();

    @Message
    String report_share_of_pv(String share);

    @Message
    String report_share_of_pv_col();

    @Message
    String report_exported();

    @Message
    String report_measured_export(String kwh);

    @Message
    String report_feed_in();

    @Message
    String report_grid_import();

    @Message
    String report_consumption();

    @Message
    String report_autarky(String share);

    @Message
    String report_autarky_col();

    @Message
    String report_chart_title(String month);

    @Message
    String report_row_pv();

    @Message
    String report_row_consumption();

    @Message
    String report_row_split();

    @Message
    String report_from_pv();

    @Message
    String report_from_grid();

    @Message
    String report_pv_apartments();

    @Message
    String report_pv_common();

    @Message
    String report_pv_chargers();

    @Message
    String report_consumers();

    @Message
    String keys_title(String month);

    @Message
    String keys_lead();

    @Message
    String keys_chart_title(String month);

    @Message
    String keys_chart_caption();

    @Message
    String keys_bills();

    @Message
    String keys_pv(String kwh);

    @Message
    String keys_building();

    @Message
    String import_title();

    @Message
    String import_lead();

    @Message
    String import_file();

    @Message
    String import_layout();

    @Message
    String import_layout_name(String layout);

    @Message
    String import_zone();

    @Message
    String import_zone_hint(String zone);

    @Message
    String import_preview();

    @Message
    String import_formats();

    @Message
    String import_preview_title(String file);

    @Message
    String import_kind();

    @Message
    String import_kind_name(String kind);

    @Message
    String import_rows();

    @Message
    String import_values();

    @Message
    String import_ok();

    @Message
    String import_commit();

    @Message
    String import_empty();

    @Message
    String import_problems(String n);

    @Message
    String import_problems_shown(String n);

    @Message
    String import_no_file();

    @Message
    String import_expired();

    @Message
    String import_refused();

    @Message
    String import_zone_bad(String zone);

    @Message
    String meter_sources_title();

    @Message
    String meter_sources_quarters();

    @Message
    String meter_sources_quality();

    @Message
    String import_resolution();

    @Message
    String import_resolution_name(String kind, String minutes);

    @Message
    String import_spread();

    @Message
    String import_spread_on();

    @Message
    String import_conflicts(String n);

    @Message
    String import_conflicts_shown(String n);

    @Message
    String import_col_kind();

    @Message
    String import_conflict_kind(String kind);

    @Message
    String import_col_time();

    @Message
    String import_col_stored();

    @Message
    String import_col_new();

    @Message
    String import_col_source();

    @Message
    String import_keep();

    @Message
    String import_replace();

    @Message
    String import_reason();

    @Message
    String import_reason_missing();

    @Message
    String import_cancel();

    @Message
    String import_cancelled();

    @Message
    String import_done(String inserted, String unchanged, String kept, String replaced, String rows, String seconds);

    @Message
    String provenance(String kind, String reference, String position, String who);

    @Message
    String audit_title();

    @Message
    String audit_lead();

    @Message
    String audit_actor();

    @Message
    String audit_action();

    @Message
    String audit_subject();

    @Message
    String audit_from();

    @Message
    String audit_to();

    @Message
    String audit_all();

    @Message
    String audit_filter();

    @Message
    String audit_change();

    @Message
    String audit_show();

    @Message
    String audit_before();

    @Message
    String audit_after();

    @Message
    String audit_none();

    @Message
    String audit_page(String n);

    @Message
    String settings_title();

    @Message
    String settings_name();

    @Message
    String settings_zone();

    @Message
    String settings_currency();

    @Message
    String settings_fixed();

    @Message
    String settings_payment_days();

    @Message
    String settings_payment_hint();

    @Message
    String settings_grid_hint();

    @Message
    String settings_board_hint();

    @Message
    String settings_issuer_hint();

    @Message
    String settings_missing();

    @Message
    String settings_needed();

    @Message
    String keys_chart_caption_gross();

    @Message
    String key_short(String key);

    @Message
    String confirm_issue_all(String n);

    @Message
    String confirm_issue(String apartment);

    @Message
    String confirm_cancel(String number);

    @Message
    String confirm_missing();

    @Message
    String report_legend_pv();

    @Message
    String import_another();

    @Message
    String issued_some(String n, String left);

    @Message
    String col_data();

    @Message
    String data_complete();

    @Message
    String data_share(String percent);

    @Message
    String data_blocked();

    @Message
    String energy_source(String source);

    @Message
    String blocked_title();

    @Message
    String blocked_hint();

    @Message
    String gap_whole(String days);

    @Message
    String gap_part(String days, String missing, String intervals);

    @Message
    String issue_despite();

    @Message
    String decision(String detail, String by, String at, String reason);
}
