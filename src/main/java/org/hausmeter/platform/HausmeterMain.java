package org.hausmeter.platform;

import io.quarkus.runtime.Application;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.util.Arrays;
import org.jboss.logging.Logger;

/**
 * Entry point. Before Quarkus starts (its datasource and Flyway need a database at boot) it starts
 * the embedded PostgreSQL and Redis when none is configured, and stops them after Quarkus has shut
 * down, so no connection outlives its server.
 * <p>
 * Arguments: {@code demo} seeds the demo building and prints its logins; {@code create-caretaker NAME}
 * creates the first caretaker with a one-time password (server stopped) and exits, {@code reset-password NAME}
 * gives an account a new one; {@code restore FILE [--force]} loads a backup into an empty database (server
 * stopped, see {@link org.hausmeter.backup.RestoreCommand}); {@code scenario FILE} replays the ledger's months
 * under the file's scenarios and prints the figures as JSON (see {@link org.hausmeter.scenario.ScenarioCommand});
 * {@code scan} and
 * {@code simulate} are caretaker commands that run without the server (see {@link Commands}).
 */
@QuarkusMain
public class HausmeterMain {

    private static final Logger LOG = Logger.getLogger(HausmeterMain.class);

    public static void main(String... args) {
        if (Commands.isCommand(args)) {
            int code;
            try {
                code = Commands.run(System.out, args);
            } catch (Exception e) {
                System.err.println("hausmeter " + args[0] + ": " + e.getMessage());
                code = 2;
            }
            System.exit(code);
            return;
        }
        if (args.length > 0 && (args[0].equals("create-caretaker") || args[0].equals("reset-password"))) {
            if (args.length < 2) {
                System.err.println("usage: " + args[0] + " USERNAME   (with the server stopped)");
                System.exit(2);
                return;
            }
            System.setProperty(
                    args[0].equals("create-caretaker") ? "hausmeter.first-run.caretaker" : "hausmeter.first-run.reset",
                    args[1]);
            System.setProperty("hausmeter.bus.polling", "false");
            // An account command opens no port and watches no NFC reader: it runs beside nothing, as the
            // installer runs it (where the HTTPS port 443 may not be open to this user), and exits.
            System.setProperty("hausmeter.charging.readers.mode", "off");
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.http.insecure-requests", "disabled");
            System.setProperty("quarkus.http.host", "127.0.0.1");
            System.setProperty("quarkus.http.ssl-port", "0");
        }
        if (args.length > 0 && args[0].equals("restore")) {
            if (args.length < 2) {
                System.err.println(
                        "usage: restore FILE [--force]   (with the server stopped; see docs/operator-guide.md)");
                System.exit(2);
                return;
            }
            System.setProperty(
                    "hausmeter.restore.file", Path.of(args[1]).toAbsolutePath().toString());
            System.setProperty(
                    "hausmeter.restore.force",
                    Boolean.toString(Arrays.asList(args).contains("--force")));
            System.setProperty("hausmeter.bus.polling", "false");
            // Nothing of its own into the database before the restore: no meters from the building file, no readers.
            System.setProperty("hausmeter.bus.building-file", "");
            System.setProperty("hausmeter.charging.readers.mode", "off");
            System.setProperty("hausmeter.sim.enabled", "false");
        }
        if (args.length > 0 && args[0].equals("scenario")) {
            if (args.length < 2) {
                System.err.println("usage: scenario FILE   (YAML or JSON; see docs/scenarios.md)");
                System.exit(2);
                return;
            }
            System.setProperty(
                    "hausmeter.scenario.file", Path.of(args[1]).toAbsolutePath().toString());
            // Reads the ledger and prints JSON on stdout: no polling, no readers, nothing served, logs on stderr.
            System.setProperty("hausmeter.bus.polling", "false");
            System.setProperty("hausmeter.bus.building-file", "");
            System.setProperty("hausmeter.charging.readers.mode", "off");
            System.setProperty("hausmeter.sim.enabled", "false");
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.http.insecure-requests", "disabled");
            System.setProperty("quarkus.http.host", "127.0.0.1");
            System.setProperty("quarkus.http.ssl-port", "0");
            System.setProperty("quarkus.log.console.stderr", "true");
            System.setProperty("quarkus.banner.enabled", "false");
        }
        if (Arrays.asList(args).contains("demo")) {
            System.setProperty("hausmeter.demo.enabled", "true");
        }
        LaunchConfig launch;
        EmbeddedServers servers = null;
        try {
            launch = LaunchConfig.resolve(
                    System.getenv(), System.getProperties(), Path.of("").toAbsolutePath());
            if (launch.sessionKey().isEmpty() && launch.needsEmbedded()) {
                System.setProperty(SessionKey.PROPERTY, SessionKey.ensure(launch.dataDir()));
            } else if (launch.sessionKey().isEmpty()) {
                System.setProperty(SessionKey.PROPERTY, SessionKey.temporary());
                System.setProperty(SessionKey.TEMPORARY, "true");
            }
            if (launch.needsEmbedded()) {
                servers = EmbeddedServers.start(launch.embeddedSettings());
                servers.quarkusConfig().forEach(System::setProperty);
            }
        } catch (Exception e) {
            // Logging is not set up before Quarkus boots: this one line goes straight to stderr.
            System.err.println("Hausmeter cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (servers != null) {
            EmbeddedServers started = servers;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAfterQuarkus(started), "embedded-servers-stop"));
        }
        Quarkus.run(Server.class, args);
    }

    private static void stopAfterQuarkus(EmbeddedServers servers) {
        Application app = Application.currentApplication();
        if (app != null) {
            Thread waiter = new Thread(app::awaitShutdown, "await-quarkus-stop");
            waiter.setDaemon(true);
            waiter.start();
            try {
                waiter.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            servers.close();
        } catch (Exception e) {
            LOG.error("Stopping the embedded servers failed: " + e.getMessage(), e);
        }
    }

    /** The running server: everything happens in beans; this only waits for the shutdown signal. */
    public static class Server implements QuarkusApplication {
        @Override
        public int run(String... args) {
            String caretaker = System.getProperty("hausmeter.first-run.caretaker");
            String reset = System.getProperty("hausmeter.first-run.reset");
            String restore = System.getProperty("hausmeter.restore.file");
            String scenario = System.getProperty("hausmeter.scenario.file");
            if (scenario != null) {
                return org.hausmeter.scenario.ScenarioCommand.run(Path.of(scenario), System.out, System.err);
            }
            if (restore != null) {
                return org.hausmeter.backup.RestoreCommand.run(
                        Path.of(restore), Boolean.getBoolean("hausmeter.restore.force"));
            }
            if (caretaker != null || reset != null) {
                org.hausmeter.accounts.FirstRun firstRun = io.quarkus.arc.Arc.container()
                        .instance(org.hausmeter.accounts.FirstRun.class)
                        .get();
                try {
                    org.hausmeter.accounts.FirstRun.Created c =
                            caretaker != null ? firstRun.createCaretaker(caretaker) : firstRun.resetPassword(reset);
                    System.out.println((caretaker != null
                                    ? "Caretaker [" + c.username() + "] created."
                                    : "Password of [" + c.username() + "] reset.")
                            + " One-time password: " + c.oneTimePassword());
                    System.out.println("Keep it safe; it is shown only now. It logs in until " + c.validUntil()
                            + " and must be replaced by your own at the first login.");
                    return 0;
                } catch (RuntimeException e) {
                    System.err.println(
                            (caretaker != null ? "create-caretaker: " : "reset-password: ") + e.getMessage());
                    return 2;
                }
            }
            Quarkus.waitForExit();
            return 0;
        }
    }
}
