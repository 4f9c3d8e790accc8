package org.hausmeter.web.resident;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * Texts of the resident's charge-mode form on /me/charging: {@code {pw:key}}. German (the default) in
 * messages/pw_de.properties, English in messages/pw_en.properties, same keys. A bundle of its own, so the power
 * control does not grow the resident's large bundle.
 */
@MessageBundle(value = "pw", locale = "de")
public interface PowerMessages {

    @Message
    String mode_title(String charger);

    @Message
    String mode_solar_only();

    @Message
    String mode_solar_only_hint();

    @Message
    String mode_solar_plus_min();

    @Message
    String mode_solar_plus_min_hint();

    @Message
    String mode_fast();

    @Message
    String mode_fast_hint();

    @Message
    String mode_save();

    @Message
    String mode_saved();

    @Message
    String mode_not_found();

    @Message
    String mode_ended();

    @Message
    String mode_invalid();
}
