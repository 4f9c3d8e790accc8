package org.hausmeter.web.resident;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the resident pages added with issue 17 (power now, the price hint, honest comparisons, bill and charging
 * columns): {@code {rp:key}}. German (the default) in messages/rp_de.properties, English in
 * messages/rp_en.properties, same keys. A bundle of its own, so the resident bundle {@code me} stays small.
 */
@MessageBundle(value = "rp", locale = "de")
public interface ResidentPageMessages {

    // ---- power now ----

    @Message
    String now_heading();

    @Message
    String now_yours();

    @Message
    String now_building_use();

    @Message
    String now_building_pv();

    @Message
    String now_at(String time);

    @Message
    String now_stale(String time);

    @Message
    String now_unavailable();

    @Message
    String now_no_meter();

    // ---- a good time to use power ----

    @Message
    String hint_heading();

    @Message
    String hint_cheap(String price);

    @Message
    String hint_normal(String price);

    @Message
    String hint_expensive(String price);

    @Message
    String hint_solar();

    @Message
    String hint_cheap_until(String until);

    @Message
    String hint_next_cheap(String from, String to);

    @Message
    String hint_no_cheap_today();

    @Message
    String hint_no_tariff();

    // ---- comparison with last year ----

    @Message
    String no_readings_period();

    @Message
    String lastyear_moved_in_during(String date);

    @Message
    String lastyear_moved_in_later(String date);

    @Message
    String lastyear_not_resident();

    @Message
    String lastyear_none_day();

    @Message
    String lastyear_none_week();

    @Message
    String lastyear_none_month();

    @Message
    String lastyear_none_year();

    @Message
    String lastyear_some(int have, int days);

    // ---- bills ----

    @Message
    String bills_kwh();

    @Message
    String bills_solar();

    @Message
    String bills_gross();

    // ---- EV charging and cost ----

    @Message
    String ev_intro();

    @Message
    String ev_cost();

    @Message
    String ev_provisional_draft(String month);

    @Message
    String ev_provisional_running(String month, String date);

    @Message
    String ev_unbilled_no_run(String month);

    @Message
    String ev_unbilled_missing(String month);

    @Message
    String ev_total_cost(String cost);

    @Message
    String cost_ev(String cost);

    @Message
    String cost_lines_net();

    @Message
    String ev_signed();

    @Message
    String ev_signed_title();
}
