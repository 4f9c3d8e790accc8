package org.hausmeter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hausmeter.accounts.Role;
import org.hausmeter.accounts.persistence.Account;
import org.hausmeter.accounts.persistence.Apartment;
import org.hausmeter.accounts.persistence.Tenancy;
import org.hausmeter.allocation.AllocationKey;
import org.hausmeter.billing.BillRuns;
import org.hausmeter.billing.Bills;
import org.hausmeter.billing.StoredBill;
import org.hausmeter.billing.StoredLine;
import org.hausmeter.billing.TariffStore;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.ledger.MeterRole;
import org.hausmeter.ledger.csv.ImportOptions;
import org.hausmeter.ledger.persistence.CsvImports;
import org.hausmeter.ledger.persistence.Meter;
import org.hausmeter.ledger.persistence.MsconsImports;
import org.hausmeter.tariff.GridPrice;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.TariffVersion;
import org.hausmeter.tariff.UnitPrice;
import org.hausmeter.tariff.VatRate;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 16, "Done when": a building of 200 apartments with a PV and a grid meter loads one month through the long CSV
 * layout as one file (August 2026) and the next through MSCONS, one interchange with a message per meter (September
 * 2026), runs the month's bills, and every draft's kWh, PV share and amounts equal what this test computes on its
 * own: the dynamic proportional key re-implemented here (largest remainder, ties to the lower apartment in code order),
 * a flat grid price, a PV price, the monthly base fee and 19 % VAT on the net sum, each line rounded once HALF_UP.
 * Then it issues the month.
 * <p>
 * Its own database (the profile's FIRST_DAY: a fresh one, the clock at the pinned day), no demo: the 200 apartments,
 * meters, residents, tenancies and the tariff are the only ones there. The profile is generated from a fixed seed.
 */
@QuarkusTest
@TestProfile(TwoHundredApartmentsImportIT.Fresh.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoHundredApartmentsImportIT {

    /** A fresh database of its own, the server's clock at the suite's pinned instant, no demo building. */
    public static class Fresh implements QuarkusTestProfile {
        public static final String FIRST_DAY = "2026-11-20T09:00:00Z";

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hausmeter.demo.enabled", "false", "hausmeter.sim.enabled", "false");
        }
    }

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final int APARTMENTS = 200;
    static final long SEED = 16_2026L;
    static final YearMonth CSV_MONTH = YearMonth.of(2026, 8);
    static final YearMonth MSCONS_MONTH = YearMonth.of(2026, 9);
    static final String GRID_PRICE = "0.3127";
    static final String PV_PRICE = "0.1825";
    static final String BASE_FEE = "9.85";
    static final java.util.Currency EUR = java.util.Currency.getInstance("EUR");

    @Inject
    CsvImports csv;

    @Inject
    MsconsImports mscons;

    @Inject
    BillRuns runs;

    @Inject
    Bills bills;

    @Inject
    TariffStore tariffs;

    @Inject
    BuildingSettings settings;

    /** Apartment codes in the engine's order (by code) and their meter names and metering points. */
    final List<String> codes = new ArrayList<>();

    final List<String> meterNames = new ArrayList<>();
    final List<String> points = new ArrayList<>();
    static final String PV_POINT = "DE0009876543210000000000000000001";
    static final String GRID_POINT = malo("9900000001");

    boolean built;

    /** The 200 apartments, their meters (with metering points), PV and grid meters, residents, tenancies, tariff. */
    void building() {
        if (built) {
            return;
        }
        built = true;
        Instant installed = LocalDate.of(2026, 7, 1).atStartOfDay(BERLIN).toInstant();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < APARTMENTS; i++) {
                String code = String.format("W-%03d", i + 1);
                Apartment a = new Apartment();
                a.code = code;
                a.name = "Wohnung " + (i + 1);
                a.areaM2 = new BigDecimal("60.00");
                a.persist();
                Meter m = meter("apt-" + code, MeterRole.APARTMENT, installed, malo(String.format("41%08d", i + 1)));
                m.apartment = a;
                m.persist();
                Account r = new Account();
                r.username = "bewohner" + (i + 1);
                r.displayName = "Bewohner " + (i + 1);
                r.role = Role.RESIDENT;
                r.createdAt = installed;
                r.persist();
                Tenancy t = new Tenancy();
                t.apartment = a;
                t.resident = r;
                t.moveIn = installed;
                t.persist();
                codes.add(code);
                meterNames.add(m.name);
                points.add(m.meteringPoint);
            }
            meter("pv", MeterRole.PV, installed, PV_POINT).persist();
            meter("grid", MeterRole.GRID, installed, GRID_POINT).persist();
        });
        tariffs.save(
                new TariffStore.StoredTariff(
                        new TariffVersion(
                                LocalDate.of(2026, 1, 1),
                                GridPrice.flat(UnitPrice.of(EUR, GRID_PRICE)),
                                UnitPrice.of(EUR, PV_PRICE),
                                Money.of(EUR, BASE_FEE),
                                UnitPrice.of(EUR, "0.2000"),
                                UnitPrice.of(EUR, "0.3400"),
                                UnitPrice.of(EUR, "0.0803"),
                                VatRate.of("19")),
                        AllocationKey.DYNAMIC_PROPORTIONAL,
                        TariffStore.CommonKey.EQUAL),
                "test",
                "issue 16 month test");
        Map<String, String> issuer = new HashMap<>();
        for (String k : BuildingSettings.Issuer.KEYS) {
            issuer.put(k, "Test " + k);
        }
        QuarkusTransaction.requiringNew().run(() -> settings.updateIssuer(issuer, 14));
    }

    private static Meter meter(String name, MeterRole role, Instant installed, String point) {
        Meter m = new Meter();
        m.name = name;
        m.bus = "import-" + name;
        m.unitId = 1;
        m.model = "eastron-sdm630";
        m.role = role;
        m.installedAt = installed;
        m.meteringPoint = point;
        return m;
    }

    /** A MaLo: the 10 digits and their BDEW check digit. */
    static String malo(String ten) {
        int odd = 0;
        int even = 0;
        for (int i = 0; i < 10; i++) {
            int d = ten.charAt(i) - '0';
            if (i % 2 == 0) {
                odd += d;
            } else {
                even += d;
            }
        }
        return ten + (10 - (odd + 2 * even) % 10) % 10;
    }

    /** A month of quarter hours: consumption per apartment, PV production, from the seed. */
    record Profile(Instant from, int n, long[][] consumption, long[] pv) {}

    static Profile profile(YearMonth month, long seed) {
        Instant from = Intervals.monthStart(month, BERLIN);
        int n = Intervals.count(from, Intervals.monthStart(month.plusMonths(1), BERLIN));
        SplittableRandom random = new SplittableRandom(seed);
        long[][] c = new long[APARTMENTS][n];
        long[] pv = new long[n];
        for (int t = 0; t < n; t++) {
            int hour = from.plusSeconds(900L * t).atZone(BERLIN).getHour();
            for (int i = 0; i < APARTMENTS; i++) {
                // 0–400 Wh a quarter hour, more in the evening; some quarter hours 0
                long base = hour >= 17 && hour < 22 ? 120 : 40;
                c[i][t] = random.nextInt(10) == 0 ? 0 : base + random.nextInt(281);
            }
            // PV from 07:00 to 19:00, up to ~40 kWh a quarter hour around noon: sometimes above, sometimes below Σc
            if (hour >= 7 && hour < 19) {
                double x = (hour - 13 + random.nextDouble()) / 6.0;
                pv[t] = Math.max(0, (long) ((1 - x * x) * 40_000 * (0.3 + 0.7 * random.nextDouble())));
            }
        }
        return new Profile(from, n, c, pv);
    }

    /** The dynamic proportional key, on its own: a_i = c_i when Σc ≤ P, else P by c_i with largest remainder. */
    static long[][] allocate(Profile p) {
        long[][] a = new long[APARTMENTS][p.n()];
        for (int t = 0; t < p.n(); t++) {
            long sum = 0;
            for (int i = 0; i < APARTMENTS; i++) {
                sum += p.consumption()[i][t];
            }
            long prod = p.pv()[t];
            if (sum <= prod) {
                for (int i = 0; i < APARTMENTS; i++) {
                    a[i][t] = p.consumption()[i][t];
                }
                continue;
            }
            long given = 0;
            long[] rem = new long[APARTMENTS];
            for (int i = 0; i < APARTMENTS; i++) {
                long exact = prod * p.consumption()[i][t];
                a[i][t] = exact / sum;
                rem[i] = exact % sum;
                given += a[i][t];
            }
            for (long left = prod - given; left > 0; left--) {
                int best = -1;
                for (int i = 0; i < APARTMENTS; i++) {
                    if (rem[i] > 0 && (best < 0 || rem[i] > rem[best])) {
                        best = i;
                    }
                }
                a[best][t]++;
                rem[best] = 0;
            }
        }
        return a;
    }

    /** What one apartment's whole-month bill must say. */
    record Expected(long consumptionWh, long pvWh, long gridWh, BigDecimal net, BigDecimal vat, BigDecimal gross) {}

    static List<Expected> expected(Profile p) {
        long[][] a = allocate(p);
        List<Expected> out = new ArrayList<>();
        for (int i = 0; i < APARTMENTS; i++) {
            long c = 0;
            long pv = 0;
            for (int t = 0; t < p.n(); t++) {
                c += p.consumption()[i][t];
                pv += a[i][t];
            }
            long grid = c - pv;
            BigDecimal gridAmount =
                    kwh(grid).multiply(new BigDecimal(GRID_PRICE)).setScale(2, RoundingMode.HALF_UP);
            BigDecimal pvAmount = kwh(pv).multiply(new BigDecimal(PV_PRICE)).setScale(2, RoundingMode.HALF_UP);
            BigDecimal net = gridAmount.add(pvAmount).add(new BigDecimal(BASE_FEE));
            BigDecimal vat = net.multiply(new BigDecimal("19")).divide(new BigDecimal("100"), 2, RoundingMode.HALF_UP);
            out.add(new Expected(c, pv, grid, net, vat, net.add(vat)));
        }
        return out;
    }

    static BigDecimal kwh(long wh) {
        return BigDecimal.valueOf(wh, 3);
    }

    static final DateTimeFormatter CSV_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    /** The long layout, intervals in kWh: every apartment, the PV meter (export column) and the grid meter. */
    Path csvFile(Profile p) throws IOException {
        long[][] a = allocate(p);
        Path f = Files.createTempFile("month-", ".csv");
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("meter,timestamp,interval_import_kwh,interval_export_kwh\n");
            for (int t = 0; t < p.n(); t++) {
                String at = CSV_TIME.format(p.from().plusSeconds(900L * t));
                long sum = 0;
                long self = 0;
                for (int i = 0; i < APARTMENTS; i++) {
                    sum += p.consumption()[i][t];
                    self += a[i][t];
                    w.write(meterNames.get(i) + "," + at + ","
                            + kwh(p.consumption()[i][t]).toPlainString() + ",0\n");
                }
                w.write("pv," + at + ",0," + kwh(p.pv()[t]).toPlainString() + "\n");
                w.write("grid," + at + "," + kwh(sum - self).toPlainString() + ","
                        + kwh(p.pv()[t] - self).toPlainString() + "\n");
            }
        }
        return f;
    }

    static final DateTimeFormatter EDI_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmm").withZone(ZoneOffset.UTC);

    /** One interchange, one message per meter (the apartments' import series, PV export, grid both). */
    Path msconsFile(Profile p) throws IOException {
        long[][] a = allocate(p);
        long[] gridImport = new long[p.n()];
        long[] gridExport = new long[p.n()];
        for (int t = 0; t < p.n(); t++) {
            long sum = 0;
            long self = 0;
            for (int i = 0; i < APARTMENTS; i++) {
                sum += p.consumption()[i][t];
                self += a[i][t];
            }
            gridImport[t] = sum - self;
            gridExport[t] = p.pv()[t] - self;
        }
        Path f = Files.createTempFile("month-", ".edi");
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("UNA:+.? '\nUNB+UNOC:3+9900000000003:500+9912345000002:500+261005:0300+IT202609++TL'\n");
            int messages = 0;
            for (int i = 0; i < APARTMENTS + 2; i++) {
                messages++;
                List<String> segs = new ArrayList<>();
                segs.add("UNH+" + messages + "+MSCONS:D:04B:UN:2.4c");
                segs.add("BGM+7+IT-202609-" + messages + "+9");
                segs.add("DTM+137:202610050300?+00:303");
                segs.add("NAD+MS+9900000000003::293");
                segs.add("NAD+MR+9912345000002::293");
                segs.add("UNS+D");
                segs.add("NAD+DP");
                if (i < APARTMENTS) {
                    segs.add("LOC+172+" + points.get(i));
                    series(segs, p, "1-1?:1.29.0", 1, p.consumption()[i]);
                } else if (i == APARTMENTS) {
                    segs.add("LOC+172+" + PV_POINT);
                    series(segs, p, "1-1?:2.29.0", 1, p.pv());
                } else {
                    segs.add("LOC+172+" + GRID_POINT);
                    series(segs, p, "1-1?:1.29.0", 1, gridImport);
                    series(segs, p, "1-1?:2.29.0", 2, gridExport);
                }
                segs.add("UNT+" + (segs.size() + 1) + "+" + messages);
                for (String s : segs) {
                    w.write(s);
                    w.write("'\n");
                }
            }
            w.write("UNZ+" + messages + "+IT202609'\n");
        }
        return f;
    }

    private static void series(List<String> segs, Profile p, String obis, int lin, long[] wh) {
        segs.add("LIN+" + lin);
        segs.add("PIA+5+" + obis + ":SRW");
        for (int t = 0; t < p.n(); t++) {
            Instant start = p.from().plusSeconds(900L * t);
            segs.add("QTY+220:" + kwh(wh[t]).toPlainString() + ":KWH");
            segs.add("DTM+163:" + EDI_TIME.format(start) + "?+00:303");
            segs.add("DTM+164:" + EDI_TIME.format(start.plusSeconds(900)) + "?+00:303");
        }
    }

    @Test
    @Order(1)
    void csvMonth_oneLongFile_everyDraftEqualsTheIndependentComputation() throws Exception {
        building();
        Profile p = profile(CSV_MONTH, SEED);
        Path file = csvFile(p);
        try {
            CsvImports.Outcome outcome = csv.commit(
                    "test", file, ImportOptions.defaults("month.csv", BERLIN).withLayout(ImportOptions.Layout.LONG));
            assertThat(outcome.report().problems()).isEmpty();
            assertThat(outcome.inserted()).isEqualTo((long) (APARTMENTS + 2) * p.n());
        } finally {
            Files.deleteIfExists(file);
        }
        checkMonth(CSV_MONTH, p);
    }

    @Test
    @Order(2)
    void msconsMonth_oneInterchangeOf202Messages_everyDraftEqualsTheIndependentComputation() throws Exception {
        building();
        Profile p = profile(MSCONS_MONTH, SEED + 1);
        Path file = msconsFile(p);
        try {
            MsconsImports.Outcome outcome = mscons.commit("test", file, "september.edi");
            assertThat(outcome.problems()).isEmpty();
            assertThat(outcome.messages())
                    .allSatisfy(m -> assertThat(m.reason()).isNull());
            assertThat(outcome.accepted()).isEqualTo(APARTMENTS + 2);
            // apartments and PV one series each, the grid two: all values, in (APARTMENTS + 1) * n + n rows
            assertThat(outcome.inserted()).isEqualTo((long) (APARTMENTS + 3) * p.n());
        } finally {
            Files.deleteIfExists(file);
        }
        checkMonth(MSCONS_MONTH, p);
    }

    private void checkMonth(YearMonth month, Profile p) {
        List<Expected> expected = expected(p);
        BillRuns.RunResult run = runs.run(month, "test");
        assertThat(run.created()).isEqualTo(APARTMENTS);
        List<StoredBill> drafts = bills.month(month);
        assertThat(drafts).hasSize(APARTMENTS);
        int checked = 0;
        for (StoredBill b : drafts) {
            int i = codes.indexOf(b.apartmentCode());
            assertThat(i).as(b.apartmentCode()).isGreaterThanOrEqualTo(0);
            Expected e = expected.get(i);
            String who = month + " " + b.apartmentCode();
            assertThat(quantity(b, "grid.energy")).as(who + " grid kWh").isEqualByComparingTo(kwh(e.gridWh()));
            assertThat(quantity(b, "pv.energy")).as(who + " PV kWh").isEqualByComparingTo(kwh(e.pvWh()));
            assertThat(kwh(e.gridWh()).add(kwh(e.pvWh()))).isEqualByComparingTo(kwh(e.consumptionWh()));
            assertThat(b.net()).as(who + " net").isEqualByComparingTo(e.net());
            assertThat(b.vat()).as(who + " VAT").isEqualByComparingTo(e.vat());
            assertThat(b.gross()).as(who + " gross").isEqualByComparingTo(e.gross());
            checked++;
        }
        assertThat(checked).isEqualTo(APARTMENTS);
        // Issue the month: drafts from imported quarter hours (no counter readings) are issued, all 200 of them.
        Bills.MonthIssue issued = bills.issueMonth(month, "test");
        assertThat(issued.notIssued()).isEmpty();
        assertThat(issued.issued()).hasSize(APARTMENTS);
    }

    /** The sum of a bill's lines of that key (kWh; a flat grid price makes one grid line). */
    private static BigDecimal quantity(StoredBill b, String key) {
        return b.lines().stream()
                .filter(l -> l.key().equals(key))
                .map(StoredLine::quantity)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
