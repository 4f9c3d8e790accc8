package org.hausmeter.web.caretaker;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The charging decision log in words ({@link DecisionTexts}): {@code {dl:key}}. German (the default) in
 * messages/dl_de.properties, English in messages/dl_en.properties, same keys. A bundle of its own, so the log does not
 * grow the console's large bundle.
 */
@MessageBundle(value = "dl", locale = "de")
public interface DecisionMessages {

    @Message
    String started(String session, String resident, String counter);

    @Message
    String stopped(String session, String energy);

    @Message
    String ended(String session, String energy);

    @Message
    String flagged(String session, String energy, String flag);

    @Message
    String energy_unknown();

    @Message
    String flag_no_end_reading();

    @Message
    String flag_backwards(String start, String end);

    @Message
    String flag_no_power();

    @Message
    String refused(String reason);

    @Message
    String stop_failed(String session);

    @Message
    String ignored();

    @Message
    String enrolled(String resident);

    @Message
    String resumed(String session);

    @Message
    String switched_off();

    @Message
    String state_unreadable();

    @Message
    String session_unknown(String session);

    @Message
    String log_line();

    @Message
    String col_person();
}
