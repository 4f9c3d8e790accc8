package org.hausmeter.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void lineBreaksAndControlCharacters_areEscaped_soTextStaysOnOneLine() {
        assertThat(LogSafe.quoted("anna\n2026-11-20 INFO forged")).isEqualTo("\"anna\\n2026-11-20 INFO forged\"");
        assertThat(LogSafe.quoted("a\rb\tc\u0000d\u001be\u007f")).isEqualTo("\"a\\rb\\tc\\u0000d\\u001be\\u007f\"");
        assertThat(LogSafe.quoted("x\u2028y\u2029z\u0085")).isEqualTo("\"x\\u2028y\\u2029z\\u0085\"");
        assertThat(LogSafe.quoted("evil\u202etxt.exe")).as("a bidi override").isEqualTo("\"evil\\u202etxt.exe\"");
    }

    @Test
    void quotesAndBackslashes_cannotEndTheQuotedText() {
        assertThat(LogSafe.quoted("a\" from \"10.0.0.1")).isEqualTo("\"a\\\" from \\\"10.0.0.1\"");
        assertThat(LogSafe.quoted("back\\n"))
                .as("a typed backslash-n is not a line break")
                .isEqualTo("\"back\\\\n\"");
    }

    @Test
    void ordinaryNames_stayReadable_andLongTextsAreCut() {
        assertThat(LogSafe.quoted("hauswart")).isEqualTo("\"hauswart\"");
        assertThat(LogSafe.quoted("Jürgen Weiß 😀")).isEqualTo("\"Jürgen Weiß 😀\"");
        assertThat(LogSafe.quoted(null)).isEqualTo("null");
        String cut = LogSafe.quoted("x".repeat(1_500));
        assertThat(cut).isEqualTo("\"" + "x".repeat(LogSafe.MAX_CHARS) + "\"…(1500 chars)");
        assertThat(LogSafe.quoted("x".repeat(LogSafe.MAX_CHARS - 1) + "😀"))
                .as("never half a character")
                .isEqualTo("\"" + "x".repeat(LogSafe.MAX_CHARS - 1) + "\"…(81 chars)");
        assertThat(LogSafe.quoted("lone \ud800 half")).isEqualTo("\"lone \\ud800 half\"");
    }
}
