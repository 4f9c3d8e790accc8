package org.hausmeter.bus;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A connected pty pair from {@code socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B}
 * (docs/domain.md 10), in a fresh temp directory. Without socat the calling test is skipped with a loud
 * reason, or fails when the environment variable {@code CI=true}.
 */
public final class SocatPtyPair implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final Path masterEnd;
    private final Path slaveEnd;

    private SocatPtyPair(Process process, Path dir, Path masterEnd, Path slaveEnd) {
        this.process = process;
        this.dir = dir;
        this.masterEnd = masterEnd;
        this.slaveEnd = slaveEnd;
    }

    public static SocatPtyPair start() throws IOException, InterruptedException {
        Optional<Path> socat = onPath("socat");
        if (socat.isEmpty()) {
            String reason = "socat is not installed, so the Modbus RTU tests over a pty pair cannot run "
                    + "(apt-get install -y socat)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI=true: " + reason);
            }
            Assumptions.assumeTrue(false, "SKIPPED: " + reason);
        }
        Path dir = Files.createTempDirectory("hausmeter-pty");
        Path a = dir.resolve("ttyV0");
        Path b = dir.resolve("ttyV1");
        Process process = new ProcessBuilder(
                        socat.get().toString(), "-d", "-d", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("socat.log").toFile())
                .start();
        SocatPtyPair pair = new SocatPtyPair(process, dir, b, a);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(a) && Files.exists(b))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String log = Files.readString(dir.resolve("socat.log"));
                pair.close();
                Assertions.fail("socat did not create the pty links [" + a + ", " + b + "]: " + log);
            }
            Thread.sleep(10);
        }
        return pair;
    }

    /** Full path of the end the master (J2modRtuBus) opens. */
    public String masterEnd() {
        return masterEnd.toString();
    }

    /** Full path of the end the simulated slaves listen on. */
    public String slaveEnd() {
        return slaveEnd.toString();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String entry : path.split(File.pathSeparator)) {
            Path candidate = Path.of(entry, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
