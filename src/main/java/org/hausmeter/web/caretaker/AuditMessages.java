package org.hausmeter.web.caretaker;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The audit page in words ({@link AuditTexts}): actions, kinds of subject and the reasons the server writes itself.
 * {@code {au:key}}. German (the default) in messages/au_de.properties, English in messages/au_en.properties, same
 * keys. A bundle of its own, so the audit page does not grow the console's large bundles.
 */
@MessageBundle(value = "au", locale = "de")
public interface AuditMessages {

    @Message
    String action(String action);

    @Message
    String kind(String kind);

    @Message
    String reason_building_file(String file, String line);

    @Message
    String reason_demo_seed();

    @Message
    String reason_initial_password();

    @Message
    String reason_new_password();

    @Message
    String reason_first_caretaker();

    @Message
    String reason_reset_password();

    @Message
    String reason_handover(String day);

    @Message
    String reason_api();

    @Message
    String reason_retention(String cutoff, String years);

    @Message
    String reason_mscons();

    @Message
    String reason_csv();

    @Message
    String reason_csv_replaced(String reason);

    @Message
    String system();
}
