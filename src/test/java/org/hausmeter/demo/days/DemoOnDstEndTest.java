package org.hausmeter.demo.days;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** First started at 02:30 CEST on 31 October 2027 (Berlin), before the clocks go back: today has 100 quarter hours. */
@QuarkusTest
@TestProfile(DemoOnDstEndTest.FirstDay.class)
class DemoOnDstEndTest extends DemoFirstDay {

    /** The demo's first start (the test resource gives it a fresh database and a clock starting here). */
    public static class FirstDay extends DemoFirstDay.Profile {
        public static final String FIRST_DAY = "2027-10-31T00:30:00Z";
    }
}
