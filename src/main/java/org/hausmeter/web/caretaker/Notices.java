package org.hausmeter.web.caretaker;

/**
 * The success notices after a POST-redirect-GET: {@code ?done=key&n=arg} back to a page's text.
 * Several values travel in {@code n} separated by "|" or ","; unknown keys show nothing.
 */
final class Notices {

    private Notices() {}

    static Notice done(CaretakerMessages ct, java.util.Locale locale, String key, String arg) {
        if (key == null) {
            return null;
        }
        String n = arg == null ? "" : arg;
        String[] p = n.split("\\|", -1);
        String[] c = p[0].split(",", -1);
        return switch (key) {
            case "reading_entered" -> Notice.ok(ct.done_reading_entered());
            case "reading_corrected" -> Notice.ok(ct.done_reading_corrected());
            case "meter_exchanged" -> Notice.ok(ct.done_meter_exchanged());
            case "meter_installed" -> Notice.ok(ct.done_meter_installed());
            case "meter_calibration" ->
                Notice.ok(io.quarkus.qute.i18n.MessageBundles.get(
                                MeterRegisterMessages.class,
                                io.quarkus.qute.i18n.Localized.Literal.of(locale.getLanguage()))
                        .done_meter_calibration());
            case "flag_resolved" -> Notice.ok(ct.done_flag_resolved(n));
            case "checks_run" -> {
                String[] d = n.split("/", -1);
                yield Notice.ok(ct.done_checks_run(d[0], d.length > 1 ? d[1] : "0"));
            }
            case "handover" ->
                Notice.ok(
                        p.length > 1 && p[1].matches("\\d+")
                                ? ct.done_handover_reading(
                                        org.hausmeter.web.Formats.kwh(Long.parseLong(p[1]), 3, locale))
                                : ct.done_handover_no_reading());
            case "card_registered" -> Notice.ok(ct.done_card_registered(n));
            case "card_blocked" -> Notice.ok(ct.done_card_blocked(n));
            case "card_unblocked" -> Notice.ok(ct.done_card_unblocked(n));
            case "card_expiry" -> Notice.ok(ct.done_card_expiry(n));
            case "enrollment_started" -> Notice.ok(ct.done_enrollment_started());
            case "enrollment_cancelled" -> Notice.ok(ct.done_enrollment_cancelled());
            case "tap_accepted", "tap_refused", "session_ended" -> {
                String outcome = ct.outcome(p[0]);
                String reason = p.length > 1 ? ct.decision_reason(p[1]) : "";
                String message = p.length > 2 ? p[2] : "";
                String text = key.equals("session_ended")
                        ? ct.done_session_ended(outcome, reason, message)
                        : ct.done_tap(outcome, reason, message);
                yield key.equals("tap_refused") ? Notice.warn(text) : Notice.ok(text);
            }
            case "car_plugged" -> Notice.ok(ct.done_car_plugged(n));
            case "car_unplugged" -> Notice.ok(ct.done_car_unplugged(n));
            case "tariff_saved" -> Notice.ok(ct.done_tariff_saved(n));
            case "run" ->
                c.length < 4
                        ? Notice.ok(ct.done_run("?", "?", "?", "?"))
                        : Notice.ok(ct.done_run(c[0], c[1], c[2], c[3]));
            case "issued_all" -> Notice.ok(ct.done_issued_all(n));
            case "adjusted" -> Notice.ok(ct.done_adjusted());
            case "adjustment_removed" -> Notice.ok(ct.done_adjustment_removed());
            case "issued" -> Notice.ok(ct.done_issued(n));
            case "cancelled" -> Notice.ok(ct.done_cancelled(p[0], p.length > 1 ? p[1] : ""));
            case "imported" -> Notice.ok(ct.done_imported(p[0], p.length > 1 ? p[1] : "0"));
            case "settings_saved" -> Notice.ok(ct.done_settings_saved());
            default -> null;
        };
    }
}
