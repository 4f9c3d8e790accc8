package org.hausmeter.web.caretaker;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The CSV import's problems in the caretaker's language, from their code and values ({@code ImportProblem#code},
 * {@code #args}); see {@link ImportProblemTexts}. German (the default) in messages/ip_de.properties, English in
 * messages/ip_en.properties, same keys.
 */
@MessageBundle(value = "ip", locale = "de")
public interface ImportProblemMessages {

    /**
     * @param code the problem's code
     * @param a    its first value (the offending field, the meter's name …)
     * @param b    its second value, or empty
     * @param c    its third value, or empty
     */
    @Message
    String text(String code, String a, String b, String c);
}
