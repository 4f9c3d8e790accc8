package org.hausmeter.demo.days;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** First started at 01:30 on 28 March 2027 (Berlin), half an hour before the clocks go forward: today has 92 quarter hours. */
@QuarkusTest
@TestProfile(DemoOnDstStartTest.FirstDay.class)
class DemoOnDstStartTest extends DemoFirstDay {

    /** The demo's first start (the test resource gives it a fresh database and a clock starting here). */
    public static class FirstDay extends DemoFirstDay.Profile {
        public static final String FIRST_DAY = "2027-03-28T00:30:00Z";
    }
}
