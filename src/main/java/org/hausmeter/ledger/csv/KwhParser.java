package org.hausmeter.ledger.csv;

/**
 * Exact decimal kWh text to whole Wh, rounded HALF_UP on the first dropped digit (the fourth decimal of kWh):
 * {@code 1.2345} kWh is 1235 Wh, {@code 0.0004} kWh is 0 Wh. Accepted: optional surrounding blanks, digits, at most
 * one decimal separator followed by at least one digit. No sign, exponent or thousands separator. A leading
 * {@code '-'} is reported as a negative value. One instance per file: in {@link ImportOptions.Decimal#AUTO} mode the
 * first separator seen fixes the file's separator.
 */
final class KwhParser {
    static final long EMPTY = -1;
    static final long NOT_A_NUMBER = -2;
    static final long NEGATIVE = -3;
    static final long TOO_LARGE = -4;
    static final long OTHER_SEPARATOR = -5;

    /** Largest accepted integer part in kWh (keeps Wh far from overflow). */
    private static final long MAX_KWH = 999_999_999_999L;

    private final boolean commaAllowed;
    private final boolean pointAllowed;
    private char separator;

    KwhParser(ImportOptions.Decimal decimal, char delimiter) {
        this.commaAllowed = decimal != ImportOptions.Decimal.POINT && delimiter != ',';
        this.pointAllowed = decimal != ImportOptions.Decimal.COMMA;
        this.separator = switch (decimal) {
            case POINT -> '.';
            case COMMA -> ',';
            case AUTO -> delimiter == ',' ? '.' : 0;
        };
    }

    /** The separator fixed so far, or 0. */
    char separator() {
        return separator;
    }

    /** Wh (zero or more), or one of the negative codes. */
    long parse(char[] a, int from, int to) {
        while (from < to && (a[from] == ' ' || a[from] == '\t')) {
            from++;
        }
        while (to > from && (a[to - 1] == ' ' || a[to - 1] == '\t')) {
            to--;
        }
        if (from == to) {
            return EMPTY;
        }
        boolean negative = a[from] == '-';
        int i = negative ? from + 1 : from;
        long whole = 0;
        int start = i;
        while (i < to) {
            int d = a[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            whole = whole * 10 + d;
            if (whole > MAX_KWH) {
                return allDigitsOrSeparator(a, i, to) ? (negative ? NEGATIVE : TOO_LARGE) : NOT_A_NUMBER;
            }
            i++;
        }
        if (i == start) {
            return NOT_A_NUMBER;
        }
        long milli = 0;
        int round = 0;
        char sep = 0;
        if (i < to) {
            sep = a[i];
            if (!(sep == '.' && pointAllowed || sep == ',' && commaAllowed)) {
                return NOT_A_NUMBER;
            }
            i++;
            int digits = 0;
            while (i < to) {
                int d = a[i] - '0';
                if (d < 0 || d > 9) {
                    return NOT_A_NUMBER;
                }
                if (digits < 3) {
                    milli = milli * 10 + d;
                } else if (digits == 3) {
                    round = d >= 5 ? 1 : 0;
                }
                digits++;
                i++;
            }
            if (digits == 0) {
                return NOT_A_NUMBER;
            }
            for (; digits < 3; digits++) {
                milli *= 10;
            }
        }
        if (negative) {
            return NEGATIVE;
        }
        if (sep != 0 && sep != separator) {
            if (separator != 0) {
                return OTHER_SEPARATOR;
            }
            separator = sep;
        }
        return whole * 1000 + milli + round;
    }

    private static boolean allDigitsOrSeparator(char[] a, int i, int to) {
        int seps = 0;
        for (; i < to; i++) {
            char c = a[i];
            if (c == '.' || c == ',') {
                seps++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return seps <= 1;
    }

    /** The problem text for a negative code; {@code text} is the cell as written. */
    /** The {@link ImportProblem#code} of a parse failure. */
    String code(long code) {
        if (code == NOT_A_NUMBER) {
            return "not_a_number";
        }
        if (code == NEGATIVE) {
            return "negative";
        }
        if (code == TOO_LARGE) {
            return "too_large";
        }
        if (code == OTHER_SEPARATOR) {
            return "other_separator";
        }
        return "missing_value";
    }

    /** The values of the code's text: the field, and for another separator the one found and the file's. */
    String[] args(long code, String text) {
        if (code == OTHER_SEPARATOR) {
            return new String[] {text, String.valueOf(separator == '.' ? ',' : '.'), String.valueOf(separator)};
        }
        return new String[] {text};
    }

    String reason(long code, String text) {
        if (code == NOT_A_NUMBER) {
            return "not a number [" + text + "]";
        }
        if (code == NEGATIVE) {
            return "negative value [" + text + "]";
        }
        if (code == TOO_LARGE) {
            return "value too large [" + text + "]";
        }
        if (code == OTHER_SEPARATOR) {
            char other = separator == '.' ? ',' : '.';
            return "decimal separator [" + other + "] but this file uses [" + separator + "]: [" + text + "]";
        }
        return "missing value";
    }
}
