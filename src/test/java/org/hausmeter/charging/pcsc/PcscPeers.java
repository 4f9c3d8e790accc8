package org.hausmeter.charging.pcsc;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PC/SC stack of the reader tests: Debian's pcscd with vsmartcard's virtual reader driver
 * (vsmartcard-vpcd), which listens on 35963 ("Virtual PCD 00 00") and 35964 ("Virtual PCD 00 01") for
 * a virtual card. Uses a running pcscd, or starts one in the foreground and stops it afterwards.
 * Without pcscd or vpcd the tests are skipped with the reason, except on CI (CI=true), where they fail.
 */
final class PcscPeers {

    static final int READER_0 = 35963;
    static final int READER_1 = 35964;
    private static final Path PCSCD = Path.of("/usr/sbin/pcscd");
    private static final Path VPCD = Path.of("/usr/lib/pcsc/drivers/serial/libifdvpcd.so");

    private static Process ours;

    private PcscPeers() {}

    /** Makes sure pcscd with vpcd runs; skips (fails on CI) when they are not installed. */
    static synchronized void require() throws IOException, InterruptedException {
        if (!Files.isExecutable(PCSCD) || !Files.exists(VPCD)) {
            String why =
                    "NFC reader tests need Debian's pcscd and vsmartcard-vpcd (apt-get install pcscd vsmartcard-vpcd"
                            + " libpcsclite1; .ci/run does): " + PCSCD + " or " + VPCD + " is missing";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        if (listening(READER_0)) {
            return;
        }
        start();
    }

    /** Whether this test run started pcscd (only then may a test stop and restart it). */
    static synchronized boolean ours() {
        return ours != null && ours.isAlive();
    }

    static synchronized void start() throws IOException, InterruptedException {
        stop(); // never two of ours: a pcscd left running would hold the PC/SC socket for every later start
        Path log = Path.of("target", "pcscd.log").toAbsolutePath();
        ours = new ProcessBuilder(PCSCD.toString(), "--foreground")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!listening(READER_0)) {
            if (!ours.isAlive()) {
                int status = ours.exitValue();
                ours = null;
                fail("pcscd exited with " + status + " (is another pcscd running without vpcd? see " + log + ")");
            }
            if (System.nanoTime() > deadline) {
                stop();
                fail("vpcd does not listen on " + READER_0 + " 30 s after pcscd started (see " + log
                        + "). 'Address already"
                        + " in use' there: another socket had vpcd's port, e.g. an outgoing connection's ephemeral port;"
                        + " .ci/run reserves 35963-35964 (net.ipv4.ip_local_reserved_ports)");
            }
            Thread.sleep(100);
        }
    }

    /** Stops the pcscd this run started, as a crash or an operator would. */
    static synchronized void stop() throws InterruptedException {
        if (ours != null) {
            ours.destroy();
            ours.waitFor();
            ours = null;
        }
    }

    /**
     * Whether PC/SC lists vpcd's reader (asked through javax.smartcardio, not by connecting to vpcd's
     * port: a connection there is a card on the reader).
     */
    static boolean listening(int port) {
        String reader = port == READER_0 ? "Virtual PCD 00 00" : "Virtual PCD 00 01";
        PcscLibrary.configure(java.util.Optional.empty());
        try {
            return javax.smartcardio.TerminalFactory.getInstance("PC/SC", null).terminals().list().stream()
                    .anyMatch(t -> t.getName().equals(reader));
        } catch (Exception e) {
            PcscLibrary.resetContext();
            return false;
        }
    }
}
