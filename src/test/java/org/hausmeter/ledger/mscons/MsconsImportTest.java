package org.hausmeter.ledger.mscons;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.hausmeter.ledger.IntervalQuality;
import org.hausmeter.ledger.persistence.IntervalQueries;
import org.hausmeter.support.TestMeters;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * MSCONS through the caretaker API: metering point ids on meters, preview and commit, a status per message,
 * idempotent re-import, substitute values ESTIMATED, conflicts with stored values, broken files refused whole.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MsconsImportTest {

    @Inject
    IntervalQueries queries;

    @Inject
    org.hausmeter.ledger.persistence.LedgerDerivation derivation;

    String grid;
    String pv;

    private static RequestSpecification caretaker() {
        return given().auth().preemptive().basic("hauswart", "hauswart-demo");
    }

    private static byte[] file(String name) throws IOException {
        try (InputStream in = MsconsImportTest.class.getResourceAsStream("/mscons/" + name)) {
            return in.readAllBytes();
        }
    }

    /** The two meters with their metering point ids, made once (RestAssured knows the port only inside a test). */
    void meters() {
        if (grid != null) {
            return;
        }
        grid = TestMeters.common("mscons-grid").name;
        pv = TestMeters.common("mscons-pv").name;
        for (String[] m : new String[][] {{grid, "51238696781"}, {pv, "de0001234567890123456789012345678"}}) {
            caretaker()
                    .contentType("application/json")
                    .body(Map.of("meteringPoint", m[1], "reason", "operator's id"))
                    .put("/api/meters/" + m[0] + "/metering-point")
                    .then()
                    .statusCode(200)
                    .body("meteringPoint", equalTo(m[1].toUpperCase(java.util.Locale.ROOT)));
        }
    }

    @Test
    @Order(1)
    void meteringPoint_isCheckedAndUnique() {
        meters();
        caretaker()
                .contentType("application/json")
                .body(Map.of("meteringPoint", "51238696782", "reason", "typo"))
                .put("/api/meters/" + pv + "/metering-point")
                .then()
                .statusCode(400)
                .body("error", containsString("check digit should be [1]"));
        caretaker()
                .contentType("application/json")
                .body(Map.of("meteringPoint", "51238696781", "reason", "twice"))
                .put("/api/meters/" + pv + "/metering-point")
                .then()
                .statusCode(409)
                .body("error", containsString("already belongs to meter [" + grid + "]"));
    }

    @Test
    @Order(2)
    void dstStartDay_previewStoresNothing_commitStores92_reImportStoresNothingAndSaysSo() throws IOException {
        byte[] edi = file("lastgang-dst-start-2026-03-29.edi");
        Instant from = Instant.parse("2026-03-28T23:00:00Z");
        Instant to = Instant.parse("2026-03-29T22:00:00Z");
        caretaker()
                .contentType("application/edifact")
                .queryParam("name", "dst-start.edi")
                .body(edi)
                .post("/api/imports/mscons/preview")
                .then()
                .statusCode(200)
                .body("stored", equalTo(false))
                .body("accepted", equalTo(1))
                .body("inserted", equalTo(92))
                .body("messages[0].values", equalTo(92));
        assertThat(queries.intervals(grid, from, to)).isEmpty();
        caretaker()
                .contentType("application/edifact")
                .queryParam("name", "dst-start.edi")
                .body(edi)
                .post("/api/imports/mscons")
                .then()
                .statusCode(200)
                .body("stored", equalTo(true))
                .body("messages[0].status", equalTo("ACCEPTED"))
                .body("inserted", equalTo(92));
        var stored = queries.intervals(grid, from, to);
        assertThat(stored).hasSize(92);
        assertThat(stored).extracting(IntervalQueries.Interval::quality).containsOnly(IntervalQuality.IMPORTED);
        // Each quarter hour knows its message and the segment of its QTY (one QTY and two DTM per value).
        assertThat(stored).allSatisfy(i -> {
            assertThat(i.source().kind()).isEqualTo(org.hausmeter.ledger.Provenance.Kind.MSCONS);
            assertThat(i.source().reference()).isEqualTo("MSCONS-20260329-01");
            assertThat(i.source().who()).isEqualTo("hauswart");
        });
        assertThat(stored.get(1).source().position() - stored.get(0).source().position())
                .isEqualTo(3);
        assertThat(stored.get(91).source().position() - stored.get(0).source().position())
                .isEqualTo(91 * 3);
        assertThat(stored.stream().mapToLong(IntervalQueries.Interval::importWh).sum())
                .isEqualTo(java.util.stream.IntStream.range(0, 92)
                        .mapToLong(i -> ((i % 7) + 1) * 25L)
                        .sum());
        caretaker()
                .contentType("application/edifact")
                .queryParam("name", "dst-start-again.edi")
                .body(edi)
                .post("/api/imports/mscons")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(0))
                .body("alreadyImported", equalTo(1))
                .body("inserted", equalTo(0))
                .body("messages[0].status", equalTo("ALREADY_IMPORTED"))
                .body(
                        "messages[0].reason",
                        containsString("from file [dst-start.edi] with [92] values; nothing stored"));
        caretaker()
                .get("/api/imports/mscons/messages")
                .then()
                .statusCode(200)
                .body("messageRef", hasItem("MSCONS-20260329-01"));
    }

    @Test
    @Order(3)
    void dstEndDay_importAndExportOfOneMeLo_100QuarterHours() throws IOException {
        caretaker()
                .contentType("application/edifact")
                .queryParam("name", "dst-end.edi")
                .body(file("lastgang-dst-end-2026-10-25.edi"))
                .post("/api/imports/mscons")
                .then()
                .statusCode(200)
                .body("inserted", equalTo(200));
        var stored =
                queries.intervals(pv, Instant.parse("2026-10-24T22:00:00Z"), Instant.parse("2026-10-25T23:00:00Z"));
        assertThat(stored).hasSize(100);
        assertThat(stored.get(1).importWh()).isEqualTo(150);
        assertThat(stored.get(1).exportWh()).isEqualTo(10);
    }

    @Test
    @Order(4)
    void substituteValues_areStoredEstimated_andADerivationKeepsThem() throws Exception {
        meters();
        caretaker()
                .contentType("application/edifact")
                .queryParam("name", "ersatz.edi")
                .body(file("ersatzwerte-2026-09-01.edi"))
                .post("/api/imports/mscons")
                .then()
                .statusCode(200)
                .body("messages[0].estimated", equalTo(4));
        assertThat(queries.intervals(
                        grid, Instant.parse("2026-08-31T22:00:00Z"), Instant.parse("2026-09-01T00:00:00Z")))
                .extracting(IntervalQueries.Interval::quality)
                .containsExactly(
                        IntervalQuality.IMPORTED,
                        IntervalQuality.IMPORTED,
                        IntervalQuality.ESTIMATED,
                        IntervalQuality.ESTIMATED,
                        IntervalQuality.ESTIMATED,
                        IntervalQuality.ESTIMATED,
                        IntervalQuality.IMPORTED,
                        IntervalQuality.IMPORTED);
        // The meter has no counter readings: a derivation of the day (as after a poll) has nothing to replace.
        derivation.derive(grid, Instant.parse("2026-08-31T22:00:00Z"), Instant.parse("2026-09-01T22:00:00Z"));
        assertThat(queries.intervals(
                        grid, Instant.parse("2026-08-31T22:00:00Z"), Instant.parse("2026-09-01T00:00:00Z")))
                .extracting(IntervalQueries.Interval::quality)
                .filteredOn(q -> q == IntervalQuality.ESTIMATED)
                .hasSize(4);
    }

    @Test
    @Order(5)
    void unknownMalo_rejectsItsMessage_theOtherIsStored_andTheStatusSaysWhy() throws IOException {
        meters();
        caretaker()
                .contentType("application/edifact")
                .queryParam("name", "unknown.edi")
                .body(file("unbekannte-malo.edi"))
                .post("/api/imports/mscons")
                .then()
                .statusCode(200)
                .body("messages.status", contains("ACCEPTED", "REJECTED"))
                .body("messages[1].reason", containsString("metering point [41999999996] is not assigned to any meter"))
                .body("inserted", equalTo(4));
        caretaker()
                .get("/api/imports/mscons/messages")
                .then()
                .body("find { it.messageRef == 'MSCONS-20260902-02' }.status", equalTo("REJECTED"));
    }

    @Test
    @Order(6)
    void brokenFile_isRefusedWhole_422_andTruncatedToo() throws IOException {
        caretaker()
                .contentType("application/edifact")
                .body(file("kaputt-2026-09-03.edi"))
                .post("/api/imports/mscons")
                .then()
                .statusCode(200)
                .body("accepted", equalTo(0))
                .body("messages[0].reason", containsString("segment 17 (QTY)"));
        caretaker()
                .contentType("application/edifact")
                .body(file("abgeschnitten.edi"))
                .post("/api/imports/mscons")
                .then()
                .statusCode(422)
                .body("stored", equalTo(false))
                .body("problems", hasItem(containsString("truncated")));
    }

    @Test
    @Order(7)
    void aValueDisagreeingWithAStoredOne_rejectsTheMessage_namingBoth() throws IOException {
        meters();
        String changed = new String(file("lastgang-dst-start-2026-03-29.edi"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("BGM+7+MSCONS-20260329-01+9", "BGM+7+MSCONS-20260329-02+9")
                .replaceFirst("QTY\\+220:0.025:KWH", "QTY+220:0.026:KWH");
        caretaker()
                .contentType("application/edifact")
                .body(changed.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/imports/mscons")
                .then()
                .statusCode(200)
                .body("messages[0].status", equalTo("REJECTED"))
                .body(
                        "messages[0].reason",
                        containsString("segment 14 (QTY): meter [" + grid + "] already has [25] Wh import (IMPORTED)"
                                + " stored for the quarter hour from [2026-03-29 00:00]; the message says [26] Wh"));
    }

    @Test
    @Order(8)
    void caretakerPage_previewThenStore_showsAStatusPerMessage() throws IOException {
        meters();
        org.hausmeter.web.WebSession caretaker = org.hausmeter.web.WebSession.caretaker();
        byte[] edi = new String(file("lastgang-dst-end-2026-10-25.edi"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("BGM+7+MSCONS-20261025-01+9", "BGM+7+MSCONS-20261025-99+9")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String preview = caretaker
                .form()
                .multiPart("file", "wieder.edi", edi, "application/edifact")
                .post("/caretaker/import/mscons/preview")
                .then()
                .statusCode(200)
                .body(containsString("Prüfung von wieder.edi"))
                .body(containsString("MSCONS-20261025-99"))
                .body(containsString("angenommen"))
                .extract()
                .asString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"token\" value=\"([^\"]+)\"")
                .matcher(preview);
        assertThat(m.find()).isTrue();
        caretaker
                .form()
                .formParam("token", m.group(1))
                .formParam("name", "wieder.edi")
                .post("/caretaker/import/mscons/commit")
                .then()
                .statusCode(200)
                .body(containsString("Übernommen: wieder.edi"))
                // the same values as the first import: nothing new, 200 already present
                .body(containsString("1 Nachricht(en) angenommen, 0 abgelehnt, 0 schon früher übernommen; 0"
                        + " Viertelstundenwerte neu, 200 schon vorhanden."));
        caretaker
                .form()
                .multiPart("file", "kaputt.edi", file("abgeschnitten.edi"), "application/edifact")
                .post("/caretaker/import/mscons/preview")
                .then()
                .statusCode(422)
                .body(containsString("nichts wurde gespeichert"))
                .body(not(containsString("id=\"commit\"")));
        // The minimal form on the same page: a malformed id is refused with the reason, a good one is stored.
        String other = TestMeters.common("mscons-form").name;
        caretaker
                .form()
                .formParam("meter", other)
                .formParam("meteringPoint", "41000000013")
                .formParam("reason", "Tippfehler")
                .post("/caretaker/import/mscons/metering-point")
                .then()
                .statusCode(400)
                .body(containsString("check digit should be [2]"));
        io.restassured.response.Response saved = caretaker
                .form()
                .formParam("meter", other)
                .formParam("meteringPoint", "41000000012")
                .formParam("reason", "vom Messstellenbetreiber")
                .post("/caretaker/import/mscons/metering-point");
        assertThat(saved.statusCode()).isEqualTo(303);
        caretaker
                .follow(saved)
                .then()
                .body(containsString("Messpunkt von Zähler " + other + " gespeichert."))
                .body(containsString("41000000012"));
    }
}
