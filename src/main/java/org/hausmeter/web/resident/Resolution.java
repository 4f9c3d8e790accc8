package org.hausmeter.web.resident;

import java.util.Arrays;
import java.util.Optional;

/** The bars of a report chart: one per quarter hour, hour, day or month. The query value is {@link #param()}. */
public enum Resolution {
    QUARTER_HOUR("15min"),
    HOUR("hour"),
    DAY("day"),
    MONTH("month");

    private final String param;

    Resolution(String param) {
        this.param = param;
    }

    /** @return the value in the query string, e.g. {@code 15min} */
    public String param() {
        return param;
    }

    /** @return the resolution named by a query value, if any */
    public static Optional<Resolution> ofParam(String value) {
        return Arrays.stream(values()).filter(r -> r.param.equals(value)).findFirst();
    }
}
