package org.hausmeter.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hausmeter.allocation.AllocationKey;
import org.hausmeter.billing.TariffStore.CommonKey;
import org.hausmeter.billing.run.MonthInput;
import org.hausmeter.billing.run.MonthInput.Consumer;
import org.hausmeter.billing.run.MonthInput.Kind;
import org.hausmeter.billing.run.MonthInput.Session;
import org.hausmeter.billing.run.MonthInput.TenancyPeriod;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.scenario.Scenario;
import org.hausmeter.scenario.ScenarioEngine;
import org.hausmeter.scenario.ScenarioResult;
import org.hausmeter.scenario.ScenarioYear;
import org.hausmeter.tariff.TariffBook;
import org.hausmeter.tariff.TestTariffs;

/**
 * The scenario engine (scenario.json), in this JVM (the engine is pure; loading the months is the bill run's
 * {@code MonthLoader}, measured by the billing benchmark): a synthetic year (2025) of 200 apartments, the common area,
 * 4 chargers with EV sessions and PV, 35,040 quarter hours each (about 7.2 million quarter-hour values), the demo's
 * time-of-use tariff.
 *
 * <ul>
 *   <li>{@code scenario_year_s}: median of 3 runs of one scenario (a 30 kWh battery, 10 kWp more PV facing west, EV
 *       sessions shifted) over the year, after one warm-up run
 *   <li>{@code scenario_year_cpu_s}: the CPU time of that run (all threads; on a loaded machine the wall time
 *       above is mostly waiting), {@code load_average_before} the machine's load when the runs started
 *   <li>{@code scenarios_compared}, {@code compare_s}: one comparison (one call, as one request of the page or the
 *       CLI makes) of the baseline and four scenarios
 *   <li>{@code peak_heap_mb}: the highest heap use during that comparison (sum of the heap pools' peaks, reset
 *       before it; the year's input included)
 * </ul>
 * Smoke mode: 12 apartments, two months, one run.
 */
final class ScenarioBench {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final int APARTMENTS = 200;
    static final int CHARGERS = 4;

    private final Path out;
    private final boolean smoke;

    ScenarioBench(Path out, boolean smoke) {
        this.out = out;
        this.smoke = smoke;
    }

