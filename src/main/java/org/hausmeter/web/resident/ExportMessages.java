package org.hausmeter.web.resident;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the resident's CSV export ({@link IntervalCsv}) and its page: {@code {ex:key}}. German (the default) in
 * messages/ex_de.properties, English in messages/ex_en.properties, same keys. A bundle of its own, so the export does
 * not grow the resident pages' bundle.
 */
@MessageBundle(value = "ex", locale = "de")
public interface ExportMessages {

    @Message
    String col_apartment();

    @Message
    String col_meter();

    @Message
    String col_start();

    @Message
    String col_offset();

    @Message
    String col_import();

    @Message
    String col_export();

    @Message
    String col_solar();

    @Message
    String col_quality();

    @Message
    String col_source();

    @Message
    String quality(String name);

    @Message
    String intro();

    @Message
    String variant_legend();

    @Message
    String variant_local();

    @Message
    String variant_iso();

    @Message
    String iso_link();
}
