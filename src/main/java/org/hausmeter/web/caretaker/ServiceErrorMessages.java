package org.hausmeter.web.caretaker;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * What a service refused, in the caretaker's language, from the refusal's code and values
 * ({@link org.hausmeter.platform.Coded}); see {@link PageErrors}. German (the default) in messages/er_de.properties,
 * English in messages/er_en.properties, same keys.
 */
@MessageBundle(value = "er", locale = "de")
public interface ServiceErrorMessages {

    /**
     * @param code the refusal's code
     * @param a    its first value, or empty
     * @param b    its second value, or empty
     * @param c    its third value, or empty
     */
    @Message
    String text(String code, String a, String b, String c);
}
