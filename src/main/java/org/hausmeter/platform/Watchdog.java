package org.hausmeter.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Stops the embedded PostgreSQL and Redis when the server process ends without stopping them (kill -9, an
 * out-of-memory kill, a crash of the JVM).
 * <p>
 * A small {@code /bin/sh} process, started before the servers, reads its standard input, a pipe whose only writer
 * is the server's JVM. The server tells it the PID of each server it starts ({@code postgres PID},
 * {@code redis PID}). However the JVM ends, the kernel closes its end of the pipe and the watchdog reads end of
 * file at once: no polling, no PID of the JVM to watch (which could be reused). If the last line was not
 * {@code stop} (what {@link #close()} writes after the servers were stopped in order), it gives PostgreSQL a fast
 * shutdown (SIGINT) and Redis SIGTERM, each only if that PID still works in our directory (so a reused PID is never
 * signalled), waits for them and exits. It ignores SIGINT and SIGHUP: a Ctrl-C in the terminal reaches the whole
 * process group, and the JVM stops the servers itself then. It logs to {@code log/watchdog.log}.
 * <p>
 * Linux only (it reads {@code /proc/PID/cwd}); elsewhere there is no watchdog, and the next start stops what was
 * left running ({@link Orphans}).
 */
final class Watchdog implements AutoCloseable {

    private static final String SCRIPT = """
            trap '' INT HUP
            pg=; redis=
            while read -r what pid; do
              case "$what" in
                postgres) pg=$pid ;;
                redis) redis=$pid ;;
                stop) exit 0 ;;
              esac
            done
            ours() { [ -n "$1" ] && [ "$(readlink "/proc/$1/cwd" 2>/dev/null)" = "$2" ]; }
            echo "$(date '+%Y-%m-%d %H:%M:%S') watchdog: Hausmeter server (pid $HAUSMETER_SERVER_PID) ended without stopping\
             its servers; stopping PostgreSQL (pid ${pg:-none}) and Redis (pid ${redis:-none})"
            if ours "$pg" "$HAUSMETER_PGDATA"; then kill -INT "$pg"; fi
            if ours "$redis" "$HAUSMETER_REDISDIR"; then kill -TERM "$redis"; fi
            n=0
            while [ $n -lt 120 ] && { ours "$pg" "$HAUSMETER_PGDATA" || ours "$redis" "$HAUSMETER_REDISDIR"; }; do
              sleep 1; n=$((n + 1))
            done
            if ours "$pg" "$HAUSMETER_PGDATA" || ours "$redis" "$HAUSMETER_REDISDIR"; then
              echo "$(date '+%Y-%m-%d %H:%M:%S') watchdog: still running after 120 s; the next start stops them"
            else
              echo "$(date '+%Y-%m-%d %H:%M:%S') watchdog: stopped"
            fi
            """;

    private final Process process;
    private final OutputStream pipe;

    private Watchdog(Process process) {
        this.process = process;
        this.pipe = process.getOutputStream();
    }

    /**
     * Starts the watchdog for servers working in {@code pgDir} and {@code redisDir}; empty where it cannot run
     * (no {@code /proc} or no {@code /bin/sh}).
     */
    static Optional<Watchdog> start(Path pgDir, Path redisDir, Path log) throws IOException {
        if (!Files.isDirectory(Path.of("/proc/self")) || !Files.isExecutable(Path.of("/bin/sh"))) {
            return Optional.empty();
        }
        // Paths go by environment, not arguments: /proc/PID/cmdline is readable by every user, environ is not.
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", SCRIPT, "hausmeter-watchdog")
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true);
        pb.environment()
                .put(
                        "HAUSMETER_SERVER_PID",
                        Long.toString(ProcessHandle.current().pid()));
        pb.environment().put("HAUSMETER_PGDATA", realPath(pgDir));
        pb.environment().put("HAUSMETER_REDISDIR", realPath(redisDir));
        return Optional.of(new Watchdog(pb.start()));
    }

    /** As /proc/PID/cwd shows it: links resolved; a directory not there (a server not started) as it is. */
    private static String realPath(Path dir) throws IOException {
        return Files.isDirectory(dir)
                ? dir.toRealPath().toString()
                : dir.toAbsolutePath().normalize().toString();
    }

    /** From now on the watchdog stops this process when the server ends without stopping it. */
    synchronized void guard(String server, long pid) throws IOException {
        pipe.write((server + " " + pid + "\n").getBytes(StandardCharsets.US_ASCII));
        pipe.flush();
    }

    long pid() {
        return process.pid();
    }

    /** The servers were stopped in order: the watchdog exits without touching anything. */
    @Override
    public synchronized void close() {
        try {
            pipe.write("stop\n".getBytes(StandardCharsets.US_ASCII));
            pipe.close();
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // Already gone: nothing to tell it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroy();
    }
}
