package org.hausmeter.web.caretaker;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the caretaker console (navigation, overview, meters, flags, apartments, residents, chargers,
 * notices): {@code {ct:key}} in templates, {@code ct()} in page resources.
 * German (the default) in messages/ct_de.properties, English in messages/ct_en.properties, same keys
 * ({@code MessageBundlesTest} checks both files against the methods and each text's values against the method's
 * parameters). Parameters are named in the texts and are strings: callers pass values formatted. Written by hand
 * next to the properties files; at most 300 texts per bundle (docs/decisions.md).
 */
@MessageBundle(value = "ct", locale = "de")
public interface CaretakerMessages {

    @Message
    String nav_label();

    @Message
    String nav_overview();

    @Message
    String nav_meters();

    @Message
    String nav_flags();

    @Message
    String nav_apartments();

    @Message
    String nav_residents();

    @Message
    String nav_chargers();

    @Message
    String nav_tariffs();

    @Message
    String nav_billing();

    @Message
    String nav_import();

    @Message
    String nav_audit();

    @Message
    String nav_settings();

    @Message
    String form_required(String field);

    @Message
    String form_number(String field, String value);

    @Message
    String form_kwh(String field, String value);

    @Message
    String form_amount(String field, String value);

    @Message
    String form_datetime(String field, String value);

    @Message
    String form_date(String field, String value);

    @Message
    String seconds(String s);

    @Message
    String since(String time);

    @Message
    String col_bus();

    @Message
    String col_meters();

    @Message
    String col_failing();

    @Message
    String col_cycle();

    @Message
    String col_charger();

    @Message
    String col_state();

    @Message
    String charger_busy();

    @Message
    String charger_free();

    @Message
    String flag_kind(String kind);

    @Message
    String overview_title();

    @Message
    String overview_issuer_missing(String count);

    @Message
    String overview_to_settings();

    @Message
    String overview_meters();

    @Message
    String overview_meters_ok(String ok, String total);

    @Message
    String overview_flags();

    @Message
    String overview_drafts();

    @Message
    String overview_last_run();

    @Message
    String overview_no_run();

    @Message
    String overview_buses();

    @Message
    String overview_no_buses();

    @Message
    String overview_problems();

    @Message
    String overview_last_good(String at);

    @Message
    String overview_never_read();

    @Message
    String overview_chargers();

    @Message
    String overview_no_chargers();

    @Message
    String overview_flag_kinds();

    @Message
    String overview_month(String month);

    @Message
    String overview_bills();

    @Message
    String overview_report();

    @Message
    String overview_keys();

    @Message
    String reason();

    @Message
    String day();

    @Message
    String show();

    @Message
    String day_before();

    @Message
    String day_after();

    @Message
    String col_meter();

    @Message
    String col_role();

    @Message
    String col_owner();

    @Message
    String col_address();

    @Message
    String col_model();

    @Message
    String col_health();

    @Message
    String col_latest_import();

    @Message
    String col_latest_export();

    @Message
    String col_latest_at();

    @Message
    String col_time();

    @Message
    String col_import_counter();

    @Message
    String col_export_counter();

    @Message
    String col_source();

    @Message
    String col_kind();

    @Message
    String col_period();

    @Message
    String col_detail();

    @Message
    String col_size();

    @Message
    String role(String role);

    @Message
    String owner_house();

    @Message
    String source(String source);

    @Message
    String quality(String quality);

    @Message
    String unit_id(String id);

    @Message
    String health_not_polled();

    @Message
    String health_defective(String n);

    @Message
    String health_failing(String n);

    @Message
    String health_ok();

    @Message
    String health_waiting();

    @Message
    String health_last_good();

    @Message
    String health_reads();

    @Message
    String health_failures();

    @Message
    String health_last_error();

    @Message
    String meters_title();

    @Message
    String meters_lead();

    @Message
    String health_failure_kind();

    @Message
    String meters_read_now();

