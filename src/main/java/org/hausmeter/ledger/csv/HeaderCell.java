package org.hausmeter.ledger.csv;

import java.util.Locale;

/** A header text split into a lower-case name and an optional zone suffix: {@code Timestamp (Europe/Berlin)}. */
record HeaderCell(String name, String zone) {

    static HeaderCell parse(String text) {
        String s = text.strip();
        if (s.length() > 2) {
            char close = s.charAt(s.length() - 1);
            char open = close == ')' ? '(' : close == ']' ? '[' : 0;
            int at = open == 0 ? -1 : s.lastIndexOf(open);
            if (at > 0) {
                return new HeaderCell(
                        s.substring(0, at).strip().toLowerCase(Locale.ROOT),
                        s.substring(at + 1, s.length() - 1).strip());
            }
        }
        return new HeaderCell(s.toLowerCase(Locale.ROOT), null);
    }
}
