package org.hausmeter.web.caretaker;

/**
 * A message at the top of a caretaker page.
 *
 * @param kind "ok" (a change was made), "error" (it was not), "warn" or "info"
 * @param text the message, in the page's language (a service's own message may be English)
 */
public record Notice(String kind, String text) {

    public static Notice ok(String text) {
        return new Notice("ok", text);
    }

    public static Notice error(String text) {
        return new Notice("error", text);
    }

    public static Notice warn(String text) {
        return new Notice("warn", text);
    }

    public boolean isError() {
        return "error".equals(kind);
    }
}
