package org.hausmeter.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The benchmark command ({@code mvn -Pbench verify}): runs every benchmark against the packaged
 * server and writes JSON figures under target/bench/. Arguments: the runner jar, the output
 * directory, then optionally the benchmarks to run (bus, ledger, billing, scenario, web, startup, ocpp,
 * comma-separated
 * or as separate arguments; {@code all}, empty or missing runs all).
 * <p>
 * {@code -Dbench.smoke=true} runs every benchmark with tiny sizes (see docs/benchmarks.md): the same files
 * with the same keys plus {@code "smoke": true}, in seconds instead of many minutes; the figures mean
 * nothing then. {@code BenchSmokeIT} runs it so in the default suite.
 */
public final class Bench {

    /** The benchmarks in the order they run. */
    static final List<String> NAMES = List.of("bus", "ledger", "billing", "scenario", "web", "startup", "ocpp");

    private Bench() {}

    public static void main(String... args) throws Exception {
        String[] a = args == null ? new String[0] : args;
        Path jar = Path.of(argument(a, 0, "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        Path out = Path.of(argument(a, 1, "target/bench")).toAbsolutePath();
        Set<String> only = selection(Arrays.asList(a).subList(Math.min(2, a.length), a.length));
        run(jar, out, only, Boolean.getBoolean("bench.smoke"));
    }

    /** Runs the selected benchmarks ({@link #NAMES}, in that order) against {@code jar}, writing into {@code out}. */
    static void run(Path jar, Path out, Set<String> only, boolean smoke) throws Exception {
        if (smoke) {
            System.out.println("Benchmarks in SMOKE mode (tiny sizes; the figures mean nothing): " + only);
        }
        if (only.contains("bus")) {
            new BusBench(out, smoke).run();
        }
        if (only.contains("ledger")) {
            LedgerBench ledger = new LedgerBench(out, smoke);
            ledger.run();
            ledger.write();
        }
        if (only.contains("billing")) {
            new BillingBench(jar, out, smoke).run();
        }
        if (only.contains("scenario")) {
            new ScenarioBench(out, smoke).run();
        }
        if (only.contains("web")) {
            new WebBench(jar, out, smoke).run();
        }
        if (only.contains("startup")) {
            new StartupBench(jar, out, smoke).run();
        }
        if (only.contains("ocpp")) {
            new OcppBench(jar, out, smoke).run();
        }
    }

    /**
     * The benchmarks named by the arguments after jar and output directory: names separated by commas (or
     * given as separate arguments), {@code all} for all. Null, empty or blank arguments (Maven's exec plugin
     * passes an empty property as null) and no arguments at all mean all. An unknown name is an error.
     */
    static Set<String> selection(List<String> args) {
        Set<String> only = new LinkedHashSet<>();
        for (String a : args) {
            if (a == null) {
                continue;
            }
            for (String name : a.split(",")) {
                String n = name.strip().toLowerCase(java.util.Locale.ROOT);
                if (n.isEmpty()) {
                    continue;
                }
                if (n.equals("all")) {
                    only.addAll(NAMES);
                } else if (NAMES.contains(n)) {
                    only.add(n);
                } else {
                    throw new IllegalArgumentException(
                            "Unknown benchmark [" + name.strip() + "]: use all or some of " + NAMES);
                }
            }
        }
        if (only.isEmpty()) {
            only.addAll(NAMES);
        }
        Set<String> ordered = new LinkedHashSet<>(NAMES);
        ordered.retainAll(only);
        return ordered;
    }

    private static String argument(String[] args, int i, String fallback) {
        return args.length > i && args[i] != null && !args[i].isBlank() ? args[i].strip() : fallback;
    }
}
