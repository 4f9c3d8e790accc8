package org.hausmeter.web.caretaker;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the backup's line on the caretaker's overview: {@code {bk:key}}. German (the default) in
 * messages/bk_de.properties, English in messages/bk_en.properties, same keys. A bundle of its own, so the backup
 * work does not touch the console's large bundles.
 */
@MessageBundle(value = "bk", locale = "de")
public interface BackupMessages {

    @Message
    String overview_backup();

    @Message
    String not_configured();

    @Message
    String none_yet();

    @Message
    String last_ok(String time, String megabytes);

    @Message
    String failed(String time);

    @Message
    String stale();
}
