package org.hausmeter.charging.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.hausmeter.charging.ChargingService;
import org.hausmeter.charging.ChargingStartup;
import org.hausmeter.charging.ChargingTestProfile;
import org.hausmeter.charging.DecisionLog;
import org.hausmeter.demo.DemoBuilding;
import org.hausmeter.support.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Taps through the real PC/SC stack: pcscd, vsmartcard's virtual readers, and {@link VirtualCard}
 * answering the UID pseudo-APDU. The server's reader watcher reads the UID, the charging decision
 * switches the simulated charger, and the reader gets the LED/buzzer feedback. Also: an unknown
 * card, a card pulled away mid-read, and pcscd going away and coming back.
 */
@QuarkusTest
@TestProfile(ChargingTestProfile.class)
class PcscReaderTest {

    private static final String ACCEPTED = HexFormat.of().withUpperCase().formatHex(ReaderWatcher.FEEDBACK_ACCEPTED);
    private static final String REFUSED = HexFormat.of().withUpperCase().formatHex(ReaderWatcher.FEEDBACK_REFUSED);
    /** Upper limit of every wait: generous, so a loaded machine only makes the test slower. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ChargingService service;

    @Inject
    ChargingStartup startup;

    @Inject
    DecisionLog decisions;

    @Inject
    Clock clock;

    static String card(String username) {
        return DemoBuilding.demoCard(DemoBuilding.LOGINS.stream()
                .filter(l -> l.username().equals(username))
                .findFirst()
                .orElseThrow());
    }

    @BeforeEach
    void peersAndFreeChargers() throws Exception {
        PcscPeers.require();
        await(
                "the watcher sees vpcd's readers",
                WAIT,
                () -> startup.watcher().orElseThrow().visibleReaders().contains("Virtual PCD 00 00"));
        for (ChargingService.SessionView s : service.sessions(null, null, null, null, 1000)) {
            if (s.status().equals("OPEN")) {
                service.endByCaretaker(s.id(), "hauswart", "test reset");
            }
        }
        for (String ch : List.of("ch-1", "ch-2")) {
            service.simulateCar(ch, true, 11_000L, 20_000L);
        }
        ((MutableClock) clock).advance(Duration.ofMinutes(1));
    }

    /**
     * Each test leaves both readers empty, seen so by the watcher: a card still on a reader when the next test
     * taps there would be no new tap (the tests run in any order).
     */
    @org.junit.jupiter.api.AfterEach
    void readersEmpty() throws InterruptedException {
        if (startup.watcher().isPresent()) {
            awaitCardGone("Virtual PCD 00 00");
            awaitCardGone("Virtual PCD 00 01");
        }
    }

    @AfterAll
    static void stopOurPcscd() throws InterruptedException {
        PcscPeers.stop();
    }

    @Test
    void cardAtTheReader_startsAndStops_withGreenFeedback() throws Exception {
        String uid = card("lena");
        try (VirtualCard card = new VirtualCard(uid)) {
            card.tap(PcscPeers.READER_0);
            ChargingService.SessionView open = awaitValue("a session on ch-1", WAIT, () -> openOn("ch-1"));
            assertThat(open.cardUid()).isEqualTo(uid);
            await("accepted feedback", WAIT, () -> card.apdus().contains(ACCEPTED));
            assertThat(card.apdus()).startsWith("FFCA000000");
            card.remove();
            awaitCardGone("Virtual PCD 00 00");
            ((MutableClock) clock).advance(Duration.ofHours(1));
            card.tap(PcscPeers.READER_0);
            await(
                    "the session closed",
                    WAIT,
                    () -> service.session(open.id())
                            .map(s -> s.status().equals("CLOSED"))
                            .orElse(false));
            ChargingService.SessionView closed = service.session(open.id()).orElseThrow();
            assertThat(closed.endReason()).isEqualTo("CARD");
            assertThat(closed.energyWh()).isCloseTo(11_000L, within(100L));
            assertThat(closed.source()).isEqualTo("READER");
        }
    }

