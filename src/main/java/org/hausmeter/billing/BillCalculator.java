package org.hausmeter.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.hausmeter.tariff.EvPrices;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.PricedInterval;
import org.hausmeter.tariff.TariffPricer;
import org.hausmeter.tariff.TariffSegment;
import org.hausmeter.tariff.TariffVersion;
import org.hausmeter.tariff.TouWindow;
import org.hausmeter.tariff.UnitPrice;
import org.hausmeter.tariff.VatRate;

/**
 * Computes the bill draft of one tenancy-month. Pure: no I/O, no clock; equal requests give equal drafts.
 *
 * <p>Lines, in this order (energy lines with 0 Wh are left out):
 * <ol>
 *   <li>{@value #GRID_ENERGY}: apartment grid energy, one line per tariff version and grid window
 *       (window name and price), in order of first occurrence; details: tariff, window, intervals,
 *       estimatedIntervals</li>
 *   <li>{@value #PV_ENERGY}: allocated PV energy, one line per tariff version</li>
 *   <li>{@value #BASE_FEE}: one line per tariff version; 1 MONTH for a whole month, else days</li>
 *   <li>{@value #COMMON_GRID}, {@value #COMMON_PV}: the common-area share, grouped as above</li>
 *   <li>{@value #EV_SESSION}: one line per session, by start</li>
 *   <li>{@value #ADJUSTMENT}: one line per adjustment, in request order</li>
 * </ol>
 *
 * <p>Rounding, the only places money is rounded, all HALF_UP to the cent: each line's exact amount
 * (energy summed in Wh per line first, then × price); the VAT of each rate on the sum of that rate's
 * rounded nets. Bill net = Σ rounded line nets, VAT = Σ per-rate VAT, gross = net + VAT.
 */
public final class BillCalculator {

    public static final String GRID_ENERGY = "grid.energy";
    public static final String PV_ENERGY = "pv.energy";
    public static final String BASE_FEE = "base.fee";
    public static final String COMMON_GRID = "common.grid";
    public static final String COMMON_PV = "common.pv";
    public static final String EV_SESSION = "ev.session";
    public static final String ADJUSTMENT = "adjustment";

    /** The rounding of every line and every VAT amount. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    /** Scale of derived unit prices shown on DAY and EV lines. */
    public static final int DERIVED_PRICE_SCALE = 6;

    private BillCalculator() {}

    /**
     * @param request one tenancy-month, validated on construction
     * @return the draft
     * @throws org.hausmeter.tariff.NoTariffException when no tariff version is valid on a day of the period
     */
    public static BillDraft calculate(BillRequest request) {
        return calculate(request, null, 0);
    }

