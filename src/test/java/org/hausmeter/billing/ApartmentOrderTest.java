package org.hausmeter.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.hausmeter.accounts.TestApartments;
import org.hausmeter.billing.run.MonthInput;
import org.hausmeter.ledger.LargestRemainder;
import org.junit.jupiter.api.Test;

/**
 * The allocation's consumer order, which decides who gets a Wh on equal remainders, is the apartments' creation order
 * (id), not the string order of their free-form codes (docs/allocation.md).
 */
@QuarkusTest
class ApartmentOrderTest {

    @Inject
    BillRuns runs;

    @Test
    void apartmentsAreConsumersInCreationOrder_notInCodeOrder() {
        // Created first, but its code sorts last; "Whg 10" sorts before "Whg 9" as a string.
        TestApartments.Flat first = TestApartments.create("Whg 9 z", Instant.parse("2026-01-01T00:00:00Z"), null);
        TestApartments.Flat second = TestApartments.create("Whg 10 a", Instant.parse("2026-01-01T00:00:00Z"), null);
        assertThat(first.apartmentId()).isLessThan(second.apartmentId());
        assertThat(first.code().compareTo(second.code())).isPositive();

        MonthInput input = runs.input(YearMonth.of(2026, 4));
        List<String> codes = input.consumers().stream()
                .filter(c -> c.kind() == MonthInput.Kind.APARTMENT)
                .map(MonthInput.Consumer::code)
                .toList();
        assertThat(codes).contains(first.code(), second.code());
        int i = codes.indexOf(first.code());
        int j = codes.indexOf(second.code());
        assertThat(i).isLessThan(j);
        // Equal weights, 1 Wh to share: the Wh goes to the lower index, i.e. the apartment created first.
        long[] weights = new long[codes.size()];
        weights[i] = 1;
        weights[j] = 1;
        long[] parts = LargestRemainder.split(1, weights);
        assertThat(parts[i]).isEqualTo(1);
        assertThat(parts[j]).isZero();
    }
}
