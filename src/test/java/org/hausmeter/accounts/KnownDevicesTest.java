package org.hausmeter.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.hausmeter.support.MutableClock;
import org.junit.jupiter.api.Test;

class KnownDevicesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T09:00:00Z"));
    private final KnownDevices devices = new KnownDevices(
            KnownDevices.keyFrom("session-key-of-this-server"), clock, Duration.ofDays(90), "/j_security_check");

    @Test
    void aCookie_vouchesForItsAccountOnly_forTheKnownTime() {
        String cookie = devices.issue("Hauswart");
        assertThat(devices.vouchesFor(cookie, "hauswart")).isTrue();
        assertThat(devices.vouchesFor(cookie, "HAUSWART")).isTrue();
        assertThat(devices.vouchesFor(cookie, "anna")).isFalse();
        clock.advance(Duration.ofDays(90).minusSeconds(1));
        assertThat(devices.vouchesFor(cookie, "hauswart")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(devices.vouchesFor(cookie, "hauswart")).as("expired").isFalse();
    }

    @Test
    void aForgedOrChangedCookie_vouchesForNobody() {
        String cookie = devices.issue("anna");
        String[] parts = cookie.split("\\.");
        String otherUser = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("hauswart".getBytes());
        assertThat(devices.vouchesFor(parts[0] + "." + otherUser + "." + parts[2] + "." + parts[3], "hauswart"))
                .isFalse();
        assertThat(devices.vouchesFor(
                        parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) + 86_400) + "." + parts[3], "anna"))
                .as("a later issue time")
                .isFalse();
        KnownDevices otherServer =
                new KnownDevices(KnownDevices.keyFrom("another-key"), clock, Duration.ofDays(90), "/");
        assertThat(otherServer.vouchesFor(cookie, "anna")).isFalse();
        for (String junk : new String[] {"", ".", "...", "1.x.y.z", "a".repeat(10_000), "1.@@@.12.abc", null}) {
            assertThat(devices.vouchesFor(junk, "anna"))
                    .as(junk == null ? "null" : junk.substring(0, Math.min(20, junk.length())))
                    .isFalse();
        }
    }

    @Test
    void aCookieFromTheFuture_countsOnlyWithinAMinute() {
        String cookie = devices.issue("anna");
        clock.advance(Duration.ofSeconds(-60));
        assertThat(devices.vouchesFor(cookie, "anna")).isTrue();
        clock.advance(Duration.ofSeconds(-1));
        assertThat(devices.vouchesFor(cookie, "anna")).isFalse();
    }
}
