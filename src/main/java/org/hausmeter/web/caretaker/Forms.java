package org.hausmeter.web.caretaker;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Parses the caretaker's form fields at the edge, once: kWh to whole Wh, local date-times in the
 * building's zone to instants, amounts and prices to BigDecimal. A bad field is a {@link FormException}
 * naming the field, in the page's language; a blank optional field is null.
 */
final class Forms {

    private final CaretakerMessages ct;
    private final ZoneId zone;

    Forms(CaretakerMessages ct, ZoneId zone) {
        this.ct = ct;
        this.zone = zone;
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    String required(String value, String field) {
        if (blank(value)) {
            throw new FormException(ct.form_required(field));
        }
        return value.strip();
    }

    /** A decimal as typed: "1234,5" or "1234.5", no thousands separator. */
    BigDecimal decimal(String value, String field) {
        if (blank(value)) {
            return null;
        }
        String v = value.strip().replace(',', '.');
        if (!v.matches("[-+]?\\d+(\\.\\d+)?") && !v.matches("[-+]?\\.\\d+")) {
            throw new FormException(ct.form_number(field, value.strip()));
        }
        return new BigDecimal(v);
    }

    /** A counter in kWh (at most 3 decimals, not negative) as whole Wh; null when blank. */
    Long kwh(String value, String field) {
        BigDecimal kwh = decimal(value, field);
        if (kwh == null) {
            return null;
        }
        if (kwh.signum() < 0 || kwh.stripTrailingZeros().scale() > 3) {
            throw new FormException(ct.form_kwh(field, value.strip()));
        }
        return kwh.movePointRight(3).longValueExact();
    }

    /** A money amount with at most 2 decimals, either sign. */
    BigDecimal amount(String value, String field) {
        BigDecimal a = decimal(required(value, field), field);
        if (a.stripTrailingZeros().scale() > 2) {
            throw new FormException(ct.form_amount(field, value.strip()));
        }
        return a.setScale(2);
    }

    /** A local date-time (an HTML datetime-local value) in the building's zone. */
    Instant localDateTime(String value, String field) {
        try {
            LocalDateTime t = LocalDateTime.parse(required(value, field).replace(' ', 'T'));
            return t.atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new FormException(ct.form_datetime(field, value.strip()));
        }
    }

    LocalDate date(String value, String field) {
        try {
            return LocalDate.parse(required(value, field));
        } catch (DateTimeParseException e) {
            throw new FormException(ct.form_date(field, value.strip()));
        }
    }

    /** An optional date: null when blank. */
    LocalDate optionalDate(String value, String field) {
        return blank(value) ? null : date(value, field);
    }

    static YearMonth month(String value) {
        try {
            return YearMonth.parse(value.strip());
        } catch (DateTimeException | NullPointerException e) {
            return null;
        }
    }

    int integer(String value, String field) {
        try {
            return Integer.parseInt(required(value, field));
        } catch (NumberFormatException e) {
            throw new FormException(ct.form_number(field, value.strip()));
        }
    }

    /** Wh as a kWh value for a form field: "1234.567" (always a dot, as number inputs expect). */
    static String kwhField(Long wh) {
        return wh == null ? "" : BigDecimal.valueOf(wh, 3).toPlainString();
    }
}