    void run() throws Exception {
        int apartments = smoke ? 12 : APARTMENTS;
        int months = smoke ? 2 : 12;
        ScenarioYear year = year(apartments, YearMonth.of(2025, 1), months, 19);
        long values = 0;
        for (ScenarioYear.Month m : year.months()) {
            values += (long) (m.input().consumers().size() + 1) * m.input().intervals();
        }
        Scenario one = new Scenario(
                "battery + west PV + EV",
                new Scenario.Pv(new BigDecimal("30"), List.of(new Scenario.PvAddition(BigDecimal.TEN, 2))),
                battery("30"),
                null,
                true,
                null,
                investment());
        List<Scenario> four = List.of(
                one,
                new Scenario("battery 60", null, battery("60"), null, false, null, investment()),
                new Scenario(
                        "equal key", null, null, AllocationKey.EQUAL_SHARES_WITH_REDISTRIBUTION, false, null, null),
                new Scenario("EV in solar hours", null, null, null, true, null, null));
        ScenarioEngine.run(year, one, null); // warm-up
        List<Double> runs = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        for (int i = 0; i < (smoke ? 1 : 3); i++) {
            long c0 = processCpu();
            long t = System.nanoTime();
            ScenarioResult r = ScenarioEngine.run(year, one, null);
            runs.add((System.nanoTime() - t) / 1e9);
            cpu.add((processCpu() - c0) / 1e9);
            if (r.apartments().size() != apartments) {
                throw new IllegalStateException("apartments: " + r.apartments().size());
            }
        }
        runs.sort(Double::compare);
        cpu.sort(Double::compare);
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long t = System.nanoTime();
        ScenarioEngine.Comparison c = ScenarioEngine.compare(year, four);
        double compare = (System.nanoTime() - t) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("apartments", apartments);
        json.put("quarter_hour_values", values);
        json.put("scenario_year_s", round(runs.get(runs.size() / 2)));
        json.put("scenario_year_cpu_s", round(cpu.get(cpu.size() / 2)));
        json.put("load_average_before", loadBefore);
        json.put("scenarios_compared", c.scenarios().size() + 1);
        json.put("compare_s", round(compare));
        json.put("peak_heap_mb", Math.round(peak / 1048576.0));
        json.put("max_heap_mb", Math.round(Runtime.getRuntime().maxMemory() / 1048576.0));
        json.put("processors", Runtime.getRuntime().availableProcessors());
        if (smoke) {
            json.put("smoke", true);
        }
        Files.createDirectories(out);
        Path file = out.resolve("scenario.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
        System.out.println("scenario bench: " + json);
    }

    private static Scenario.Battery battery(String kwh) {
        return new Scenario.Battery(
                new BigDecimal(kwh),
                BigDecimal.TEN,
                BigDecimal.TEN,
                new BigDecimal("0.90"),
                new BigDecimal("0.10"),
                new BigDecimal("15"));
    }

    private static Scenario.Investment investment() {
        return new Scenario.Investment(
                new BigDecimal("18000"), 15, new BigDecimal("120"), new BigDecimal("0.03"), new BigDecimal("0.2800"));
    }

    /** @return this JVM's CPU time in ns (all threads: the months are billed in parallel) */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double round(double s) {
        return Math.round(s * 1000) / 1000.0;
    }

    /** A synthetic building: PV by season and hour, apartments with a morning and evening peak, EV sessions. */
    static ScenarioYear year(int apartments, YearMonth first, int months, long seed) {
        Random r = new Random(seed);
        TariffBook tariffs = TariffBook.of(
                TestTariffs.version(LocalDate.of(2020, 1, 1), TestTariffs.ntHtAllYear("0.2500", "0.3300"), "6.50"));
        List<ScenarioYear.Month> out = new ArrayList<>();
        long sessionId = 1;
        for (int m = 0; m < months; m++) {
            YearMonth ym = first.plusMonths(m);
            Instant from = Intervals.monthStart(ym, BERLIN);
            Instant to = Intervals.monthStart(ym.plusMonths(1), BERLIN);
            int n = Intervals.count(from, to);
            int[] hour = new int[n];
            for (int t = 0; t < n; t++) {
                hour[t] = ZonedDateTime.ofInstant(Intervals.start(from, t), BERLIN)
                        .getHour();
            }
            double season = 0.35 + 0.65 * Math.sin(Math.PI * (ym.getMonthValue() - 0.5) / 12);
            long[] pv = new long[n];
            for (int t = 0; t < n; t++) {
                double h = hour[t] + 0.5;
                pv[t] = h > 6 && h < 20
                        ? (long) (7000 * season * Math.sin(Math.PI * (h - 6) / 14) * (0.4 + 0.6 * r.nextDouble()))
                        : 0;
            }
            List<Consumer> consumers = new ArrayList<>();
            List<TenancyPeriod> tenancies = new ArrayList<>();
            for (int a = 0; a < apartments; a++) {
                long[] c = new long[n];
                for (int h = 0, t = 0; t < n; t++) {
                    h = hour[t];
                    int base = h >= 6 && h < 9 || h >= 17 && h < 22 ? 120 : 40;
                    c[t] = base + r.nextInt(80);
                }
                String code = "B-" + a;
                consumers.add(
                        new Consumer(Kind.APARTMENT, code, code, BigDecimal.valueOf(45 + a % 50), c, new BitSet()));
                tenancies.add(new TenancyPeriod(a + 1, a + 1, code, a + 1, code, from, to));
            }
            long[] common = new long[n];
            for (int t = 0; t < n; t++) {
                common[t] = 150 + r.nextInt(100);
            }
            consumers.add(new Consumer(Kind.COMMON, "common", "common", null, common, new BitSet()));
            List<Session> sessions = new ArrayList<>();
            for (int ch = 0; ch < CHARGERS; ch++) {
                long[] load = new long[n];
                for (int d = 0; d < ym.lengthOfMonth() - 1; d++) {
                    Instant plug =
                            Intervals.dayStart(ym.atDay(d + 1), BERLIN).plusSeconds(8 * 3600 + 900L * r.nextInt(8));
                    int first0 = (int) Intervals.index(from, plug);
                    int charging = 4 + r.nextInt(12);
                    long energy = 0;
                    for (int t = first0; t < first0 + charging; t++) {
                        load[t] = 2750;
                        energy += 2750;
                    }
                    sessions.add(new Session(
                            sessionId++,
                            "ch-" + ch,
                            1 + r.nextInt(apartments),
                            plug,
                            plug.plusSeconds(9 * 3600),
                            energy));
                }
                consumers.add(new Consumer(Kind.CHARGER, "ch-" + ch, "ch-" + ch, null, load, new BitSet()));
            }
            out.add(new ScenarioYear.Month(
                    new MonthInput(ym, BERLIN, pv, new long[n], new long[n], consumers, tenancies, sessions, Map.of()),
                    AllocationKey.DYNAMIC_PROPORTIONAL,
                    CommonKey.FLOOR_AREA));
        }
        return new ScenarioYear(BERLIN, tariffs, out);
    }
}
