package org.hausmeter.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stored JSON of a bill's content and lines (what {@code content_sha256} hashes): fixed property order,
 * decimals as plain strings, dates as ISO text, a cancellation's reference only on cancellations.
 */
class BillContentJsonTest {

    /** As Quarkus configures its mapper: java.time registered, dates not as timestamps. */
    private final ObjectMapper json =
            new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static BillContent content() {
        return new BillContent(
                "A-0.1",
                "Anna",
                LocalDate.of(2026, 10, 1),
                LocalDate.of(2026, 10, 31),
                2980,
                4,
                123456,
                23456,
                "DYNAMIC_PROPORTIONAL",
                List.of(new BillContent.Vat(
                        new BigDecimal("19.00"),
                        new BigDecimal("40.10"),
                        new BigDecimal("7.62"),
                        new BigDecimal("47.72"))),
                List.of(new BillContent.MeterCounters(
                        "apt-0.1", 1000L, Instant.parse("2026-09-30T22:00:00Z"), "POLL", null, null, null)),
                List.of(),
                null,
                100000L,
                List.of(new BillContent.HistoryMonth(YearMonth.of(2026, 10), 123456, 23456)),
                null,
                null);
    }

    @Test
    void content_isWrittenInAFixedOrder_withPlainDecimalsAndIsoDates() throws Exception {
        assertThat(json.writeValueAsString(content()))
                .isEqualTo("{\"apartment\":\"A-0.1\",\"resident\":\"Anna\","
                        + "\"firstDay\":\"2026-10-01\",\"lastDay\":\"2026-10-31\",\"intervals\":2980,\"estimatedIntervals\":4,"
                        + "\"consumptionWh\":123456,\"pvWh\":23456,\"allocationKey\":\"DYNAMIC_PROPORTIONAL\","
                        + "\"vatTotals\":[{\"percent\":\"19.00\",\"net\":\"40.10\",\"vat\":\"7.62\",\"gross\":\"47.72\"}],"
                        + "\"meters\":[{\"meter\":\"apt-0.1\",\"startWh\":1000,\"startAt\":\"2026-09-30T22:00:00Z\","
                        + "\"startSource\":\"POLL\",\"endWh\":null,\"endAt\":null,\"endSource\":null}],\"flags\":[],"
                        + "\"lastYearWh\":null,\"medianApartmentWh\":100000,"
                        + "\"history\":[{\"month\":\"2026-10\",\"consumptionWh\":123456,\"pvWh\":23456}]}");
    }

    @Test
    void content_andLines_readBackEqual() throws Exception {
        BillContent c = content();
        assertThat(json.readValue(json.writeValueAsString(c), BillContent.class))
                .isEqualTo(c);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("window", "HT");
        StoredLine l = new StoredLine(
                "grid.energy",
                new BigDecimal("12.345"),
                "KWH",
                new BigDecimal("0.3320"),
                new BigDecimal("4.10"),
                new BigDecimal("19.00"),
                details);
        String text = json.writeValueAsString(l);
        assertThat(text)
                .isEqualTo("{\"key\":\"grid.energy\",\"quantity\":\"12.345\",\"unit\":\"KWH\",\"unitPrice\":\"0.3320\","
                        + "\"net\":\"4.10\",\"vatPercent\":\"19.00\",\"details\":{\"window\":\"HT\"}}");
        assertThat(json.readValue(text, StoredLine.class)).isEqualTo(l);
    }

    @Test
    void aCancellation_negatesTotalsAndLinesOnce_andNamesTheCancelledBill() throws Exception {
        BillContent storno = content().cancellation("2026-0007", LocalDate.of(2026, 11, 3), "Zählerstand falsch");
        assertThat(storno.vatTotals()).singleElement().satisfies(v -> {
            assertThat(v.net()).isEqualByComparingTo("-40.10");
            assertThat(v.vat()).isEqualByComparingTo("-7.62");
            assertThat(v.gross()).isEqualByComparingTo("-47.72");
            assertThat(v.percent()).isEqualByComparingTo("19");
        });
        assertThat(json.writeValueAsString(storno))
                .endsWith(",\"cancels\":{\"number\":\"2026-0007\",\"issueDate\":\"2026-11-03\"},"
                        + "\"reason\":\"Zählerstand falsch\"}");
        StoredLine l = new StoredLine(
                "base.fee",
                BigDecimal.ONE,
                "MONTH",
                new BigDecimal("9.90"),
                new BigDecimal("9.90"),
                new BigDecimal("19.00"),
                Map.of());
        assertThat(l.negated().quantity()).isEqualByComparingTo("-1");
        assertThat(l.negated().net()).isEqualByComparingTo("-9.90");
        assertThat(l.negated().unitPrice()).isEqualByComparingTo("9.90");
        assertThat(l.negated().negated()).isEqualTo(l);
    }

    @Test
    void linesCompareByValue_asTheDatabasePadsTheirScale() {
        StoredLine fresh = new StoredLine(
                "grid.energy",
                new BigDecimal("12.345"),
                "KWH",
                new BigDecimal("0.3320"),
                new BigDecimal("4.10"),
                new BigDecimal("19.00"),
                Map.of("window", "HT"));
        StoredLine stored = new StoredLine(
                "grid.energy",
                new BigDecimal("12.345"),
                "KWH",
                new BigDecimal("0.332000"),
                new BigDecimal("4.10"),
                new BigDecimal("19.00"),
                Map.of("window", "HT"));
        assertThat(stored.sameValues(fresh)).isTrue();
        assertThat(stored.sameValues(new StoredLine(
                        "grid.energy",
                        new BigDecimal("12.346"),
                        "KWH",
                        new BigDecimal("0.3320"),
                        new BigDecimal("4.10"),
                        new BigDecimal("19.00"),
                        Map.of("window", "HT"))))
                .isFalse();
        assertThat(stored.sameValues(new StoredLine(
                        "grid.energy",
                        new BigDecimal("12.345"),
                        "KWH",
                        new BigDecimal("0.3320"),
                        new BigDecimal("4.10"),
                        new BigDecimal("19.00"),
                        Map.of("window", "NT"))))
                .isFalse();
    }
}
