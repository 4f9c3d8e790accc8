package org.hausmeter.billing.pdf;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Debian's poppler-utils ({@code pdftotext}, {@code pdftoppm}) on rendered bills. Without them a test
 * is skipped with a loud message on a developer machine, and fails when the environment variable
 * {@code CI} is {@code "true"} (.ci/run installs poppler-utils).
 */
public final class Poppler {

    private Poppler() {}

    /** @return the text of the PDF as {@code pdftotext -layout} extracts it, pages separated by form feeds */
    public static String text(byte[] pdf, Path dir) {
        Path in = write(pdf, dir, "bill.pdf");
        return new String(
                run(dir, "pdftotext", "-layout", "-enc", "UTF-8", in.toString(), "-"), StandardCharsets.UTF_8);
    }

    /** Renders every page to {@code <prefix>-<n>.png} at the given resolution; returns the files. */
    static List<Path> png(byte[] pdf, Path dir, String prefix, int dpi) {
        Path in = write(pdf, dir, prefix + ".pdf");
        run(
                dir,
                "pdftoppm",
                "-png",
                "-r",
                Integer.toString(dpi),
                in.toString(),
                dir.resolve(prefix).toString());
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix + "-")
                            && p.toString().endsWith(".png"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void requireTool(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        String message = "[" + tool + "] is not installed: the bill PDF cannot be read back."
                + " Install Debian's poppler-utils (apt-get install poppler-utils), as .ci/run does.";
        if ("true".equals(System.getenv("CI"))) {
            fail(message + " CI=true, so this is a failure, not a skip.");
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }

    private static Path write(byte[] pdf, Path dir, String name) {
        try {
            return Files.write(dir.resolve(name), pdf);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] run(Path dir, String... command) {
        requireTool(command[0]);
        List<String> cmd = new ArrayList<>(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectError(dir.resolve("stderr.txt").toFile())
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(cmd + " did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                fail(cmd + " exited with [" + p.exitValue() + "]: " + Files.readString(dir.resolve("stderr.txt")));
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("Cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
