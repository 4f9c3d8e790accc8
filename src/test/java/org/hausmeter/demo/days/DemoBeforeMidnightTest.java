package org.hausmeter.demo.days;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** First started at 23:55 on 30 June 2027 (Berlin): five minutes before midnight, the month's and the half year's end. */
@QuarkusTest
@TestProfile(DemoBeforeMidnightTest.FirstDay.class)
class DemoBeforeMidnightTest extends DemoFirstDay {

    /** The demo's first start (the test resource gives it a fresh database and a clock starting here). */
    public static class FirstDay extends DemoFirstDay.Profile {
        public static final String FIRST_DAY = "2027-06-30T21:55:00Z";
    }
}