    @Message
    String meters_read_now_hint();

    @Message
    String read_now_result(String ok, String total);

    @Message
    String read_now_none();

    @Message
    String col_duration();

    @Message
    String meter_title(String name);

    @Message
    String meter_installed();

    @Message
    String meter_exchanges();

    @Message
    String meter_day(String day);

    @Message
    String meter_chart_title(String name, String day, String max);

    @Message
    String meter_import_day(String kwh);

    @Message
    String meter_export_day(String kwh);

    @Message
    String meter_quarters(String count, String estimated);

    @Message
    String meter_readings(String count);

    @Message
    String meter_no_readings();

    @Message
    String meter_enter_title();

    @Message
    String meter_enter_hint();

    @Message
    String meter_at();

    @Message
    String meter_import();

    @Message
    String meter_export();

    @Message
    String meter_enter_submit();

    @Message
    String meter_exchange_title();

    @Message
    String meter_exchange_hint();

    @Message
    String meter_exchange_at();

    @Message
    String meter_old_import();

    @Message
    String meter_old_export();

    @Message
    String meter_new_model();

    @Message
    String meter_new_import();

    @Message
    String meter_new_export();

    @Message
    String meter_exchange_submit();

    @Message
    String meter_installed_title();

    @Message
    String meter_installed_hint();

    @Message
    String meter_installed_day();

    @Message
    String meter_installed_submit();

    @Message
    String meter_unknown_model(String model);

    @Message
    String flags_title();

    @Message
    String flags_open(String n);

    @Message
    String flags_lead();

    @Message
    String flags_from();

    @Message
    String flags_to();

    @Message
    String flags_run();

    @Message
    String flags_range();

    @Message
    String flags_none();

    @Message
    String flags_building();

    @Message
    String flags_resolve();

    @Message
    String flags_note();

    @Message
    String flags_resolve_submit();

    @Message
    String yes();

    @Message
    String no();

    @Message
    String open();

    @Message
    String save();

    @Message
    String remove();

    @Message
    String issue();

    @Message
    String older();

    @Message
    String newer();

    @Message
    String running();

    @Message
    String vacant();

    @Message
    String no_apartment();

    @Message
    String pdf_preview();

    @Message
    String col_actions();

    @Message
    String col_apartment();

    @Message
    String col_area();

    @Message
    String col_cards();

    @Message
    String col_column();

    @Message
    String col_consumer();

    @Message
    String col_consumption();

    @Message
    String col_email();

    @Message
    String col_end();

    @Message
    String col_energy();

    @Message
    String col_estimated();

    @Message
    String col_flags();

    @Message
    String col_floor();

    @Message
    String col_gross();

    @Message
    String col_header();

    @Message
    String col_item();

    @Message
    String col_language();

    @Message
    String col_login();

    @Message
    String col_move_in();

    @Message
    String col_move_out();

    @Message
    String col_name();

    @Message
    String col_net();

    @Message
    String col_next();

    @Message
    String col_number();

    @Message
    String col_origin();

    @Message
    String col_outcome();

    @Message
    String col_problem();

    @Message
    String col_pv();

    @Message
    String col_pv_share();

    @Message
    String col_quantity();

    @Message
    String col_resident();

    @Message
    String col_session();

    @Message
    String col_since();

    @Message
    String col_start();

    @Message
    String col_status();

    @Message
    String col_tenant();

    @Message
    String col_unit();

    @Message
    String col_unit_price();

    @Message
    String col_username();

    @Message
    String col_vat();

    @Message
    String session_status(String status);

    @Message
    String end_reason(String reason);

    @Message
    String origin(String origin);

    @Message
    String outcome(String outcome);

    @Message
    String decision_reason(String reason);

    @Message
    String apartments_title();

    @Message
    String apartments_lead();

    @Message
    String apartment_title(String code);

    @Message
    String apartment_rerun(String month);

    @Message
    String apartment_to_billing();

