package org.hausmeter.web.i18n;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The shell's texts: layout, login, start page, kiosk. In templates {@code {msg:key}} or
 * {@code {msg:key(arg)}}; in Java {@code MessageBundles.get(Msg.class, Localized.Literal.of("en"))}.
 * The German texts (the default locale) are in messages/msg_de.properties, the English ones in
 * messages/msg_en.properties; every key must be in both (a build check sees to that).
 */
@MessageBundle(value = "msg", locale = "de")
public interface Msg {
    // Layout
    @Message
    String nav_home();

    @Message
    String nav_me();

    @Message
    String nav_caretaker();

    @Message
    String nav_kiosk();

    @Message
    String nav_login();

    @Message
    String nav_logout();

    @Message
    String nav_language();

    /** The skip link, the first focusable element of every page: jumps to the main content. */
    @Message
    String nav_skip();

    @Message
    String footer();

    // Login
    @Message
    String login_title();

    @Message
    String login_username();

    @Message
    String login_password();

    @Message
    String login_submit();

    @Message
    String login_failed();

    @Message
    String login_throttled(long seconds);

    @Message
    String login_logged_out();

    @Message
    String login_signed_in(String name);

    @Message
    String login_hint();

    // Login sessions (the caretaker's resident page)
    @Message
    String sessions_title();

    @Message
    String sessions_hint();

    @Message
    String sessions_since();

    @Message
    String sessions_last_seen();

    @Message
    String sessions_address();

    @Message
    String sessions_browser();

    @Message
    String sessions_end();

    @Message
    String sessions_end_all();

    @Message
    String sessions_none();

    @Message
    String sessions_ended(int count);

    // Start page
    @Message
    String home_intro();

    @Message
    String home_login_hint();

    @Message
    String home_kiosk_link();

    // Kiosk
    @Message
    String kiosk_title();

    @Message
    String kiosk_pv_now();

    @Message
    String kiosk_uses();

    @Message
    String kiosk_grid();

    @Message
    String kiosk_feeding_in();

    @Message
    String kiosk_buying();

    @Message
    String kiosk_solar_surplus();

    @Message
    String kiosk_some_solar();

    @Message
    String kiosk_grid_only();

    @Message
    String kiosk_no_live();

    @Message
    String kiosk_no_live_yet();

    @Message
    String kiosk_unavailable_since(String time);

    @Message
    String kiosk_reconnecting();

    @Message
    String kiosk_chart_title(String day, String max);

    @Message
    String kiosk_pv_today(String energy);

    @Message
    String kiosk_used_today(String energy);

    @Message
    String kiosk_sunniest(String hours);

    @Message
    String kiosk_not_known();

    @Message
    String kiosk_no_values_today();

    @Message
    String kiosk_wall_stand(String time);

    @Message
    String kiosk_wall_stale(String time);

    @Message
    String kiosk_wall_stale_none();

    @Message
    String kiosk_wall_totals();

    @Message
    String kiosk_price_cheap(String price);

    @Message
    String kiosk_price_normal(String price);

    @Message
    String kiosk_price_expensive(String price);

    @Message
    String kiosk_forecast(String spans);

    @Message
    String kiosk_level_cheap();

    @Message
    String kiosk_level_normal();

    @Message
    String kiosk_level_expensive();

    // Upload limit (web/security/UploadLimit)
    @Message
    String upload_too_large(String mb, String maxMb);
}
