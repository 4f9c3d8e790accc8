package org.hausmeter.billing.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hausmeter.allocation.AllocationKey;
import org.hausmeter.billing.BillKind;
import org.hausmeter.billing.BillRuns;
import org.hausmeter.billing.BillStatus;
import org.hausmeter.billing.BillingException;
import org.hausmeter.billing.Bills;
import org.hausmeter.billing.StoredAdjustment;
import org.hausmeter.billing.StoredBill;
import org.hausmeter.billing.TariffStore;
import org.hausmeter.billing.TariffStore.CommonKey;
import org.hausmeter.billing.TariffStore.StoredTariff;
import org.hausmeter.billing.persistence.BillFlags;
import org.hausmeter.billing.run.MonthBilling;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.tariff.DaySchedule;
import org.hausmeter.tariff.GridPrice;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.Season;
import org.hausmeter.tariff.TariffVersion;
import org.hausmeter.tariff.TouWindow;
import org.hausmeter.tariff.UnitPrice;
import org.hausmeter.tariff.VatRate;
import org.hausmeter.web.CurrentAccount;

/**
 * JSON API of billing: tariffs, bill runs, adjustments, issuing, cancellation, PDFs, the co-op report and
 * the key comparison (caretaker); a resident reads his own issued bills and their PDFs.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BillingResource {

    /** One time-of-use window; {@code to} "24:00" for the end of the day. */
    public record WindowInput(String name, String from, String to, BigDecimal price) {}

    /** A season: months 1-12 and the windows of weekdays and weekends. */
    public record SeasonInput(
            String name, List<Integer> months, List<WindowInput> weekdays, List<WindowInput> weekends) {}

    /** A tariff version: either {@code gridPrice} (flat) or {@code seasons} (time of use). */
    public record TariffInput(
            LocalDate validFrom,
            BigDecimal gridPrice,
            List<SeasonInput> seasons,
            BigDecimal pvPrice,
            BigDecimal baseFeePerMonth,
            BigDecimal evPvPrice,
            BigDecimal evGridPrice,
            BigDecimal feedInPrice,
            BigDecimal vatPercent,
            String allocationKey,
            String commonKey,
            String reason) {}

    /** An adjustment: positive charge or negative credit, net. */
    public record AdjustmentInput(String reason, BigDecimal net, BigDecimal vatPercent) {}

    /** A reason. */
    public record ReasonInput(String reason) {}

    /** Issuing one bill: the caretaker's reason for issuing it despite a blocking flag, else empty. */
    public record IssueInput(String overrideReason) {}

    /**
     * A bill in lists.
     *
     * @param notIssuedReason in the answer of "issue all": why this draft could not be issued; null otherwise
     * @param coveredIntervals quarter hours of the period with energy data (of {@code intervals}); null in bills made
     *                         before completeness was recorded
     * @param energySource     READINGS, IMPORTED or MIXED (docs/billing.md, "Completeness"); null as above
     */
    public record BillSummary(
            long id,
            BillKind kind,
            BillStatus status,
            String number,
            String apartment,
            String resident,
            LocalDate firstDay,
            LocalDate lastDay,
            BigDecimal net,
            BigDecimal vat,
            BigDecimal gross,
            String currency,
            int flags,
            int estimatedIntervals,
            String cancels,
            String cancelledBy,
            String replaces,
            String pdfSha256,
            String notIssuedReason,
            int intervals,
            Integer coveredIntervals,
            String energySource) {
        static BillSummary of(StoredBill b) {
            return of(b, null);
        }

        static BillSummary of(StoredBill b, String notIssuedReason) {
            return new BillSummary(
                    b.id(),
                    b.kind(),
                    b.status(),
                    b.number(),
                    b.apartmentCode(),
                    b.residentName(),
                    b.content().firstDay(),
                    b.content().lastDay(),
                    b.net(),
                    b.vat(),
                    b.gross(),
                    b.currency(),
                    b.flagCount(),
                    b.content().estimatedIntervals(),
                    b.cancels(),
                    b.cancelledBy(),
                    b.replaces(),
                    b.pdfSha256(),
                    notIssuedReason,
                    b.content().intervals(),
                    b.content().coveredIntervals(),
                    b.content().energySource());
        }
    }

    private final TariffStore tariffs;
    private final BillRuns runs;
    private final Bills bills;
    private final BuildingSettings settings;
    private final CurrentAccount account;

    BillingResource(
            TariffStore tariffs, BillRuns runs, Bills bills, BuildingSettings settings, CurrentAccount account) {
        this.tariffs = tariffs;
        this.runs = runs;
        this.bills = bills;
        this.settings = settings;
        this.account = account;
    }

    @GET
    @Path("tariffs")
    @RolesAllowed("CARETAKER")
    public List<Map<String, Object>> tariffs() {
        return tariffs.all().stream().map(TariffStore::describe).toList();
    }

    /** Which meters the building has now: EV prices are required only with a charger, a feed-in price only with PV. */
    @jakarta.inject.Inject
    org.hausmeter.ledger.persistence.Meters meters;

    @POST
    @Path("tariffs")
    @RolesAllowed("CARETAKER")
    public Map<String, Object> saveTariff(TariffInput in) {
        StoredTariff t = toTariff(
                in,
                settings.current().currency(),
                meters.anyInstalled(org.hausmeter.ledger.MeterRole.CHARGER),
                meters.anyInstalled(org.hausmeter.ledger.MeterRole.PV));
        tariffs.save(t, user(), in.reason());
        return TariffStore.describe(t);
    }

    /** A card group's EV prices per kWh (PV share, grid share). */
    public record GroupPricesInput(BigDecimal evPvPrice, BigDecimal evGridPrice, String reason) {}

    /**
     * Sets the EV prices of card group {@code group} (e.g. GUEST) in the tariff version valid from {@code validFrom}
     * (refused when an issued bill used the version, as any change of it).
     */
    @PUT
    @Path("tariffs/{validFrom}/ev-prices/{group}")
    @RolesAllowed("CARETAKER")
    public Map<String, Object> setGroupPrices(
            @PathParam("validFrom") String validFrom, @PathParam("group") String group, GroupPricesInput in) {
        if (in == null || in.evPvPrice() == null || in.evGridPrice() == null) {
            throw new org.hausmeter.tariff.TariffValidationException(
                    "evPvPrice and evGridPrice are required (per kWh, e.g. 0.39)");
        }
        Currency currency = settings.current().currency();
        LocalDate from = parseDay(validFrom);
        tariffs.setGroupPrices(
                from,
                group,
                new org.hausmeter.tariff.EvPrices(
                        group, UnitPrice.of(currency, in.evPvPrice()), UnitPrice.of(currency, in.evGridPrice())),
                user(),
                in.reason());
        return TariffStore.describe(tariffs.at(from));
    }

    /** Removes a card group's own EV prices from a version: the group then pays the resident prices. */
    @DELETE
    @Path("tariffs/{validFrom}/ev-prices/{group}")
    @RolesAllowed("CARETAKER")
    public Map<String, Object> removeGroupPrices(
            @PathParam("validFrom") String validFrom, @PathParam("group") String group) {
        LocalDate from = parseDay(validFrom);
        tariffs.setGroupPrices(from, group, null, user(), null);
        return TariffStore.describe(tariffs.at(from));
    }

    private static LocalDate parseDay(String text) {
        try {
            return LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new org.hausmeter.tariff.TariffValidationException("[" + text + "] is not a day (YYYY-MM-DD)");
        }
    }

    /** Builds a validated tariff from the API/form input; every price is required. */
    public static StoredTariff toTariff(TariffInput in, Currency currency) {
        return toTariff(in, currency, true, true);
    }

    /**
     * Builds a validated tariff from the API input: the EV prices are required only when the building has a charger
     * ({@code chargers}), the feed-in price only when it has PV ({@code feedIn}); a price not required and not given
     * is 0.
     */
    public static StoredTariff toTariff(TariffInput in, Currency currency, boolean chargers, boolean feedIn) {
        if (in == null || in.validFrom() == null) {
            throw new BillingException(BillingException.Kind.INVALID, "A tariff needs validFrom (YYYY-MM-DD)");
        }
        GridPrice grid;
        if (in.seasons() != null && !in.seasons().isEmpty()) {
            List<Season> seasons = new ArrayList<>();
            for (SeasonInput s : in.seasons()) {
                Set<Month> months = EnumSet.noneOf(Month.class);
                for (Integer m : s.months() == null ? List.<Integer>of() : s.months()) {
                    if (m == null || m < 1 || m > 12) {
                        throw new BillingException(
                                BillingException.Kind.INVALID,
                                "Season [" + s.name() + "] month [" + m + "] is not 1-12");
                    }
                    months.add(Month.of(m));
                }
                seasons.add(new Season(
                        s.name(), months, schedule(s.weekdays(), currency), schedule(s.weekends(), currency)));
            }
            grid = new GridPrice(seasons);
        } else {
            grid = GridPrice.flat(UnitPrice.of(currency, required("gridPrice", in.gridPrice())));
        }
        TariffVersion v = new TariffVersion(
                in.validFrom(),
                grid,
                UnitPrice.of(currency, required("pvPrice", in.pvPrice())),
                Money.of(currency, required("baseFeePerMonth", in.baseFeePerMonth())),
                UnitPrice.of(currency, requiredIf(chargers, "evPvPrice", in.evPvPrice(), "the building has a charger")),
                UnitPrice.of(
                        currency, requiredIf(chargers, "evGridPrice", in.evGridPrice(), "the building has a charger")),
                UnitPrice.of(currency, requiredIf(feedIn, "feedInPrice", in.feedInPrice(), "the building has PV")),
                new VatRate(required("vatPercent", in.vatPercent())));
        AllocationKey key;
        CommonKey common;
        try {
            key = in.allocationKey() == null
                    ? AllocationKey.DYNAMIC_PROPORTIONAL
                    : AllocationKey.valueOf(in.allocationKey());
            common = in.commonKey() == null ? CommonKey.EQUAL : CommonKey.valueOf(in.commonKey());
        } catch (IllegalArgumentException e) {
            throw new BillingException(BillingException.Kind.INVALID, "Unknown key: " + e.getMessage());
        }
        return new StoredTariff(v, key, common);
    }

    private static DaySchedule schedule(List<WindowInput> windows, Currency currency) {
        if (windows == null || windows.isEmpty()) {
            throw new BillingException(BillingException.Kind.INVALID, "Every season needs weekday and weekend windows");
        }
        List<TouWindow> out = new ArrayList<>();
        for (WindowInput w : windows) {
            try {
                LocalTime from = LocalTime.parse(w.from());
                LocalTime to = "24:00".equals(w.to()) ? LocalTime.MIDNIGHT : LocalTime.parse(w.to());
                out.add(new TouWindow(w.name(), from, to, UnitPrice.of(currency, required("price", w.price()))));
            } catch (DateTimeParseException | NullPointerException e) {
                throw new BillingException(
                        BillingException.Kind.INVALID,
                        "Window [" + w.name() + "] needs times as HH:MM, got [" + w.from() + "]-[" + w.to() + "]");
            }
        }
        return new DaySchedule(out);
    }

    /** A price required only when {@code needed}; otherwise 0 when not given. */
    private static BigDecimal requiredIf(boolean needed, String name, BigDecimal v, String why) {
        if (v == null && needed) {
            throw new BillingException(
                    BillingException.Kind.INVALID, "Tariff field [" + name + "] is missing (" + why + ")");
        }
        return v == null ? BigDecimal.ZERO : v;
    }

    private static BigDecimal required(String name, BigDecimal v) {
        if (v == null) {
            throw new BillingException(BillingException.Kind.INVALID, "Tariff field [" + name + "] is missing");
        }
        return v;
    }

    @POST
    @Path("billing/{month}/run")
    @RolesAllowed("CARETAKER")
    public BillRuns.RunResult run(@PathParam("month") String month) {
        return runs.run(month(month), user());
    }

    @GET
    @Path("billing/{month}/bills")
    @RolesAllowed("CARETAKER")
    public List<BillSummary> monthBills(@PathParam("month") String month) {
        return bills.month(month(month)).stream().map(BillSummary::of).toList();
    }

    @POST
    @Path("billing/{month}/issue")
    @RolesAllowed("CARETAKER")
    public List<BillSummary> issueMonth(@PathParam("month") String month) {
        Bills.MonthIssue done = bills.issueMonth(month(month), user());
        List<BillSummary> out =
                new ArrayList<>(done.issued().stream().map(BillSummary::of).toList());
        done.notIssued().forEach(n -> out.add(BillSummary.of(n.bill(), n.reason())));
        return out;
    }

    @GET
    @Path("billing/{month}/bills.zip")
    @Produces("application/zip")
    @RolesAllowed("CARETAKER")
    public Response zip(@PathParam("month") String month) {
        YearMonth m = month(month);
        return Response.ok(bills.zip(m))
                .header("Content-Disposition", "attachment; filename=\"bills-" + m + ".zip\"")
                .build();
    }

    @GET
    @Path("billing/{month}/report")
    @RolesAllowed("CARETAKER")
    public Map<String, Object> report(@PathParam("month") String month) {
        MonthBilling.Report r = runs.compute(month(month)).report();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("month", month);
        m.put("pvProducedWh", r.building().productionWh());
        m.put("selfConsumedWh", r.building().selfConsumedWh());
        m.put("selfConsumptionShare", r.building().selfConsumptionShare());
        m.put("selfSufficiencyShare", r.building().selfSufficiencyShare());
        m.put("exportedWh", r.building().exportedWh());
        m.put("consumptionWh", r.building().consumptionWh());
        m.put("gridImportWh", r.gridImportWh());
        m.put("gridExportWh", r.gridExportWh());
        m.put("feedInRevenue", r.feedInRevenue().amount());
        m.put("apartmentPvWh", r.apartmentPvWh());
        m.put("commonPvWh", r.commonPvWh());
        m.put("chargerPvWh", r.chargerPvWh());
        return m;
    }

    @GET
    @Path("billing/{month}/keys")
    @RolesAllowed("CARETAKER")
    public MonthBilling.KeyBills keys(@PathParam("month") String month) {
        return runs.keyBills(month(month));
    }

    @GET
    @Path("billing/bills/{id}")
    @RolesAllowed({"CARETAKER", "RESIDENT"})
    public StoredBill bill(@PathParam("id") long id) {
        return visible(bills.get(id));
    }

    @GET
    @Path("billing/bills/{id}/pdf")
    @Produces("application/pdf")
    @RolesAllowed({"CARETAKER", "RESIDENT"})
    public Response pdf(@PathParam("id") long id) {
        StoredBill b = visible(bills.get(id));
        return Response.ok(bills.pdf(id))
                .header("Content-Disposition", "inline; filename=\"" + b.fileName() + "\"")
                .build();
    }

    @POST
    @Path("billing/bills/{id}/adjustments")
    @RolesAllowed("CARETAKER")
    public StoredAdjustment adjust(@PathParam("id") long id, AdjustmentInput in) {
        if (in == null) {
            throw new BillingException(BillingException.Kind.INVALID, "Give reason, net and optionally vatPercent");
        }
        return bills.addAdjustment(id, in.reason(), in.net(), in.vatPercent(), user());
    }

    @DELETE
    @Path("billing/adjustments/{id}")
    @RolesAllowed("CARETAKER")
    public void removeAdjustment(@PathParam("id") long id, @QueryParam("reason") String reason) {
        bills.removeAdjustment(id, user(), reason);
    }

    @POST
    @Path("billing/bills/{id}/issue")
    @RolesAllowed("CARETAKER")
    public BillSummary issue(@PathParam("id") long id, IssueInput in) {
        return BillSummary.of(bills.issue(id, user(), in == null ? null : in.overrideReason()));
    }

    @GET
    @Path("billing/{month}/flags")
    @RolesAllowed("CARETAKER")
    public List<BillFlags.Flag> monthFlags(@PathParam("month") String month) {
        return bills.flags(month(month)).values().stream().flatMap(List::stream).toList();
    }

    @GET
    @Path("billing/bills/{id}/decisions")
    @RolesAllowed("CARETAKER")
    public List<BillFlags.Decision> decisions(@PathParam("id") long id) {
        bills.get(id);
        return bills.decisions(id);
    }

    @POST
    @Path("billing/bills/{id}/cancel")
    @RolesAllowed("CARETAKER")
    public BillSummary cancel(@PathParam("id") long id, ReasonInput in) {
        return BillSummary.of(bills.cancel(id, in == null ? null : in.reason(), user()));
    }

    private StoredBill visible(StoredBill b) {
        if (account.resident().isEmpty()) { // the caretaker (the endpoints admit only the two roles)
            return b;
        }
        if (b.isDraft() || b.residentId() != me()) {
            throw new ForbiddenException("This bill is not yours");
        }
        return b;
    }

    private long me() {
        return account.get()
                .orElseThrow(() -> new ForbiddenException("No account"))
                .id();
    }

    private String user() {
        return account.username().orElseThrow(() -> new ForbiddenException("No account"));
    }

    private static YearMonth month(String s) {
        try {
            return YearMonth.parse(s);
        } catch (DateTimeParseException e) {
            throw new BillingException(BillingException.Kind.INVALID, "Month [" + s + "] is not YYYY-MM");
        }
    }
}
