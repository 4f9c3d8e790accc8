package org.hausmeter.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * A scenario file (YAML or JSON): the months to replay and the scenarios to compare with the real year.
 *
 * <pre>
 * period: {from: 2025-01, months: 12}
 * scenarios:
 *   - name: Battery 30 kWh
 *     battery: {capacityKwh: 30, chargeKw: 10, dischargeKw: 10, roundTripEfficiency: 0.90, minSoc: 0.10, standbyW: 15}
 *     investment: {capitalCost: 18000, lifetimeYears: 15, maintenancePerYear: 120, discountRate: 0.03,
 *                  gridPurchasePrice: 0.28}
 * </pre>
 *
 * @param period    the months
 * @param scenarios the scenarios, in the order they are shown
 */
public record ScenarioFile(Period period, List<Scenario> scenarios) {

    public ScenarioFile {
        Objects.requireNonNull(period, "period is missing");
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
    }

    /**
     * @param from   first month, YYYY-MM
     * @param months how many
     */
    public record Period(String from, int months) {
        public Period {
            Objects.requireNonNull(from, "period.from is missing");
            first(from);
            if (months < 1) {
                throw new IllegalArgumentException("period.months must be at least 1, is " + months);
            }
        }

        /** @return the first month */
        public YearMonth first() {
            return first(from);
        }

        private static YearMonth first(String from) {
            try {
                return YearMonth.parse(from);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("period.from [" + from + "] is not a month YYYY-MM");
            }
        }
    }

    /**
     * Parses a file's text: JSON when it starts with "{", else YAML.
     *
     * @param text the file
     * @return the scenarios
     * @throws IllegalArgumentException naming the line and field when the file is not a valid scenario file
     */
    public static ScenarioFile parse(String text) {
        String t = text.stripLeading();
        ObjectMapper m = t.startsWith("{") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return m.readValue(text, ScenarioFile.class);
        } catch (JsonMappingException e) {
            Throwable cause =
                    e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof NullPointerException
                            ? e.getCause()
                            : e;
            String where =
                    e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            String field = path(e);
            throw new IllegalArgumentException(
                    "Scenario file" + where + field + ": " + (cause == e ? e.getOriginalMessage() : cause.getMessage()),
                    e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Scenario file: " + e.getOriginalMessage()
                            + (e.getLocation() == null
                                    ? ""
                                    : " (line " + e.getLocation().getLineNr() + ")"),
                    e);
        }
    }

    /** @return " at scenarios[0].battery.minSoc", or "" */
    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "" : " at " + b;
    }

    /** @return the writer used for the figures: dates as text, indented */
    public static ObjectMapper jsonWriter() {
        return new ObjectMapper()
                .findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }
}
