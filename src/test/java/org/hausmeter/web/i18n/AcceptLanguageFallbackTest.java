package org.hausmeter.web.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which entries of an Accept-Language header survive (the pages see only these). */
class AcceptLanguageFallbackTest {

    @Test
    void aWellFormedHeader_isKeptAsItIs() {
        assertThat(AcceptLanguageFallback.wellFormed("de-DE,de;q=0.9,en;q=0.8, *;q=0.1"))
                .contains("de-DE,de;q=0.9,en;q=0.8, *;q=0.1");
        assertThat(AcceptLanguageFallback.wellFormed("en-GB ; Q=1.000")).contains("en-GB ; Q=1.000");
    }

    @Test
    void badEntries_areDropped_andNoneLeftMeansNoHeader() {
        assertThat(AcceptLanguageFallback.wellFormed("fr;q=x, en-GB;q=0.8")).contains("en-GB;q=0.8");
        assertThat(AcceptLanguageFallback.wellFormed("en;q=2, de")).contains("de");
        assertThat(AcceptLanguageFallback.wellFormed(";q=1,,")).isEmpty();
        assertThat(AcceptLanguageFallback.wellFormed("de;q=abc")).isEmpty();
        assertThat(AcceptLanguageFallback.wellFormed("\u00e9n")).isEmpty();
        assertThat(AcceptLanguageFallback.wellFormed("")).isEmpty();
    }
}
