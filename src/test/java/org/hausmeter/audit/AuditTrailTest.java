package org.hausmeter.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.hausmeter.audit.persistence.AuditTrail;
import org.junit.jupiter.api.Test;

/** The audit log read back: filters by actor, action prefix, subject part and period; pages newest first. */
@QuarkusTest
class AuditTrailTest {

    @jakarta.inject.Inject
    java.time.Clock clock;

    @Inject
    AuditTrail trail;

    @Inject
    AuditLog log;

    @Test
    void filtersAndPages_newestFirst() {
        String actor = "trail-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        for (int i = 0; i < 5; i++) {
            int n = i;
            QuarkusTransaction.requiringNew()
                    .run(() -> log.record(
                            actor, "trailtest.step", "thing:T_" + n, null, java.util.Map.of("i", n), "step " + n));
        }
        QuarkusTransaction.requiringNew()
                .run(() -> log.record(actor, "trailtestx.other", "thing:other", null, null, null));
        AuditTrail.Page first =
                trail.page(new AuditTrail.Filter(actor.toUpperCase(), "trailtest", null, null, null), 0, 2);
        assertThat(first.entries()).extracting(AuditTrail.Entry::subject).containsExactly("thing:T_4", "thing:T_3");
        assertThat(first.hasNext()).isTrue();
        AuditTrail.Page last = trail.page(new AuditTrail.Filter(actor, "trailtest", null, null, null), 2, 2);
        assertThat(last.entries()).extracting(AuditTrail.Entry::subject).containsExactly("thing:T_0");
        assertThat(last.hasNext()).isFalse();
        // "trailtest" matches the actions trailtest.* but not trailtestx.*: an exact action or a dotted prefix.
        assertThat(trail.page(new AuditTrail.Filter(actor, "trailtest.step", null, null, null), 0, 50)
                        .entries())
                .hasSize(5);
        // A part of the subject, case-insensitive; LIKE wildcards are taken literally.
        assertThat(trail.page(new AuditTrail.Filter(actor, null, "t_2", null, null), 0, 50)
                        .entries())
                .extracting(AuditTrail.Entry::reason)
                .containsExactly("step 2");
        assertThat(trail.page(new AuditTrail.Filter(actor, null, "%", null, null), 0, 50)
                        .entries())
                .isEmpty();
        Instant future = clock.instant().plusSeconds(3600);
        assertThat(trail.page(new AuditTrail.Filter(actor, null, null, future, null), 0, 50)
                        .entries())
                .isEmpty();
        assertThat(trail.page(new AuditTrail.Filter(actor, null, null, null, future), 0, 50)
                        .entries())
                .hasSize(6);
        assertThat(trail.latest("trailtestx.other"))
                .map(AuditTrail.Entry::actor)
                .contains(actor);
        List<String> actions = trail.actions();
        assertThat(actions).contains("trailtest.step", "trailtestx.other").doesNotHaveDuplicates();
    }
}
