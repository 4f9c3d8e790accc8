package org.hausmeter.bench;

import java.nio.file.Path;

/**
 * The benchmark command ({@code mvn -Pbench verify}): runs every benchmark against the packaged
 * server and writes JSON figures under target/bench/. Arguments: the runner jar, the output
 * directory, then optionally the benchmarks to run (bus, ledger, billing, web, startup; default all).
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String... args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        Path out = Path.of(args.length > 1 ? args[1] : "target/bench").toAbsolutePath();
        java.util.Set<String> only = new java.util.HashSet<>();
        for (String a : java.util.Arrays.asList(args).subList(Math.min(2, args.length), args.length)) {
            for (String name : a.split(",")) {
                if (!name.isBlank()) {
                    only.add(name.strip());
                }
            }
        }
        if (only.isEmpty() || only.contains("bus")) {
            new BusBench(out).run();
        }
        if (only.isEmpty() || only.contains("ledger")) {
            LedgerBench ledger = new LedgerBench(out);
            ledger.run();
            ledger.write();
        }
        if (only.isEmpty() || only.contains("billing")) {
            new BillingBench(jar, out).run();
        }
        if (only.isEmpty() || only.contains("web")) {
            new WebBench(jar, out).run();
        }
        if (only.isEmpty() || only.contains("startup")) {
            new StartupBench(jar, out).run();
        }
    }
}
