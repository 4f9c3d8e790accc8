package org.hausmeter.platform;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-in server process for {@link CrashRestartTest}: starts the embedded servers on the data directory given
 * as the only argument, prints {@code UP <postgres port> <redis port> <watchdog pid>} and waits to be killed.
 */
public final class EmbeddedServersChild {

    private EmbeddedServersChild() {}

    public static void main(String[] args) throws Exception {
        EmbeddedServers servers = EmbeddedServers.start(new EmbeddedServers.Settings(Path.of(args[0]), 0, 0));
        System.out.println("UP " + servers.postgresPort() + " " + servers.redisPort() + " "
                + servers.watchdogPid().orElse(-1L));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
