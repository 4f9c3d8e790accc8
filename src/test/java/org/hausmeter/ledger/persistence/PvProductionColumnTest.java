package org.hausmeter.ledger.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.hausmeter.ledger.CounterReading;
import org.hausmeter.ledger.ReadingSource;
import org.hausmeter.ledger.csv.ImportedInterval;
import org.junit.jupiter.api.Test;

/** A PV meter's single file value is its production (export register); other meters' values stay as written. */
class PvProductionColumnTest {

    private static final Instant T = Instant.parse("2026-05-01T10:00:00Z");
    private static final Set<Long> PV = Set.of(7L);

    @Test
    void pvIntervalWithoutExportIsProduction() {
        assertThat(CsvImports.pvProduction(PV, new ImportedInterval(7, T, 1234, null)))
                .isEqualTo(new ImportedInterval(7, T, 0, 1234L));
    }

    @Test
    void pvIntervalWithBothColumnsStaysAsWritten() {
        ImportedInterval both = new ImportedInterval(7, T, 3, 1234L);
        assertThat(CsvImports.pvProduction(PV, both)).isSameAs(both);
    }

    @Test
    void otherMetersKeepTheirImport() {
        ImportedInterval apartment = new ImportedInterval(8, T, 1234, null);
        assertThat(CsvImports.pvProduction(PV, apartment)).isSameAs(apartment);
        CounterReading counter = new CounterReading(8, T, 5000, null, ReadingSource.IMPORT);
        assertThat(CsvImports.pvProduction(PV, counter)).isSameAs(counter);
    }

    @Test
    void pvCounterWithoutExportIsTheProductionCounter() {
        assertThat(CsvImports.pvProduction(PV, new CounterReading(7, T, 5000, null, ReadingSource.IMPORT)))
                .isEqualTo(new CounterReading(7, T, 0, 5000L, ReadingSource.IMPORT));
    }
}
