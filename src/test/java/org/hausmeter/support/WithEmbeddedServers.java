package org.hausmeter.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link EmbeddedServersResource} for every {@code @QuarkusTest} in the suite. */
@QuarkusTestResource(value = EmbeddedServersResource.class, restrictToAnnotatedClass = false)
public final class WithEmbeddedServers {
    private WithEmbeddedServers() {}
}
