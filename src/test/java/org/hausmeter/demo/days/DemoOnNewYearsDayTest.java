package org.hausmeter.demo.days;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** First started at 00:30 on 1 January 2027 (Berlin): November issued with the new year's numbers from 2027-0001, December as drafts. */
@QuarkusTest
@TestProfile(DemoOnNewYearsDayTest.FirstDay.class)
class DemoOnNewYearsDayTest extends DemoFirstDay {

    /** The demo's first start (the test resource gives it a fresh database and a clock starting here). */
    public static class FirstDay extends DemoFirstDay.Profile {
        public static final String FIRST_DAY = "2026-12-31T23:30:00Z";
    }
}
