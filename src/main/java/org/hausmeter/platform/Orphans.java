package org.hausmeter.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Embedded servers left running by a server that died without stopping them (kill -9, an out-of-memory kill, a
 * watchdog that died too), found and stopped before the next start, so a start never puts two PostgreSQL or two
 * Redis servers on the same files.
 * <p>
 * Only called while this process holds the data directory's lock ({@link DataDirectoryLock}): no other Hausmeter
 * server uses the directory, so a PostgreSQL or Redis running on it belongs to none. A process counts as ours only
 * when its working directory (which both servers change to at start: PostgreSQL to its data directory, Redis to
 * its {@code dir}) is our directory, read from {@code /proc/PID/cwd}; a pid file naming any other process is stale
 * (the PID was reused, e.g. after a power cut) and removed. Where {@code /proc} is missing (not Linux), a pid file
 * whose process is gone is removed and a live one is left to the server's own check.
 */
final class Orphans {

    /** How long an orphan gets to stop after the signal; generous, a checkpoint on a slow SD card takes time. */
    static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private Orphans() {}

    /**
     * Stops a PostgreSQL still running on {@code pgDir}: the postmaster its {@code postmaster.pid} names gets a fast
     * shutdown (SIGINT); any other postgres process working in the directory (a postmaster whose pid file is gone,
     * backends that outlived their postmaster) gets SIGTERM. A {@code postmaster.pid} naming a process that is not
     * ours (the PID was reused) is removed: PostgreSQL would refuse to start over it. One naming a process that is
     * gone is left to PostgreSQL, which then also checks that no old process still uses its shared memory.
     *
     * @param notes receives one line per action, for the start-up log
     * @throws IOException if an orphan does not stop within {@link #STOP_WAIT}, naming its PID
     */
    static void stopPostgres(Path pgDir, List<String> notes) throws IOException {
        Path pidFile = pgDir.resolve("postmaster.pid");
        Optional<Long> pid = firstLineNumber(pidFile);
        if (pid.isPresent()) {
            Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(Orphans::running);
            Optional<Boolean> ours = process.isPresent() ? isOurs(process.get(), pgDir, "postgres") : Optional.empty();
            if (ours.orElse(false)) {
                signal(pid.get(), "INT");
                awaitExit(process.get(), "PostgreSQL", pgDir);
                notes.add("Stopped a PostgreSQL (pid " + pid.get() + ") left running on [" + pgDir
                        + "] by a server that" + " ended without stopping it");
            } else if (ours.isPresent()) {
                Files.deleteIfExists(pidFile);
                notes.add("Removed a stale [" + pidFile + "]: its pid " + pid.get() + " is another process now");
            }
        }
        for (ProcessHandle p : workingIn(pgDir, "postgres")) {
            p.destroy(); // SIGTERM: a postmaster without clients shuts down, a backend ends
            awaitExit(p, "PostgreSQL process", pgDir);
            notes.add("Stopped a PostgreSQL process (pid " + p.pid() + ") left running on [" + pgDir + "]");
        }
    }

    /**
     * Stops every Redis running in {@code redisDir}: the one its pid file names and any other whose working
     * directory it is (a Redis of a version that wrote no pid file). SIGTERM: Redis writes its files and exits.
     * The pid file is removed afterwards (Redis does not need it; a stale one would only mislead).
     */
    static void stopRedis(Path redisDir, String pidFileName, List<String> notes) throws IOException {
        Path pidFile = redisDir.resolve(pidFileName);
        Optional<Long> pid = firstLineNumber(pidFile);
        if (pid.isPresent()) {
            Optional<ProcessHandle> process = ProcessHandle.of(pid.get()).filter(Orphans::running);
            if (process.isPresent()
                    && isOurs(process.get(), redisDir, "redis-server").orElse(false)) {
                stopRedis(process.get(), redisDir, notes);
            } else if (process.isEmpty()
                    || isOurs(process.get(), redisDir, "redis-server").isPresent()) {
                notes.add("Removed a stale [" + pidFile + "] (pid " + pid.get()
                        + (process.isEmpty() ? " no longer runs)" : " is another process now)"));
            }
        }
        for (ProcessHandle p : workingIn(redisDir, "redis-server")) {
            stopRedis(p, redisDir, notes);
        }
        Files.deleteIfExists(pidFile);
    }

    private static void stopRedis(ProcessHandle process, Path redisDir, List<String> notes) throws IOException {
        process.destroy(); // SIGTERM
        awaitExit(process, "Redis", redisDir);
        notes.add("Stopped a Redis (pid " + process.pid() + ") left running on [" + redisDir
                + "] by a server that ended" + " without stopping it");
    }

    /** Live processes of this user whose executable's name contains {@code program} and that work in {@code dir}. */
    static List<ProcessHandle> workingIn(Path dir, String program) {
        if (!Files.isDirectory(Path.of("/proc"))) {
            return List.of();
        }
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self)
                .filter(Orphans::running)
                .filter(p -> isOurs(p, dir, program).orElse(false))
                .toList();
    }

    /**
     * Whether {@code process} runs {@code program} (the name of its executable contains it) with {@code dir} as its
     * working directory; empty when that cannot be told (no {@code /proc}, or the process ended meanwhile). A
     * process of another user (its working directory cannot be read) is not ours: our directory is private.
     */
    static Optional<Boolean> isOurs(ProcessHandle process, Path dir, String program) {
        Path proc = Path.of("/proc", Long.toString(process.pid()));
        if (!Files.isDirectory(Path.of("/proc"))) {
            return Optional.empty();
        }
        try {
            Path cwd = Files.readSymbolicLink(proc.resolve("cwd"));
            Optional<String> command = process.info().command();
            return Optional.of(cwd.equals(dir.toRealPath())
                    && command.map(c -> Path.of(c).getFileName().toString().contains(program))
                            .orElse(false));
        } catch (IOException | SecurityException e) {
            return running(process) ? Optional.of(false) : Optional.empty();
        }
    }

    /**
     * Alive and not a zombie: an orphan that has exited stays in the process table until its new parent (init, or
     * whatever adopted it) reaps it, and Java still calls it alive.
     */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        if (!Files.isDirectory(Path.of("/proc"))) {
            return true;
        }
        try {
            String text = Files.readString(stat, StandardCharsets.US_ASCII);
            int end = text.lastIndexOf(')');
            return end < 0 || end + 2 >= text.length() || text.charAt(end + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    private static void signal(long pid, String signal) throws IOException {
        Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -" + signal + " \"$1\"", "kill", Long.toString(pid))
                .redirectErrorStream(true)
                .start();
        try {
            kill.getInputStream().readAllBytes();
            kill.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while signalling process " + pid, e);
        }
    }

    private static void awaitExit(ProcessHandle process, String what, Path dir) throws IOException {
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (running(process) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(
                        "Interrupted while waiting for the old " + what + " (pid " + process.pid() + ") to stop", e);
            }
        }
        if (running(process)) {
            throw new IOException("A " + what + " (pid " + process.pid() + ") left running on [" + dir
                    + "] by an earlier"
                    + " server did not stop within " + STOP_WAIT.toSeconds() + " s of being asked to; stop it (kill "
                    + process.pid() + ") and start again");
        }
    }

    /** The number on the first line of a pid file, if the file exists and starts with one. */
    static Optional<Long> firstLineNumber(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            // A standalone backend writes its PID negated.
            long pid = Math.abs(Long.parseLong(lines.get(0).trim()));
            return pid > 0 ? Optional.of(pid) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