    /**
     * The same as {@link #calculate(BillRequest)} with the intervals' pricing computed beforehand (a month
     * run prices the month's quarter hours once for all tenancies).
     *
     * @param request one tenancy-month
     * @param pricing {@code TariffPricer.priceAt} of each quarter hour of a longer run, or null to price here
     * @param offset  index in {@code pricing} of the request's first quarter hour
     * @return the draft, equal to {@link #calculate(BillRequest)}'s
     */
    public static BillDraft calculate(BillRequest request, PricedInterval[] pricing, int offset) {
        Currency currency = request.tariffs().currency();
        ZoneId zone = request.zone();
        long[] grid = request.gridWh();
        long[] pv = request.pvWh();
        long[] commonGrid = request.commonGridWh();
        long[] commonPv = request.commonPvWh();
        BitSet estimated = request.estimated();

        Map<WindowKey, Acc> windows = new LinkedHashMap<>();
        Map<LocalDate, Acc> pvByVersion = new LinkedHashMap<>();
        Instant t = request.from();
        int n = request.intervalCount();
        // The window and version change a few times a day at most: the accumulators of the previous quarter hour
        // are reused while its window and version are the same objects (no key built, no map lookup), which keeps
        // the scenario replay (7 million quarter hours a year) out of the hash maps. Same sums, same line order.
        TariffVersion lastVersion = null;
        TouWindow lastWindow = null;
        Acc gridAcc = null;
        Acc pvAcc = null;
        for (int i = 0; i < n; i++, t = t.plus(BillRequest.INTERVAL)) {
            PricedInterval p = pricing != null ? pricing[offset + i] : TariffPricer.priceAt(request.tariffs(), t, zone);
            boolean est = estimated.get(i);
            if (p.version() != lastVersion || p.window() != lastWindow) {
                WindowKey key = new WindowKey(
                        p.version().validFrom(), p.window().name(), p.window().price());
                gridAcc = windows.computeIfAbsent(
                        key, k -> new Acc(p.version(), p.window().price()));
                pvAcc = pvByVersion.computeIfAbsent(
                        p.version().validFrom(),
                        k -> new Acc(p.version(), p.version().pvPrice()));
                lastVersion = p.version();
                lastWindow = p.window();
            }
            gridAcc.add(grid[i], commonGrid.length == 0 ? 0 : commonGrid[i], est);
            pvAcc.add(pv[i], commonPv.length == 0 ? 0 : commonPv[i], est);
        }

        List<BillLine> lines = new ArrayList<>();
        windows.forEach((k, a) -> addEnergyLine(lines, GRID_ENERGY, a.wh, a, k.window(), true));
        pvByVersion.forEach((k, a) -> addEnergyLine(lines, PV_ENERGY, a.wh, a, null, true));
        addBaseFeeLines(lines, request);
        windows.forEach((k, a) -> addEnergyLine(lines, COMMON_GRID, a.commonWh, a, k.window(), false));
        pvByVersion.forEach((k, a) -> addEnergyLine(lines, COMMON_PV, a.commonWh, a, null, false));
        request.evSessions().stream()
                .sorted(Comparator.comparing(EvSession::start).thenComparing(EvSession::id))
                .forEach(s -> lines.add(evLine(s, request)));
        for (Adjustment a : request.adjustments()) {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("reason", a.reason());
            d.put("kind", a.isCredit() ? "credit" : "charge");
            lines.add(new BillLine(
                    ADJUSTMENT, BigDecimal.ONE, QuantityUnit.PIECE, a.net().amount(), a.net(), a.vatRate(), d));
        }
        return totals(request, currency, lines);
    }

    private static void addEnergyLine(
            List<BillLine> lines, String key, long wh, Acc a, String window, boolean withEstimates) {
        if (wh == 0) {
            return;
        }
        Map<String, String> d = new LinkedHashMap<>();
        d.put("tariff", a.version.validFrom().toString());
        if (window != null) {
            d.put("window", window);
        }
        d.put("intervals", Integer.toString(a.intervals));
        if (withEstimates) {
            d.put("estimatedIntervals", Integer.toString(a.estimated));
        }
        lines.add(new BillLine(
                key,
                BigDecimal.valueOf(wh, 3),
                QuantityUnit.KWH,
                a.price.perKwh(),
                a.price.priceFor(wh, ROUNDING),
                a.version.vatRate(),
                d));
    }

    private static void addBaseFeeLines(List<BillLine> lines, BillRequest request) {
        LocalDate from = LocalDate.ofInstant(request.from(), request.zone());
        LocalDate to = LocalDate.ofInstant(request.to(), request.zone());
        int daysInMonth = from.lengthOfMonth();
        for (TariffSegment s : request.tariffs().segments(from, to)) {
            Money fee = s.version().baseFeePerMonth();
            long days = ChronoUnit.DAYS.between(s.from(), s.to());
            Map<String, String> d = new LinkedHashMap<>();
            d.put("tariff", s.version().validFrom().toString());
            d.put("monthlyFee", fee.amount().toPlainString());
            d.put("days", Long.toString(days));
            d.put("daysInMonth", Integer.toString(daysInMonth));
            if (days == daysInMonth) {
                lines.add(new BillLine(
                        BASE_FEE,
                        BigDecimal.ONE,
                        QuantityUnit.MONTH,
                        fee.amount(),
                        fee,
                        s.version().vatRate(),
                        d));
            } else {
                BigDecimal dim = BigDecimal.valueOf(daysInMonth);
                BigDecimal exact = fee.amount().multiply(BigDecimal.valueOf(days));
                Money net =
                        Money.of(fee.currency(), exact.divide(dim, fee.amount().scale(), ROUNDING));
                BigDecimal perDay = fee.amount().divide(dim, DERIVED_PRICE_SCALE, ROUNDING);
                lines.add(new BillLine(
                        BASE_FEE,
                        BigDecimal.valueOf(days),
                        QuantityUnit.DAY,
                        perDay,
                        net,
                        s.version().vatRate(),
                        d));
            }
        }
    }

