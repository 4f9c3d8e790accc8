package org.hausmeter.demo.days;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** First started at 23:50 on 29 February 2028 (Berlin): a leap day, ten minutes before midnight and the month's end. */
@QuarkusTest
@TestProfile(DemoOnLeapDayTest.FirstDay.class)
class DemoOnLeapDayTest extends DemoFirstDay {

    /** The demo's first start (the test resource gives it a fresh database and a clock starting here). */
    public static class FirstDay extends DemoFirstDay.Profile {
        public static final String FIRST_DAY = "2028-02-29T22:50:00Z";
    }
}
