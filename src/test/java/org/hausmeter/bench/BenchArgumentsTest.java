package org.hausmeter.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The benchmark selection of {@code mvn -Pbench verify}: the bench profile passes {@code ${bench.only}} (default
 * {@code all}), and Maven's exec plugin passes an empty property as a null argument.
 */
class BenchArgumentsTest {

    @Test
    void allNullEmptyBlankOrNothing_runEveryBenchmark() {
        assertThat(Bench.selection(List.of("all"))).containsExactlyElementsOf(Bench.NAMES);
        assertThat(Bench.selection(Arrays.asList((String) null))).containsExactlyElementsOf(Bench.NAMES);
        assertThat(Bench.selection(List.of(""))).containsExactlyElementsOf(Bench.NAMES);
        assertThat(Bench.selection(List.of(" , "))).containsExactlyElementsOf(Bench.NAMES);
        assertThat(Bench.selection(List.of())).containsExactlyElementsOf(Bench.NAMES);
        // As main receives them from the exec plugin: jar, output directory, then ${bench.only} (null when empty).
        String[] args = {"target/quarkus-app/quarkus-run.jar", "target/bench", null};
        assertThat(Bench.selection(Arrays.asList(args).subList(2, args.length))).containsExactlyElementsOf(Bench.NAMES);
    }

    @Test
    void aSubset_runsInTheBenchmarksOrder() {
        assertThat(Bench.selection(List.of("web, billing"))).containsExactly("billing", "web");
        assertThat(Bench.selection(List.of("startup", "BUS"))).containsExactly("bus", "startup");
    }

    @Test
    void anUnknownName_isAnError() {
        assertThatThrownBy(() -> Bench.selection(List.of("billing,webb")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("webb");
    }
}
