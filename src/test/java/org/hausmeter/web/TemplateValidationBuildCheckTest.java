package org.hausmeter.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Qute checks type-safe templates at build time: a template that refers to a property its data does
 * not have fails the Quarkus build, so a renamed field breaks the build, not a page in production.
 * (The project's own templates are checked the same way on every build: they are type-safe
 * {@code @CheckedTemplate}s whose files come from templates/, see the pom's resources.)
 */
class TemplateValidationBuildCheckTest {

    @RegisterExtension
    static final QuarkusUnitTest BUILD = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ValidationFixture.class)
                    .addAsResource(
                            new StringAsset("{@org.hausmeter.web.ValidationFixture reading}\n"
                                    + "<p>{reading.meter}: {reading.exportWh} Wh</p>\n"),
                            "templates/broken.html"))
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:1/none")
            .overrideConfigKey("quarkus.redis.hosts", "redis://localhost:1")
            .overrideConfigKey("quarkus.flyway.migrate-at-start", "false")
            .assertException(t -> {
                StringBuilder messages = new StringBuilder();
                for (Throwable c = t; c != null; c = c.getCause()) {
                    messages.append(c.getMessage()).append('\n');
                }
                assertThat(messages.toString()).contains("exportWh").contains("broken.html");
            });

    @Test
    void missingProperty_failsTheBuild() {
        fail("The build must fail before any test runs");
    }
}
