package org.hausmeter.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.hausmeter.support.EmbeddedServersResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthAndMetricsTest {

    @Test
    void health_isUpWithRealDatabaseAndRedisChecks() {
        given().when()
                .get("/q/health")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Redis"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.find { it.name == 'Redis' }.data.embedded", equalTo(true));
    }

    @Test
    void metrics_arePrometheusText() {
        given().auth()
                .preemptive()
                .basic("hauswart", "hauswart-demo")
                .when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"))
                .body(containsString("process_uptime_seconds"));
    }

    @Test
    void stoppedRedis_makesOnlyTheRedisCheckDown_andTheServerKeepsServing() throws Exception {
        EmbeddedServersResource.stopRedis();
        try {
            given().when()
                    .get("/q/health")
                    .then()
                    .statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'Redis' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
            given().when().get("/q/health/live").then().statusCode(200);
            given().header("Accept-Language", "en")
                    .when()
                    .get("/")
                    .then()
                    .statusCode(200)
                    .body(containsString("<dt>PV now</dt>"))
                    .body(containsString("Live data unavailable since"));
        } finally {
            EmbeddedServersResource.restartRedis();
        }
        given().when().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
    }
}
