package org.hausmeter.web.caretaker;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hausmeter.web.Formats;

/**
 * An audit entry as the caretaker reads it: the action in words, the subject as its kind and the name of what it
 * names (a person, an apartment, a bill's number) instead of a bare id, and the reasons the server writes itself
 * translated; reasons people typed stay as they were typed.
 */
final class AuditTexts {

    private static final Pattern BUILDING_FILE = Pattern.compile("changed in (.+):(\\d+)");
    private static final Pattern HANDOVER = Pattern.compile("handover (\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern RETENTION =
            Pattern.compile("last tenancy ended before (\\S+) \\(retention (P\\w+)\\)");

    private AuditTexts() {}

    /** The key {@code AuditTrail#names} gives a subject's name under ({@code tenancy:5:2026-10} → {@code tenancy:5}). */
    static String nameKey(String subject) {
        if (subject != null && subject.startsWith("tenancy:")) {
            int second = subject.indexOf(':', "tenancy:".length());
            return second < 0 ? subject : subject.substring(0, second);
        }
        return subject;
    }

    /**
     * The subject in words: "Wohnung – EG links", "Rechnung 2026-0012", "Person anna – Anna Berger",
     * "Monat Oktober 2026"; the kind word alone for {@code building}.
     */
    static String subject(String subject, Map<String, String> names, AuditMessages au, Locale locale) {
        if (subject == null || subject.isBlank()) {
            return "";
        }
        int colon = subject.indexOf(':');
        if (colon < 0) {
            return au.kind(subject);
        }
        String kind = subject.substring(0, colon);
        String id = subject.substring(colon + 1);
        String name = names.get(nameKey(subject));
        String word = au.kind(kind);
        switch (kind) {
            case "bill":
                return name == null ? word + " " + id : word + " " + name;
            case "month":
                try {
                    return word + " " + Formats.month(YearMonth.parse(id), locale);
                } catch (DateTimeParseException e) {
                    return word + " " + id;
                }
            case "tenancy": {
                int second = id.indexOf(':');
                String month = "";
                if (second > 0) {
                    try {
                        month = ", " + Formats.month(YearMonth.parse(id.substring(second + 1)), locale);
                    } catch (DateTimeParseException e) {
                        month = ", " + id.substring(second + 1);
                    }
                }
                return name == null ? word + " " + id : word + " " + name + month;
            }
            default:
                return name == null || name.equals(id) ? word + " " + id : word + " " + id + " – " + name;
        }
    }

    /** Who did it: the person's name with the login in brackets, or "System" for the server. */
    static String actor(String actor, Map<String, String> names, AuditMessages au) {
        if (actor == null || actor.isBlank() || actor.equals("system")) {
            return au.system();
        }
        String name = names.get("account:" + actor);
        return name == null ? actor : name + " (" + actor + ")";
    }

    /** A reason the server wrote in words of the page's language; a reason somebody typed as typed. */
    static String reason(String reason, AuditMessages au, Locale locale, ZoneId zone) {
        if (reason == null) {
            return null;
        }
        Matcher m;
        switch (reason) {
            case "demo seed":
                return au.reason_demo_seed();
            case "initial password shown to the caretaker":
                return au.reason_initial_password();
            case "new password shown to the caretaker":
                return au.reason_new_password();
            case "first caretaker, one-time password printed to the operator":
                return au.reason_first_caretaker();
            case "reset-password: one-time password printed":
                return au.reason_reset_password();
            case "created through the API":
                return au.reason_api();
            case "MSCONS import":
                return au.reason_mscons();
            case "CSV import":
                return au.reason_csv();
            default:
                break;
        }
        if (reason.startsWith("CSV import: ")) {
            return au.reason_csv_replaced(reason.substring("CSV import: ".length()));
        }
        if ((m = BUILDING_FILE.matcher(reason)).matches()) {
            return au.reason_building_file(m.group(1), m.group(2));
        }
        if ((m = HANDOVER.matcher(reason)).matches()) {
            return au.reason_handover(Formats.date(LocalDate.parse(m.group(1)), locale));
        }
        if ((m = RETENTION.matcher(reason)).matches()) {
            try {
                Period p = Period.parse(m.group(2));
                if (p.getMonths() == 0 && p.getDays() == 0) {
                    return au.reason_retention(
                            Formats.date(Instant.parse(m.group(1)).atZone(zone).toLocalDate(), locale),
                            String.valueOf(p.getYears()));
                }
            } catch (DateTimeParseException e) {
                return reason;
            }
        }
        return reason;
    }
}
