package org.hausmeter.accounts;

import java.util.regex.Pattern;

/**
 * The rule for apartment codes: any short text of 1 to 32 characters without a blank at either end, a control
 * character or a slash, e.g. {@code } or {@code Whg 117}. The database checks the same (V61). Codes appear in URLs
 * as one path segment, percent-encoded ({@code Whg%20117}). Pure.
 */
public final class ApartmentCode {

    /** At most this many characters. */
    public static final int MAX_LENGTH = 32;

    public static final Pattern PATTERN =
            Pattern.compile("[^\\s/\\p{Cntrl}]([^/\\p{Cntrl}]{0," + (MAX_LENGTH - 2) + "}[^\\s/\\p{Cntrl}])?");

    /** The words every refusal uses. */
    public static final String RULE =
            "must be 1 to " + MAX_LENGTH + " characters without a slash, control character or blank at either end";

    private ApartmentCode() {}

    public static boolean valid(String code) {
        return code != null && PATTERN.matcher(code).matches();
    }
}
