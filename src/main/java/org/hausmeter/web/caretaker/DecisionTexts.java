package org.hausmeter.web.caretaker;

import java.time.Instant;
import java.util.Locale;
import org.hausmeter.charging.ChargingService.SessionView;
import org.hausmeter.charging.DecisionLog;
import org.hausmeter.web.Formats;

/**
 * One entry of the charging decision log in the caretaker's words: what happened, from the entry's outcome and reason
 * and the facts of its session (the energy in kWh with the locale's separators, the flag's cause), instead of the
 * English log line the service wrote (which the page keeps, folded away, for diagnosis).
 */
final class DecisionTexts {

    /**
     * A row of the page's decision log.
     *
     * @param at       when
     * @param charger  the charger's id, or null
     * @param cardUid  the card, or null
     * @param person   whose card or session, or null
     * @param origin   where the decision came from (a code the page translates)
     * @param outcome  the outcome (a code the page translates)
     * @param reason   the reason (a code the page translates)
     * @param text     what happened, in the page's language
     * @param logLine  the service's log line (English)
     */
    record Row(
            Instant at,
            String charger,
            String cardUid,
            String person,
            String origin,
            String outcome,
            String reason,
            String text,
            String logLine) {}

    private DecisionTexts() {}

    /**
     * @param e       the entry
     * @param session its session, or null (none, or removed)
     * @param person  the name of its resident, or null
     */
    static Row row(DecisionLog.Entry e, SessionView session, String person, DecisionMessages dl, Locale locale) {
        return new Row(
                e.at(),
                e.charger(),
                e.cardUid(),
                person,
                e.origin(),
                e.outcome(),
                e.reason(),
                text(e, session, person, dl, locale),
                e.message());
    }

    static String text(DecisionLog.Entry e, SessionView session, String person, DecisionMessages dl, Locale locale) {
        String id = e.sessionId() == null ? "" : e.sessionId().toString();
        String who = person == null ? "?" : person;
        switch (e.outcome()) {
            case "STARTED":
                return session == null
                        ? dl.session_unknown(id)
                        : dl.started(id, who, Formats.kwh(session.startWh(), 3, locale));
            case "STOPPED":
            case "ENDED":
                if (session == null) {
                    return dl.session_unknown(id);
                }
                return e.outcome().equals("STOPPED")
                        ? dl.stopped(id, energy(session, dl, locale))
                        : dl.ended(id, energy(session, dl, locale));
            case "FLAGGED":
                return session == null
                        ? dl.session_unknown(id)
                        : dl.flagged(id, energy(session, dl, locale), flag(session, dl, locale));
            case "REFUSED":
                return e.sessionId() != null && e.reason().equals("CHARGER_FAILED")
                        ? dl.stop_failed(id)
                        : dl.refused(e.reason());
            case "IGNORED":
                return dl.ignored();
            case "ENROLLED":
                return dl.enrolled(who);
            case "CONTROL":
                return switch (e.reason()) {
                    case "RESUMED" -> dl.resumed(id);
                    case "ENABLED_WITHOUT_SESSION" -> dl.switched_off();
                    default -> dl.state_unreadable();
                };
            default:
                return e.message();
        }
    }

    /** The energy the session charged, or "energy unknown" while there is no end reading. */
    static String energy(SessionView s, DecisionMessages dl, Locale locale) {
        return s.energyWh() == null ? dl.energy_unknown() : Formats.kwh(s.energyWh(), 2, locale);
    }

    /**
     * Why a flagged session is not billed, in the page's language: {@code {s.flagText}} in a template (the sessions
     * table), instead of the English flag reason the service stored.
     */
    @io.quarkus.qute.TemplateExtension
    static String flagText(
            SessionView s, @io.quarkus.qute.TemplateExtension.TemplateAttribute("locale") Object locale) {
        Locale l = org.hausmeter.web.i18n.Locales.of(locale);
        return flag(
                s,
                io.quarkus.qute.i18n.MessageBundles.get(
                        DecisionMessages.class, io.quarkus.qute.i18n.Localized.Literal.of(l.getLanguage())),
                l);
    }

    /** Why a flagged session is not billed, from its readings (SessionRules#close decided it the same way). */
    static String flag(SessionView s, DecisionMessages dl, Locale locale) {
        if (s.endWh() == null) {
            return dl.flag_no_end_reading();
        }
        if (s.endWh() < s.startWh()) {
            return dl.flag_backwards(Formats.kwh(s.startWh(), 3, locale), Formats.kwh(s.endWh(), 3, locale));
        }
        return dl.flag_no_power();
    }
}
