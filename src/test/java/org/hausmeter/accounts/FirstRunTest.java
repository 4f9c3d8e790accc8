package org.hausmeter.accounts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FirstRunTest {

    @Inject
    FirstRun firstRun;

    @Test
    void firstCaretaker_getsAOneTimePassword_thatLogsIn_once() {
        String name = "caretaker" + System.nanoTime() % 100_000;
        FirstRun.Created created = firstRun.createCaretaker(name);
        assertThat(created.oneTimePassword()).hasSize(16);
        // It logs in, and asks to be replaced first (OneTimePasswordTest: the whole first login).
        given().auth()
                .preemptive()
                .basic(name, created.oneTimePassword())
                .when()
                .get("/api/buses")
                .then()
                .statusCode(403);
        given().auth()
                .preemptive()
                .basic(name, "not-" + created.oneTimePassword())
                .when()
                .get("/api/buses")
                .then()
                .statusCode(401);
        assertThatThrownBy(() -> firstRun.createCaretaker(name)).hasMessageContaining("exists already");
        assertThatThrownBy(() -> firstRun.createCaretaker("Bad Name!")).hasMessageContaining("lower-case");
    }
}
