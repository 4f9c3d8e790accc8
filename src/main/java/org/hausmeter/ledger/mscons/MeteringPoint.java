package org.hausmeter.ledger.mscons;

import java.util.Locale;
import java.util.Optional;

/**
 * The metering point operator's id of a meter's location, as MSCONS names it in {@code LOC+172}: a
 * Marktlokations-ID (MaLo: 11 digits, the last a check digit) or a Messlokations-ID (MeLo: 33 characters, a country
 * code such as {@code DE} and 31 digits or capital letters). Blanks are trimmed and letters upper-cased.
 */
public final class MeteringPoint {

    private MeteringPoint() {}

    /** The id in its stored form, or a reason why it is none. */
    public record Checked(String id, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /** Checks {@code raw} as a MaLo or MeLo. */
    public static Checked check(String raw) {
        if (raw == null || raw.isBlank()) {
            return new Checked(null, "metering point id is empty");
        }
        String id = raw.trim().toUpperCase(Locale.ROOT);
        if (id.matches("[0-9]{11}")) {
            int expected = maloCheckDigit(id);
            if (id.charAt(10) - '0' != expected) {
                return new Checked(
                        null,
                        "metering point id [" + id + "] is no valid Marktlokations-ID: its check digit should be ["
                                + expected + "]");
            }
            return new Checked(id, null);
        }
        if (id.matches("[A-Z]{2}[0-9A-Z]{31}")) {
            return new Checked(id, null);
        }
        return new Checked(
                null,
                "metering point id [" + raw.trim()
                        + "] is neither a Marktlokations-ID (11 digits) nor a Messlokations-ID (33 characters, e.g."
                        + " DE and 31 digits or capital letters)");
    }

    /** The stored form of a valid id, or empty. */
    public static Optional<String> normalize(String raw) {
        return Optional.ofNullable(check(raw).id());
    }

    /**
     * The BDEW check digit of a MaLo's first 10 digits: the digits in odd positions (1st, 3rd, …, 9th) added, plus twice
     * the sum of the digits in even positions (2nd, …, 10th); the check digit is what is missing to the next multiple
     * of ten (0 when the sum is one).
     */
    static int maloCheckDigit(String digits) {
        int odd = 0;
        int even = 0;
        for (int i = 0; i < 10; i++) {
            int d = digits.charAt(i) - '0';
            if (i % 2 == 0) {
                odd += d;
            } else {
                even += d;
            }
        }
        return (10 - (odd + 2 * even) % 10) % 10;
    }
}
