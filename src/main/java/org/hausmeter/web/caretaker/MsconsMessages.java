package org.hausmeter.web.caretaker;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the caretaker's MSCONS import page: {@code {ms:key}}. German (the default) in messages/ms_de.properties,
 * English in messages/ms_en.properties, same keys. A bundle of its own, so the MSCONS work does not touch the
 * console's large bundles.
 */
@MessageBundle(value = "ms", locale = "de")
public interface MsconsMessages {

    @Message
    String title();

    @Message
    String lead();

    @Message
    String file();

    @Message
    String preview();

    @Message
    String commit();

    @Message
    String no_file();

    @Message
    String expired();

    @Message
    String preview_title(String file);

    @Message
    String result_title(String file);

    @Message
    String file_refused();

    @Message
    String summary(String accepted, String rejected, String already, String inserted, String present);

    @Message
    String nothing_to_store();

    @Message
    String col_segment();

    @Message
    String col_reference();

    @Message
    String col_points();

    @Message
    String col_status();

    @Message
    String col_values();

    @Message
    String col_estimated();

    @Message
    String col_reason();

    @Message
    String status(String name);

    @Message
    String csv_link();

    @Message
    String points_title();

    @Message
    String points_hint();

    @Message
    String col_meter();

    @Message
    String col_role();

    @Message
    String point();

    @Message
    String reason();

    @Message
    String point_submit();

    @Message
    String point_saved(String meter);
}