    private static BillLine evLine(EvSession s, BillRequest request) {
        ZoneId zone = request.zone();
        TariffVersion v = request.tariffs().versionAt(LocalDate.ofInstant(s.start(), zone));
        long totalWh = s.pvWh() + s.gridWh();
        EvPrices prices = v.evPrices(s.group());
        BigDecimal exact =
                prices.pvPrice().exactCostFor(s.pvWh()).add(prices.gridPrice().exactCostFor(s.gridWh()));
        BigDecimal kwh = BigDecimal.valueOf(totalWh, 3);
        BigDecimal average = totalWh == 0
                ? BigDecimal.ZERO.setScale(DERIVED_PRICE_SCALE)
                : exact.divide(kwh, DERIVED_PRICE_SCALE, ROUNDING);
        Map<String, String> d = new LinkedHashMap<>();
        d.put("session", s.id());
        d.put("start", s.start().atZone(zone).toOffsetDateTime().toString());
        d.put("end", s.end().atZone(zone).toOffsetDateTime().toString());
        d.put("tariff", v.validFrom().toString());
        d.put("pvKwh", BigDecimal.valueOf(s.pvWh(), 3).toPlainString());
        d.put("pvPrice", prices.pvPrice().perKwh().toPlainString());
        d.put("gridKwh", BigDecimal.valueOf(s.gridWh(), 3).toPlainString());
        d.put("gridPrice", prices.gridPrice().perKwh().toPlainString());
        d.put(
                "pvSharePercent",
                totalWh == 0
                        ? "0.0"
                        : BigDecimal.valueOf(s.pvWh() * 100)
                                .divide(BigDecimal.valueOf(totalWh), 1, ROUNDING)
                                .toPlainString());
        if (!EvPrices.DEFAULT_GROUP.equals(s.group())) {
            // only sessions of another group carry these keys: residents' lines (and their hashes) stay as before
            d.put("group", s.group());
            d.put("priceGroup", prices.group());
        }
        return new BillLine(
                EV_SESSION, kwh, QuantityUnit.KWH, average, Money.of(v.currency(), exact, ROUNDING), v.vatRate(), d);
    }

    private static BillDraft totals(BillRequest request, Currency currency, List<BillLine> lines) {
        SortedMap<VatRate, Money> netByRate = new TreeMap<>();
        for (BillLine l : lines) {
            netByRate.merge(l.vatRate(), l.net(), Money::plus);
        }
        List<VatTotal> vatTotals = new ArrayList<>();
        Money net = Money.zero(currency);
        Money vat = Money.zero(currency);
        for (Map.Entry<VatRate, Money> e : netByRate.entrySet()) {
            Money rateVat = e.getKey().vatOn(e.getValue(), ROUNDING);
            vatTotals.add(
                    new VatTotal(e.getKey(), e.getValue(), rateVat, e.getValue().plus(rateVat)));
            net = net.plus(e.getValue());
            vat = vat.plus(rateVat);
        }
        return new BillDraft(
                request.from(), request.to(), request.zone(), currency, lines, vatTotals, net, vat, net.plus(vat));
    }

    private record WindowKey(LocalDate version, String window, UnitPrice price) {}

    private static final class Acc {
        final TariffVersion version;
        final UnitPrice price;
        long wh;
        long commonWh;
        int intervals;
        int estimated;

        Acc(TariffVersion version, UnitPrice price) {
            this.version = version;
            this.price = price;
        }

        void add(long apartmentWh, long commonShareWh, boolean est) {
            wh = Math.addExact(wh, apartmentWh);
            commonWh = Math.addExact(commonWh, commonShareWh);
            intervals++;
            if (est) {
                estimated++;
            }
        }
    }
}
