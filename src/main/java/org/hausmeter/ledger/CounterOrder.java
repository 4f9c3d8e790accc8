package org.hausmeter.ledger;

/**
 * The one rule for counters, whatever path a reading takes (poller aside: the meter itself is the truth there): a
 * cumulative counter never goes backwards with time. The caretaker's manual readings and corrections
 * ({@code MeterReadings}) and CSV imports (against the file's own rows and against the readings already stored) both
 * ask {@link #backwards}; the export register is compared only when both readings have one.
 */
public final class CounterOrder {

    private CounterOrder() {}

    /** True when the later reading is below the earlier one in its import register, or in its export register. */
    public static boolean backwards(
            long earlierImportWh, Long earlierExportWh, long laterImportWh, Long laterExportWh) {
        return laterImportWh < earlierImportWh
                || earlierExportWh != null && laterExportWh != null && laterExportWh < earlierExportWh;
    }

    /** {@link #backwards} for two readings, {@code earlier} taken before {@code later}. */
    public static boolean backwards(CounterReading earlier, CounterReading later) {
        return backwards(earlier.importWh(), earlier.exportWh(), later.importWh(), later.exportWh());
    }

    /** The reading as shown in refusals: {@code 1234.5 kWh} or {@code 1234.5/0.25 kWh} (import/export). */
    public static String kwh(long importWh, Long exportWh) {
        return exportWh == null ? kwh(importWh) + " kWh" : kwh(importWh) + "/" + kwh(exportWh) + " kWh";
    }

    private static String kwh(long wh) {
        return java.math.BigDecimal.valueOf(wh, 3).stripTrailingZeros().toPlainString();
    }
}