    @Test
    void unknownCard_isRefused_withRedFeedback_andLoggedWithItsReader() throws Exception {
        try (VirtualCard card = new VirtualCard("04BADBADBAD001")) {
            card.tap(PcscPeers.READER_1);
            await("refused feedback", WAIT, () -> card.apdus().contains(REFUSED));
        }
        DecisionLog.Entry e = decisions.list("ch-2", null, 5).stream()
                .filter(d -> "04BADBADBAD001".equals(d.cardUid()))
                .findFirst()
                .orElseThrow();
        assertThat(e.reason()).isEqualTo("UNKNOWN_CARD");
        assertThat(e.origin()).isEqualTo("READER");
        assertThat(e.reader()).isEqualTo("Virtual PCD 00 01");
        assertThat(openOn("ch-2")).isNull();
    }

    @Test
    void cardPulledAwayMidRead_isReadAgain_andMakesOneSession() throws Exception {
        String uid = card("mo");
        try (VirtualCard card = new VirtualCard(uid)) {
            card.failNextUidRead();
            card.tap(PcscPeers.READER_1);
            ChargingService.SessionView open = awaitValue("a session on ch-2", WAIT, () -> openOn("ch-2"));
            assertThat(open.cardUid()).isEqualTo(uid);
            assertThat(card.apdus().stream().filter(a -> a.equals("FFCA000000")).count())
                    .isGreaterThanOrEqualTo(2);
            awaitPolls(10);
            assertThat(service.sessions(null, null, null, "ch-2", 10).stream()
                            .filter(s -> s.cardUid().equals(uid) && s.status().equals("OPEN"))
                            .count())
                    .as("a card held on the reader is one tap")
                    .isEqualTo(1);
        }
    }

    @Test
    void pcscdGoneAndBack_theWatcherRecovers() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                PcscPeers.ours(),
                "pcscd was already running (not started by this test): not stopping someone else's pcscd");
        ReaderWatcher watcher = startup.watcher().orElseThrow();
        PcscPeers.stop();
        await(
                "the watcher notices the readers are gone",
                WAIT,
                () -> watcher.visibleReaders().isEmpty());
        PcscPeers.start();
        await("the readers come back", WAIT, () -> watcher.visibleReaders().contains("Virtual PCD 00 00"));
        String uid = card("jonas");
        try (VirtualCard card = new VirtualCard(uid)) {
            card.tap(PcscPeers.READER_0);
            ChargingService.SessionView open =
                    awaitValue("a session after pcscd came back", WAIT, () -> openOn("ch-1"));
            assertThat(open.cardUid()).isEqualTo(uid);
        }
    }

    private ChargingService.SessionView openOn(String charger) {
        return service.sessions(null, null, null, charger, 10).stream()
                .filter(s -> s.status().equals("OPEN"))
                .findFirst()
                .orElse(null);
    }

    /** PC/SC no longer sees the card, and the watcher has looked since. */
    private void awaitCardGone(String reader) throws InterruptedException {
        await("the card left " + reader, WAIT, () -> {
            try {
                return !javax.smartcardio.TerminalFactory.getInstance("PC/SC", null)
                        .terminals()
                        .getTerminal(reader)
                        .isCardPresent();
            } catch (Exception e) {
                return false;
            }
        });
        awaitPolls(2);
    }

    /** The watcher has looked at the readers {@code n} more times (one may be under way now, so n ≥ 2 is one whole look). */
    private void awaitPolls(int n) throws InterruptedException {
        ReaderWatcher watcher = startup.watcher().orElseThrow();
        long target = watcher.polls() + n;
        await(n + " more looks of the watcher", WAIT, () -> watcher.polls() >= target);
    }

    private static void await(String what, Duration max, Supplier<Boolean> condition) throws InterruptedException {
        awaitValue(what, max, () -> condition.get() ? Boolean.TRUE : null);
    }

    private static <T> T awaitValue(String what, Duration max, Supplier<T> value) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (true) {
            T v = value.get();
            if (v != null) {
                return v;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + max.toSeconds() + " s for " + what);
            }
            Thread.sleep(100);
        }
    }
}
