package org.hausmeter.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchConfigTest {

    @TempDir
    Path work;

    @Test
    void nothingConfigured_startsBothEmbedded_underDataInTheWorkingDirectory() {
        LaunchConfig c = LaunchConfig.resolve(Map.of(), new Properties(), work);
        assertThat(c.needsEmbedded()).isTrue();
        assertThat(c.embeddedSettings().withPostgres()).isTrue();
        assertThat(c.embeddedSettings().withRedis()).isTrue();
        assertThat(c.dataDir()).isEqualTo(work.resolve("data"));
    }

    @Test
    void hausmeterVariables_selectExternalServers_andNothingEmbedded() {
        LaunchConfig c = LaunchConfig.resolve(
                Map.of("HAUSMETER_DB_URL", "jdbc:postgresql://db/h", "HAUSMETER_REDIS_URL", "redis://cache:6379"),
                new Properties(),
                work);
        assertThat(c.needsEmbedded()).isFalse();
        assertThat(c.externalDbUrl()).contains("jdbc:postgresql://db/h");
    }

    @Test
    void quarkusPropertiesWork_too_andEachServerIsDecidedOnItsOwn() {
        Properties sys = new Properties();
        sys.setProperty("quarkus.datasource.jdbc.url", "jdbc:postgresql://db/h");
        LaunchConfig c = LaunchConfig.resolve(Map.of(), sys, work);
        assertThat(c.embeddedSettings().withPostgres()).isFalse();
        assertThat(c.embeddedSettings().withRedis()).isTrue();
    }

    @Test
    void configFileInTheWorkingDirectory_isRead() throws Exception {
        Files.createDirectories(work.resolve("config"));
        Files.writeString(
                work.resolve("config/application.properties"),
                "quarkus.redis.hosts=redis://cache:6379\nhausmeter.data-dir=/var/lib/hausmeter\n");
        LaunchConfig c = LaunchConfig.resolve(Map.of(), new Properties(), work);
        assertThat(c.externalRedisUrl()).contains("redis://cache:6379");
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/hausmeter"));
    }

    @Test
    void systemPropertyBeatsEnvironment() {
        Properties sys = new Properties();
        sys.setProperty("hausmeter.data-dir", "/srv/a");
        LaunchConfig c = LaunchConfig.resolve(Map.of("HAUSMETER_DATA_DIR", "/srv/b"), sys, work);
        assertThat(c.dataDir()).isEqualTo(Path.of("/srv/a"));
    }

    @Test
    void badPort_isRefusedWithTheProperty() {
        assertThatThrownBy(() -> LaunchConfig.resolve(
                        Map.of("HAUSMETER_EMBEDDED_POSTGRES_PORT", "http"), new Properties(), work))
                .hasMessageContaining("[hausmeter.embedded.postgres-port]")
                .hasMessageContaining("[http]");
    }
}
