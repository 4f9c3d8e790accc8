package org.hausmeter.charging.pcsc;

import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import javax.smartcardio.TerminalFactory;
import org.hausmeter.charging.CardUid;
import org.jboss.logging.Logger;

/**
 * Watches the configured NFC readers over PC/SC (javax.smartcardio) on one daemon thread: every
 * {@code pollInterval} it lists the readers and asks each configured one whether a card is present.
 * When a card arrives it reads the UID with the contactless "Get Data" pseudo-APDU {@code FF CA 00 00 00}
 * (4, 7 or 10 bytes + {@code 90 00}; docs/domain.md 5), hands it to the tap handler, and, on readers that
 * support it, answers with the ACR122U LED/buzzer pseudo-APDU (green for accepted, red for refused).
 * A card held on the reader is one tap; it must leave before it taps again.
 *
 * <p>Nothing here ever stops the server: a reader unplugged or plugged in again, pcscd stopped or
 * restarted, a card pulled away mid-read are logged (once per change of state) and the loop goes on,
 * re-establishing the PC/SC context after pcscd comes back ({@link PcscLibrary#resetContext}).
 */
public final class ReaderWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReaderWatcher.class);
    private static final byte[] GET_UID = {(byte) 0xFF, (byte) 0xCA, 0x00, 0x00, 0x00};
    /**
     * ACR122U "Bi-Color LED and Buzzer Control" (ACR122U API v2.02 §6.2): FF 00 40 P2 04 T1 T2 reps link.
     * Accepted: green blinking then green (P2 0xAA), 200 ms, one beep. Refused: red (P2 0x55), three beeps.
     */
    static final byte[] FEEDBACK_ACCEPTED = HexFormat.of().parseHex("FF0040AA0402010101");

    static final byte[] FEEDBACK_REFUSED = HexFormat.of().parseHex("FF0040550402010303");
    private static final int MAX_READ_ATTEMPTS = 3;

    private final Set<String> readers;
    private final BiFunction<String, CardUid, Boolean> onTap;
    private final Duration pollInterval;
    private final Pattern feedbackReaders;
    private final Map<String, Boolean> cardPresent = new HashMap<>();
    private final Map<String, Integer> readAttempts = new HashMap<>();
    private final Set<String> visible = new LinkedHashSet<>();
    private volatile boolean running;
    private volatile Set<String> snapshot = Set.of();
    private volatile long polls;
    private Thread thread;
    private boolean pcscDown;
    private boolean resetWarned;

    /**
     * @param readers         PC/SC names of the readers to watch (from the building file)
     * @param onTap           called with reader name and UID; returns true when the tap was accepted
     * @param feedbackReaders reader names that take the ACR122U LED/buzzer pseudo-APDU
     */
    public ReaderWatcher(
            Set<String> readers,
            BiFunction<String, CardUid, Boolean> onTap,
            Duration pollInterval,
            Pattern feedbackReaders) {
        this.readers = Set.copyOf(readers);
        this.onTap = onTap;
        this.pollInterval = pollInterval;
        this.feedbackReaders = feedbackReaders;
    }

    public synchronized void start() {
        running = true;
        thread = new Thread(this::loop, "nfc-readers");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("Watching NFC readers %s over PC/SC", readers);
    }

    private void loop() {
        long backoffMs = pollInterval.toMillis();
        while (running) {
            try {
                pollOnce();
                if (pcscDown) {
                    LOG.infof("PC/SC is available again; readers present: %s", visible);
                    pcscDown = false;
                }
                backoffMs = pollInterval.toMillis();
            } catch (CardException | RuntimeException | java.security.NoSuchAlgorithmException e) {
                if (!pcscDown) {
                    LOG.warnf(
                            "PC/SC unavailable (%s): is pcscd running? Readers %s are retried every few seconds",
                            cause(e), readers);
                    pcscDown = true;
                    forgetReaders();
                }
                if (!PcscLibrary.resetContext() && !resetWarned) {
                    resetWarned = true;
                    LOG.warn("The JDK's PC/SC context cannot be renewed (try --add-opens"
                            + " java.smartcardio/sun.security.smartcardio=ALL-UNNAMED): after a pcscd restart the readers"
                            + " come back only with a server restart");
                }
                backoffMs = Math.min(5_000, Math.max(backoffMs * 2, 500));
            }
            sleep(backoffMs);
        }
    }

    /** One look at every configured reader. */
    void pollOnce() throws CardException, java.security.NoSuchAlgorithmException {
        TerminalFactory factory = TerminalFactory.getInstance("PC/SC", null);
        List<CardTerminal> list;
        try {
            list = factory.terminals().list();
        } catch (CardException e) {
            if (String.valueOf(cause(e)).contains("SCARD_E_NO_READERS_AVAILABLE")) {
                list = List.of();
            } else {
                throw e;
            }
        }
        Set<String> now = new LinkedHashSet<>();
        for (CardTerminal t : list) {
            now.add(t.getName());
        }
        for (String r : readers) {
            if (now.contains(r) && !visible.contains(r)) {
                LOG.infof("NFC reader [%s] is connected", r);
            } else if (!now.contains(r) && visible.contains(r)) {
                LOG.warnf("NFC reader [%s] disappeared (unplugged, or pcscd lost it)", r);
                cardPresent.remove(r);
            }
        }
        visible.clear();
        visible.addAll(now);
        snapshot = Set.copyOf(now);
        for (CardTerminal t : list) {
            if (readers.contains(t.getName())) {
                try {
                    watch(t);
                } catch (CardException e) {
                    String cause = cause(e);
                    if (cause.contains("SCARD_E_NO_SERVICE") || cause.contains("SCARD_E_SERVICE_STOPPED")) {
                        throw e;
                    }
                    // A reader in transition (card arriving, reader re-plugged): look again next time.
                    LOG.debugf("Reader [%s]: %s", t.getName(), cause);
                }
            }
        }
        polls++;
    }

    private void watch(CardTerminal t) throws CardException {
        String name = t.getName();
        boolean present = t.isCardPresent();
        boolean was = cardPresent.getOrDefault(name, false);
        if (!present) {
            cardPresent.put(name, false);
            readAttempts.remove(name);
            return;
        }
        if (was) {
            return;
        }
        int attempt = readAttempts.merge(name, 1, Integer::sum);
        CardUid uid = readUid(t);
        if (uid == null) {
            if (attempt >= MAX_READ_ATTEMPTS) {
                LOG.warnf(
                        "Reader [%s]: the card's UID could not be read in %d attempts; take it away and tap again",
                        name, attempt);
                cardPresent.put(name, true);
            }
            return;
        }
        cardPresent.put(name, true);
        readAttempts.remove(name);
        boolean accepted;
        try {
            accepted = Boolean.TRUE.equals(onTap.apply(name, uid));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Tap of card %s at reader [%s] could not be handled: %s", uid, name, e.getMessage());
            accepted = false;
        }
        feedback(t, accepted);
    }

    /** Reads the UID; null when the card left, answered an error, or gave a UID of an impossible length. */
    private CardUid readUid(CardTerminal t) {
        Card card = null;
        try {
            card = t.connect("*");
            ResponseAPDU r = card.getBasicChannel().transmit(new CommandAPDU(GET_UID));
            if (r.getSW() != 0x9000) {
                LOG.infof(
                        "Reader [%s]: UID read answered SW %04X (card pulled away mid-read?)", t.getName(), r.getSW());
                return null;
            }
            return CardUid.ofBytes(r.getData());
        } catch (CardException e) {
            LOG.infof("Reader [%s]: card left before its UID was read (%s)", t.getName(), cause(e));
            return null;
        } catch (IllegalArgumentException e) {
            LOG.warnf("Reader [%s]: %s", t.getName(), e.getMessage());
            return null;
        } finally {
            disconnect(card);
        }
    }

    private void feedback(CardTerminal t, boolean accepted) {
        if (!feedbackReaders.matcher(t.getName()).matches()) {
            return;
        }
        Card card = null;
        try {
            card = t.connect("*");
            card.getBasicChannel().transmit(new CommandAPDU(accepted ? FEEDBACK_ACCEPTED : FEEDBACK_REFUSED));
        } catch (CardException | RuntimeException e) {
            LOG.debugf("Reader [%s]: no LED/buzzer feedback (%s)", t.getName(), cause(e));
        } finally {
            disconnect(card);
        }
    }

    private static void disconnect(Card card) {
        if (card != null) {
            try {
                card.disconnect(false);
            } catch (CardException | RuntimeException ignored) {
                // the card is gone already
            }
        }
    }

    private void forgetReaders() {
        for (String r : visible) {
            if (readers.contains(r)) {
                LOG.warnf("NFC reader [%s] is unavailable", r);
            }
        }
        visible.clear();
        snapshot = Set.of();
        cardPresent.clear();
        readAttempts.clear();
    }

    private static String cause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    /** Readers seen the last time PC/SC answered. */
    public Set<String> visibleReaders() {
        return snapshot;
    }

    /** Looks at every reader completed so far (one thread writes it), so a test can wait for the watcher to look again. */
    public long polls() {
        return polls;
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
