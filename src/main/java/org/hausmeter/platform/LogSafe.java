package org.hausmeter.platform;

/**
 * Text from outside (a username typed into the login form, a Basic header) made safe for one log line.
 * <p>
 * {@link #quoted(String)} writes the text between double quotes, as a JSON string would be written: a quote
 * and a backslash are escaped, line breaks and tabs become {@code \n}, {@code \r}, {@code \t}, every other
 * control or invisible formatting character (including U+2028/U+2029 line separators and the bidi overrides
 * that reorder what a terminal shows) becomes {@code \}{@code uXXXX}. Nothing typed can start a new log line or
 * close the quotes early. Long texts are cut after {@value #MAX_CHARS} characters with their length noted, so
 * a 1.5 kB username is not written to the journal 200,000 times.
 */
public final class LogSafe {

    /** Characters of the text written at most. */
    public static final int MAX_CHARS = 80;

    private LogSafe() {}

    /** {@code text} quoted and escaped for a log line; {@code null} as the bare word null. */
    public static String quoted(String text) {
        if (text == null) {
            return "null";
        }
        int shown = Math.min(text.length(), MAX_CHARS);
        if (shown < text.length() && Character.isHighSurrogate(text.charAt(shown - 1))) {
            shown--; // never cut a character in half
        }
        StringBuilder b = new StringBuilder(shown + 16).append('"');
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c)
                            || Character.getType(c) == Character.FORMAT
                            || Character.getType(c) == Character.LINE_SEPARATOR
                            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR
                            || Character.isSurrogate(c) && !validSurrogate(text, i)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
        if (text.length() > shown) {
            b.append("…(").append(text.length()).append(" chars)");
        }
        return b.toString();
    }

    /** True when the surrogate at {@code i} is half of a proper pair (a lone half would garble the log's encoding). */
    private static boolean validSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
    }
}
