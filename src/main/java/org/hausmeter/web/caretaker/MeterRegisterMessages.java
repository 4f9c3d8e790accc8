package org.hausmeter.web.caretaker;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the meter register on the meters pages (import-only meters, calibration): {@code {mr:key}}. German (the
 * default) in messages/mr_de.properties, English in messages/mr_en.properties, same keys. A bundle of its own: the
 * console's bundle {@code ct} is at the size where Quarkus 3.34 generates an invalid resolver class for it
 * (VerifyError at start when it grew from 296 to 309 methods).
 */
@MessageBundle(value = "mr", locale = "de")
public interface MeterRegisterMessages {

    @Message
    String meter_import_only();

    @Message
    String meter_calibration_title();

    @Message
    String meter_calibration_hint();

    @Message
    String meter_verified_year();

    @Message
    String meter_valid_until();

    @Message
    String meter_calibration_submit();

    @Message
    String meter_calibration_until(String day);

    @Message
    String meter_calibration_unknown();

    @Message
    String meter_calibration_expired(String day);

    @Message
    String col_calibration();

    @Message
    String calibration_due_title(String months);

    @Message
    String calibration_due_none(String months);

    @Message
    String done_meter_calibration();
}
