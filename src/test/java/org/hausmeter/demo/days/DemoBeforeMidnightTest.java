package org.hausmeter.demo.days;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Instant;

/** First started at 23:55 on 30 June 2027 (Berlin): five minutes before midnight, the month's and the half year's end. */
@QuarkusTest
@TestProfile(DemoBeforeMidnightTest.FirstDay.class)
class DemoBeforeMidnightTest extends DemoFirstDay {

    /** The demo's first start; read by the test resource (fresh database, clock starting here). */
    public static class FirstDay extends DemoFirstDay.Profile {
        public static final String FIRST_DAY = "2027-06-30T21:55:00Z";
    }

    @Override
    Instant firstStart() {
        return Instant.parse(FirstDay.FIRST_DAY);
    }
}