    @Message
    String tenancies_title();

    @Message
    String tenancies_none();

    @Message
    String handover_title();

    @Message
    String handover_hint();

    @Message
    String handover_day();

    @Message
    String handover_new();

    @Message
    String handover_choose();

    @Message
    String handover_vacant();

    @Message
    String handover_import();

    @Message
    String handover_import_hint();

    @Message
    String handover_export();

    @Message
    String handover_submit();

    @Message
    String handover_new_resident();

    @Message
    String residents_title();

    @Message
    String resident_new_title();

    @Message
    String resident_new_hint();

    @Message
    String resident_new_submit();

    @Message
    String username_hint();

    @Message
    String password_once(String name, String username);

    @Message
    String password_hint(String until);

    @Message
    String password_new();

    @Message
    String cards_title();

    @Message
    String cards_none();

    @Message
    String card_uid();

    @Message
    String card_uid_hint();

    @Message
    String card_label();

    @Message
    String card_registered();

    @Message
    String card_expires();

    @Message
    String card_valid();

    @Message
    String card_blocked();

    @Message
    String card_expired();

    @Message
    String card_block();

    @Message
    String card_unblock();

    @Message
    String card_register_title();

    @Message
    String card_register();

    @Message
    String enrollment_title();

    @Message
    String enrollment_hint();

    @Message
    String enrollment_start();

    @Message
    String enrollment_cancel();

    @Message
    String enrollment_waiting(String name, String until);

    @Message
    String sessions_title();

    @Message
    String sessions_none();

    @Message
    String chargers_title();

    @Message
    String chargers_lead();

    @Message
    String charger_control();

    @Message
    String charger_not_controlled();

    @Message
    String charger_reader();

    @Message
    String charger_open(String name, String start, String counter);

    @Message
    String session_end();

    @Message
    String tap_title();

    @Message
    String tap_card();

    @Message
    String tap_typed();

    @Message
    String tap_submit();

    @Message
    String car_title();

    @Message
    String car_state(String state);

    @Message
    String car_wants_now(String kwh);

    @Message
    String car_power();

    @Message
    String car_wants();

    @Message
    String car_plug();

    @Message
    String car_unplug();

    @Message
    String decisions_title();

    @Message
    String decisions_hint();

    @Message
    String decisions_none();

    @Message
    String col_line();

    @Message
    String done_reading_entered();

    @Message
    String done_reading_corrected();

    @Message
    String done_meter_exchanged();

    @Message
    String done_meter_installed();

    @Message
    String done_flag_resolved(String n);

    @Message
    String done_checks_run(String days, String flagged);

    @Message
    String done_handover_reading(String kwh);

    @Message
    String done_handover_no_reading();

    @Message
    String done_resident_created(String name, String username);

    @Message
    String done_password(String name);

    @Message
    String done_card_registered(String uid);

    @Message
    String done_card_blocked(String uid);

    @Message
    String done_card_unblocked(String uid);

    @Message
    String done_card_expiry(String uid);

    @Message
    String done_enrollment_started();

    @Message
    String done_enrollment_cancelled();

    @Message
    String done_tap(String outcome, String reason, String message);

    @Message
    String done_session_ended(String outcome, String reason, String message);

    @Message
    String done_car_plugged(String charger);

    @Message
    String done_car_unplugged(String charger);

    @Message
    String done_tariff_saved(String day);

    @Message
    String done_run(String created, String unchanged, String removed, String issued);

    @Message
    String done_issued_all(String n);

    @Message
    String done_adjusted();

    @Message
    String done_adjustment_removed();

    @Message
    String done_issued(String number);

    @Message
    String done_cancelled(String number, String storno);

    @Message
    String done_imported(String inserted, String present);

    @Message
    String done_settings_saved();

    @Message
    String confirm_handover(String apartment);

    @Message
    String confirm_end_session();

    @Message
    String account_title();

    @Message
    String account_sessions_hint();
}
