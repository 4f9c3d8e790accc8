package org.hausmeter.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What the launcher must decide before Quarkus starts: whether an external PostgreSQL and Redis are
 * configured, and where the embedded ones keep their data.
 * <p>
 * Looked up in the same places an operator configures Hausmeter, highest priority first: system
 * properties, environment variables, {@code config/application.properties} in the working
 * directory. The packaged application.properties maps the {@code HAUSMETER_*} variables onto the
 * Quarkus properties, so either spelling works.
 *
 * @param externalDbUrl    JDBC URL of an operator's PostgreSQL, empty for the embedded one
 * @param externalRedisUrl Redis URL of an operator's Redis, empty for the embedded one
 * @param dataDir          directory of the embedded servers' files
 * @param postgresPort     port of the embedded PostgreSQL, 0 for any free port
 * @param redisPort        port of the embedded Redis, 0 for any free port
 * @param sessionKey       the operator's key for session cookies, empty when the data directory's {@link SessionKey} serves
 */
public record LaunchConfig(
        Optional<String> externalDbUrl,
        Optional<String> externalRedisUrl,
        Path dataDir,
        int postgresPort,
        int redisPort,
        Optional<String> sessionKey) {

    public static LaunchConfig resolve(Map<String, String> env, Properties sys, Path workingDir) {
        Properties file = new Properties();
        Path configFile = workingDir.resolve("config").resolve("application.properties");
        if (Files.isRegularFile(configFile)) {
            try (InputStream in = Files.newInputStream(configFile)) {
                file.load(in);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read [" + configFile + "]: " + e.getMessage(), e);
            }
        }
        Lookup lookup = new Lookup(env, sys, file);
        Optional<String> db = lookup.first(
                "quarkus.datasource.jdbc.url", "QUARKUS_DATASOURCE_JDBC_URL", "hausmeter.db.url", "HAUSMETER_DB_URL");
        Optional<String> redis = lookup.first(
                "quarkus.redis.hosts", "QUARKUS_REDIS_HOSTS", "hausmeter.redis.url", "HAUSMETER_REDIS_URL");
        Path dataDir =
                Path.of(lookup.first("hausmeter.data-dir", "HAUSMETER_DATA_DIR").orElse("data"));
        if (!dataDir.isAbsolute()) {
            dataDir = workingDir.resolve(dataDir);
        }
        int pgPort = port(lookup, "hausmeter.embedded.postgres-port", "HAUSMETER_EMBEDDED_POSTGRES_PORT");
        int redisPort = port(lookup, "hausmeter.embedded.redis-port", "HAUSMETER_EMBEDDED_REDIS_PORT");
        Optional<String> sessionKey =
                lookup.first(SessionKey.PROPERTY, "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY", "HAUSMETER_SESSION_KEY");
        return new LaunchConfig(db, redis, dataDir.normalize(), pgPort, redisPort, sessionKey);
    }

    private static int port(Lookup lookup, String property, String variable) {
        String value = lookup.first(property, variable).orElse("0");
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("[" + property + "] must be a TCP port 0-65535, was [" + value + "]");
        }
    }

    public boolean needsEmbedded() {
        return externalDbUrl.isEmpty() || externalRedisUrl.isEmpty();
    }

    public EmbeddedServers.Settings embeddedSettings() {
        return new EmbeddedServers.Settings(
                dataDir, postgresPort, redisPort, externalDbUrl.isEmpty(), externalRedisUrl.isEmpty());
    }

    private record Lookup(Map<String, String> env, Properties sys, Properties file) {
        /** First non-blank value of the given names; property names are read from sys and file, upper-case names from env. */
        Optional<String> first(String... names) {
            for (Properties source : new Properties[] {sys}) {
                for (String name : names) {
                    String v = source.getProperty(name);
                    if (v != null && !v.isBlank()) {
                        return Optional.of(v.trim());
                    }
                }
            }
            for (String name : names) {
                String v = env.get(name);
                if (v != null && !v.isBlank()) {
                    return Optional.of(v.trim());
                }
            }
            for (String name : names) {
                String v = file.getProperty(name);
                if (v != null && !v.isBlank() && !v.startsWith("${")) {
                    return Optional.of(v.trim());
                }
            }
            return Optional.empty();
        }
    }
}
