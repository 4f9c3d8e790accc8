package org.hausmeter.platform;

import java.util.List;

/**
 * A refusal a service can name by code, so that a page can say it in the reader's language: the code and the values
 * its text needs. The exception's message stays the English sentence the JSON API and the log show. A refusal without
 * a code has {@code code() == null}.
 */
public interface Coded {

    /** What kind of refusal, e.g. {@code card_not_blocked}; null when it has none. */
    String code();

    /** The values of the code's text, in its order. */
    List<String> args();
}
