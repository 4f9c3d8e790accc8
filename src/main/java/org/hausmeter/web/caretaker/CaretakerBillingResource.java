package org.hausmeter.web.caretaker;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hausmeter.allocation.BuildingTotal;
import org.hausmeter.billing.BillCalculator;
import org.hausmeter.billing.BillContent;
import org.hausmeter.billing.BillRuns;
import org.hausmeter.billing.BillingException;
import org.hausmeter.billing.Bills;
import org.hausmeter.billing.StoredAdjustment;
import org.hausmeter.billing.StoredBill;
import org.hausmeter.billing.StoredLine;
import org.hausmeter.billing.TariffStore;
import org.hausmeter.billing.persistence.BillFlags;
import org.hausmeter.billing.run.MonthBilling;
import org.hausmeter.billing.run.MonthInput;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.web.Formats;
import org.hausmeter.web.i18n.A11yMessages;

/**
 * Bill runs: a month's drafts and invoices (run, review flags and estimated share, adjust, issue one
 * or all, PDFs and the month's ZIP, cancel with a reason → Stornorechnung and a new draft), one bill
 * in detail, the co-op's monthly report and the allocation keys side by side for the assembly.
 */
@Path("/caretaker/billing")
@RolesAllowed("CARETAKER")
public class CaretakerBillingResource extends CaretakerPages {

    /** A bill in the month's table. */
    public record Row(
            StoredBill bill,
            LocalDate firstDay,
            LocalDate lastDay,
            long consumptionWh,
            long pvWh,
            int estimated,
            double estimatedShare,
            int flags,
            BigDecimal covered,
            String blocked) {
        /**
         * @param flags the month's blocking flags by tenancy
         */
        static Row of(StoredBill b, Map<Long, List<BillFlags.Flag>> flags) {
            BillContent c = b.content();
            // Floored to 0.1 %, so data that is not complete never shows as 100 %.
            BigDecimal covered = c.coveredIntervals() == null
                    ? null
                    : BigDecimal.valueOf(c.coveredIntervals())
                            .divide(BigDecimal.valueOf(Math.max(1, c.intervals())), 3, RoundingMode.FLOOR);
            String blocked = !b.isDraft()
                    ? null
                    : flags.getOrDefault(b.tenancyId(), List.of()).stream()
                            .filter(BillFlags.Flag::open)
                            .map(BillFlags.Flag::detail)
                            .reduce((x, y) -> x + "; " + y)
                            .orElse(null);
            return new Row(
                    b,
                    c.firstDay(),
                    c.lastDay(),
                    c.consumptionWh(),
                    c.pvWh(),
                    c.estimatedIntervals(),
                    c.estimatedShare(),
                    b.flagCount(),
                    covered,
                    blocked);
        }

        /** @return true when completeness is recorded and every quarter hour has a value */
        public boolean complete() {
            return bill.content().coveredIntervals() != null && !bill.content().incomplete();
        }

        public boolean draft() {
            return bill.isDraft();
        }
    }

    /**
     * The month page.
     *
     * @param changed numbers of issued bills whose recomputation differs, from the last run (cancel and re-issue)
     */
    public record MonthView(
            Notice notice,
            YearMonth month,
            List<Row> rows,
            int drafts,
            int issued,
            BigDecimal grossLive,
            String currency,
            List<String> issuerMissing,
            List<String> changed,
            boolean future,
            YearMonth previous,
            YearMonth next) {}

    /** A bill line for display. */
    public record LineView(
            String key,
            String label,
            String detail,
            BigDecimal quantity,
            String unit,
            BigDecimal unitPrice,
            BigDecimal net,
            BigDecimal vatPercent) {}

    /** A meter's counters at the period's ends. */
    public record MeterView(String meter, Long startWh, Long endWh, String startSource, String endSource) {}

    /** VAT of one rate. */
    public record VatView(BigDecimal percent, BigDecimal net, BigDecimal vat, BigDecimal gross) {}

    /** A review flag printed on the bill. */
    public record FlagView(String kind, String meter, String detail, String from) {}

    /** Days without (complete) energy data, formatted for the page. */
    public record GapView(String days, boolean whole, int missing, int intervals) {}

    /** A caretaker's decision to issue despite a blocking flag, formatted. */
    public record DecisionView(String detail, String reason, String by, String at) {}

    /** The bill page; the ids link the cancellation, the cancelled bill and the replacement. */
    public record BillView(
            Notice notice,
            StoredBill bill,
            Row row,
            List<LineView> lines,
            List<VatView> vatTotals,
            List<MeterView> meters,
            List<FlagView> flags,
            List<GapView> gaps,
            List<DecisionView> decisions,
            String energySource,
            List<StoredAdjustment> adjustments,
            Long cancelsId,
            Long cancelledById,
            Long replacesId,
            Long replacedById,
            String defaultVat,
            AdjustForm form,
            List<String> issuerMissing,
            String overrideReason) {}

    /** The adjustment form as typed. */
    public record AdjustForm(String reason, String net, String vatPercent) {}

    /** One consumer of the month in the report. */
    public record ConsumerRow(String kind, String code, long consumptionWh, long pvWh, double pvShare) {}

    public record ReportView(
            Notice notice,
            YearMonth month,
            MonthBilling.Report report,
            List<ConsumerRow> consumers,
            Bars.Chart chart,
            String currency,
            String key,
            List<MeasuredAllocated> explained) {}

    /**
     * A figure of the month report both ways: as the meters at the grid connection and the PV system measured it, and
     * as the bill run allocated it to the consumers, with the one-line reason for the difference.
     */
    public record MeasuredAllocated(String figure, long measuredWh, long allocatedWh, String why) {}

    /**
     * The report's figures that differ between measurement and allocation (issue 17, item 6): the building's
     * consumption (connection: import + production − export; allocated: Σ consumer meters), the PV (produced;
     * allocated to consumers, the rest counts as exported) and the export (export meter; production − allocated).
     */
    static List<MeasuredAllocated> explained(MonthBilling.Report r, A11yMessages ax, Locale locale) {
        BuildingTotal b = r.building();
        long measuredUse = r.gridImportWh() + b.productionWh() - r.gridExportWh();
        return List.of(
                new MeasuredAllocated(
                        ax.report_consumption_row(),
                        measuredUse,
                        b.consumptionWh(),
                        ax.report_consumption_why(difference(measuredUse, b.consumptionWh(), ax, locale))),
                new MeasuredAllocated(
                        ax.report_pv_row(),
                        b.productionWh(),
                        b.selfConsumedWh(),
                        ax.report_pv_why(difference(b.productionWh(), b.selfConsumedWh(), ax, locale))),
                new MeasuredAllocated(
                        ax.report_export_row(),
                        r.gridExportWh(),
                        b.exportedWh(),
                        ax.report_export_why(difference(r.gridExportWh(), b.exportedWh(), ax, locale))));
    }

    private static String difference(long measured, long allocated, A11yMessages ax, Locale locale) {
        long d = measured - allocated;
        if (d == 0) {
            return ax.report_same();
        }
        // Below 1 kWh in Wh, so that a small difference does not read "+0.0 kWh".
        String size = Math.abs(d) < 1000 ? Math.abs(d) + " Wh" : Formats.kwh(Math.abs(d), 1, locale);
        return (d > 0 ? "+" : "−") + size;
    }

    /** One building total of a key, with the key's name. */
    public record KeyTotal(String key, BuildingTotal total, boolean current) {}

    /**
     * @param chart per apartment the difference of every other key's gross bill to the key in use (or the gross bills
     *              when no key is in use)
     */
    public record KeysView(
            Notice notice,
            YearMonth month,
            MonthBilling.KeyBills bills,
            List<KeyTotal> totals,
            String currentKey,
            Bars.Chart chart,
            String currency) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance month(MonthView view);

        static native TemplateInstance bill(BillView view);

        static native TemplateInstance report(ReportView view);

        static native TemplateInstance keys(KeysView view);
    }

    private final BillRuns runs;
    private final Bills bills;
    private final BuildingSettings settings;
    private final TariffStore tariffs;

    CaretakerBillingResource(BillRuns runs, Bills bills, BuildingSettings settings, TariffStore tariffs) {
        this.runs = runs;
        this.bills = bills;
        this.settings = settings;
        this.tariffs = tariffs;
    }

    // ---- the month ----

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance month(
            @QueryParam("month") String month, @QueryParam("done") String done, @QueryParam("n") String n) {
        YearMonth m = month == null ? null : Forms.month(month);
        if (m == null) {
            m = thisMonth().minusMonths(1);
        }
        List<String> changed = List.of();
        if ("run".equals(done) && n != null && n.contains("|")) {
            changed = List.of(n.substring(n.indexOf('|') + 1).split(","));
        }
        return monthView(m, done(done, n), changed);
    }

    @POST
    @Path("{month}/run")
    @Produces(MediaType.TEXT_HTML)
    public Response run(@PathParam("month") String month) {
        YearMonth m = parseMonth(month);
        return change(
                () -> {
                    BillRuns.RunResult r = runs.run(m, actor());
                    String n = r.created() + "," + r.unchanged() + "," + r.removed() + "," + r.issued()
                            + (r.issuedButChanged().isEmpty() ? "" : "|" + String.join(",", r.issuedButChanged()));
                    return seeOther("/caretaker/billing?month=" + m, "run", n);
                },
                notice -> monthView(m, notice, List.of()));
    }

    @POST
    @Path("{month}/issue")
    @Produces(MediaType.TEXT_HTML)
    public Response issueMonth(@PathParam("month") String month, @FormParam("confirmed") String confirmed) {
        YearMonth m = parseMonth(month);
        if (!confirmed(confirmed)) {
            return page(400, monthView(m, Notice.error(ctb().confirm_missing()), List.of()));
        }
        return change(
                () -> {
                    Bills.MonthIssue done = bills.issueMonth(m, actor());
                    if (done.notIssued().isEmpty()) {
                        return seeOther(
                                "/caretaker/billing?month=" + m,
                                "issued_all",
                                Integer.toString(done.issued().size()));
                    }
                    String left = String.join(
                            "; ",
                            done.notIssued().stream()
                                    .map(x -> x.bill().apartmentCode() + ": " + x.reason())
                                    .toList());
                    return ok(monthView(
                            m,
                            Notice.warn(ctb().issued_some(
                                            Integer.toString(done.issued().size()), left)),
                            List.of()));
                },
                notice -> monthView(m, notice, List.of()));
    }

    // ---- one bill ----

    @GET
    @Path("bills/{id}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance bill(@PathParam("id") long id, @QueryParam("done") String done, @QueryParam("n") String n) {
        return billView(id, done(done, n), null);
    }

    @POST
    @Path("bills/{id}/adjustments")
    @Produces(MediaType.TEXT_HTML)
    public Response adjust(
            @PathParam("id") long id,
            @FormParam("reason") String reason,
            @FormParam("net") String net,
            @FormParam("vatPercent") String vatPercent) {
        AdjustForm form = new AdjustForm(reason, net, vatPercent);
        return change(
                () -> {
                    Forms f = forms();
                    StoredBill b = bills.get(id);
                    BigDecimal amount = f.amount(net, ctb().adjust_net());
                    BigDecimal vat = f.decimal(vatPercent, ctb().adjust_vat());
                    bills.addAdjustment(id, reason, amount, vat, actor());
                    return seeOther(
                            "/caretaker/billing/bills/" + currentDraft(b).orElse(id), "adjusted", null);
                },
                notice -> billView(id, notice, form));
    }

    @POST
    @Path("adjustments/{adjustment}/remove")
    @Produces(MediaType.TEXT_HTML)
    public Response removeAdjustment(
            @PathParam("adjustment") long adjustment,
            @FormParam("bill") long billId,
            @FormParam("reason") String reason) {
        return change(
                () -> {
                    StoredBill b = bills.get(billId);
                    bills.removeAdjustment(adjustment, actor(), Forms.blank(reason) ? null : reason.strip());
                    return seeOther(
                            "/caretaker/billing/bills/" + currentDraft(b).orElse(billId), "adjustment_removed", null);
                },
                notice -> billView(billId, notice, null));
    }

    @POST
    @Path("bills/{id}/issue")
    @Produces(MediaType.TEXT_HTML)
    public Response issue(@PathParam("id") long id, @FormParam("overrideReason") String overrideReason) {
        return change(
                () -> {
                    StoredBill b = bills.issue(id, actor(), Forms.blank(overrideReason) ? null : overrideReason);
                    return seeOther("/caretaker/billing/bills/" + id, "issued", b.number());
                },
                notice -> billView(id, notice, null, overrideReason));
    }

    @POST
    @Path("bills/{id}/cancel")
    @Produces(MediaType.TEXT_HTML)
    public Response cancel(
            @PathParam("id") long id, @FormParam("reason") String reason, @FormParam("confirmed") String confirmed) {
        if (!confirmed(confirmed)) {
            return page(400, billView(id, Notice.error(ctb().confirm_missing()), null));
        }
        return change(
                () -> {
                    StoredBill original = bills.get(id);
                    StoredBill storno = bills.cancel(id, reason, actor());
                    return seeOther(
                            "/caretaker/billing?month=" + storno.month(),
                            "cancelled",
                            original.number() + "|" + storno.number());
                },
                notice -> billView(id, notice, null));
    }

    /**
     * Whether the form's confirmation box was ticked: issuing a whole month and cancelling a bill cannot be undone,
     * so their forms carry a required checkbox ({@code confirmed=yes}), checked here too (no JavaScript needed).
     */
    private static boolean confirmed(String confirmed) {
        return "yes".equals(confirmed);
    }

    // ---- reports ----

    @GET
    @Path("{month}/report")
    @Produces(MediaType.TEXT_HTML)
    public Response report(@PathParam("month") String month) {
        YearMonth m = parseMonth(month);
        return change(
                () -> {
                    MonthBilling.Result result = runs.compute(m);
                    MonthBilling.Report r = result.report();
                    List<ConsumerRow> consumers = new ArrayList<>();
                    List<MonthInput.Consumer> cs = result.input().consumers();
                    for (int i = 0; i < cs.size(); i++) {
                        var t = result.consumerTotals().get(i);
                        consumers.add(new ConsumerRow(
                                cs.get(i).kind().name(),
                                cs.get(i).code(),
                                t.consumptionWh(),
                                t.pvWh(),
                                t.consumptionWh() == 0 ? 0 : (double) t.pvWh() / t.consumptionWh()));
                    }
                    CaretakerBillingMessages cb = ctb();
                    BuildingTotal b = r.building();
                    Bars.Chart chart = Bars.stacked(
                            List.of(cb.report_row_pv(), cb.report_row_consumption(), cb.report_row_split()),
                            List.of(
                                    List.of(
                                            seg(b.selfConsumedWh(), "k1", cb.report_self_consumed()),
                                            seg(b.exportedWh(), "k3", cb.report_exported())),
                                    List.of(
                                            seg(b.selfConsumedWh(), "k1", cb.report_from_pv()),
                                            seg(b.gridWh(), "k0", cb.report_from_grid())),
                                    List.of(
                                            seg(r.apartmentPvWh(), "k1", cb.report_pv_apartments()),
                                            seg(r.commonPvWh(), "k2", cb.report_pv_common()),
                                            seg(r.chargerPvWh(), "k4", cb.report_pv_chargers()))));
                    return ok(Templates.report(new ReportView(
                            null,
                            m,
                            r,
                            consumers,
                            chart,
                            currency(),
                            result.rule().key().name(),
                            explained(
                                    r,
                                    MessageBundles.get(
                                            A11yMessages.class, Localized.Literal.of(locale().getLanguage())),
                                    locale()))));
                },
                notice -> Templates.report(
                        new ReportView(notice, m, null, List.of(), null, currency(), null, List.of())));
    }

    @GET
    @Path("{month}/keys")
    @Produces(MediaType.TEXT_HTML)
    public Response keys(@PathParam("month") String month) {
        YearMonth m = parseMonth(month);
        return change(
                () -> {
                    MonthBilling.KeyBills kb = runs.keyBills(m);
                    TariffStore.StoredTariff t = tariffs.at(m.atDay(1));
                    String current = t == null ? null : t.allocationKey().name();
                    List<KeyTotal> totals = new ArrayList<>();
                    for (int i = 0; i < kb.keys().size(); i++) {
                        totals.add(new KeyTotal(
                                kb.keys().get(i).name(),
                                kb.building().get(i),
                                kb.keys().get(i).name().equals(current)));
                    }
                    CaretakerBillingMessages cb = ctb();
                    List<String> groups = kb.rows().stream()
                            .map(MonthBilling.KeyRow::apartmentCode)
                            .toList();
                    // The assembly compares against the key in use: per apartment, what each other key would change,
                    // gross.
                    int ref = kb.keys().stream().map(Enum::name).toList().indexOf(current);
                    List<List<Bars.Value>> values = new ArrayList<>();
                    for (MonthBilling.KeyRow row : kb.rows()) {
                        List<Bars.Value> v = new ArrayList<>();
                        for (int i = 0; i < kb.keys().size(); i++) {
                            if (i == ref) {
                                continue;
                            }
                            BigDecimal g = row.gross().get(i);
                            java.util.Currency cur = site.current().currency();
                            BigDecimal value =
                                    ref < 0 ? g : g.subtract(row.gross().get(ref));
                            v.add(new Bars.Value(
                                    value.doubleValue(),
                                    "k" + i,
                                    row.apartmentCode() + " · "
                                            + cb.key_name(kb.keys().get(i).name()) + ": "
                                            + Formats.money(g, cur, locale())
                                            + (ref < 0
                                                    ? ""
                                                    : " (" + (value.signum() > 0 ? "+" : "")
                                                            + Formats.money(value, cur, locale()) + ")")));
                        }
                        values.add(v);
                    }
                    Bars.Chart chart = Bars.grouped(
                            groups,
                            values,
                            d -> Formats.money(
                                    BigDecimal.valueOf(d).setScale(2, java.math.RoundingMode.HALF_UP),
                                    site.current().currency(),
                                    locale()));
                    return ok(Templates.keys(new KeysView(null, m, kb, totals, current, chart, currency())));
                },
                notice -> Templates.keys(new KeysView(notice, m, null, List.of(), null, null, currency())));
    }

    // ---- views ----

    private TemplateInstance monthView(YearMonth m, Notice notice, List<String> changed) {
        Map<Long, List<BillFlags.Flag>> flags = bills.flags(m);
        List<Row> rows = bills.month(m).stream().map(b -> Row.of(b, flags)).toList();
        int drafts = 0;
        int issued = 0;
        BigDecimal gross = BigDecimal.ZERO;
        for (Row r : rows) {
            StoredBill b = r.bill();
            if (b.isDraft()) {
                drafts++;
            } else if (b.issuedInvoice()) {
                issued++;
            }
            if (!b.isCancellation() && !b.cancelled()) {
                gross = gross.add(b.gross());
            }
        }
        return Templates.month(new MonthView(
                notice,
                m,
                rows,
                drafts,
                issued,
                gross,
                currency(),
                settings.issuer().missing(),
                changed,
                m.isAfter(thisMonth()),
                m.minusMonths(1),
                m.plusMonths(1)));
    }

    private TemplateInstance billView(long id, Notice notice, AdjustForm form) {
        return billView(id, notice, form, null);
    }

    private TemplateInstance billView(long id, Notice notice, AdjustForm form, String overrideReason) {
        StoredBill b;
        try {
            b = bills.get(id);
        } catch (BillingException e) {
            throw new NotFoundException(e.getMessage());
        }
        CaretakerBillingMessages cb = ctb();
        List<LineView> lines = new ArrayList<>();
        for (StoredLine l : b.lines()) {
            lines.add(line(l, cb));
        }
        List<StoredBill> month = bills.month(b.month());
        Long cancelsId = idOf(month, b.cancels());
        Long cancelledById = idOf(month, b.cancelledBy());
        Long replacesId = idOf(month, b.replaces());
        Long replacedById = b.number() == null
                ? null
                : month.stream()
                        .filter(x -> b.number().equals(x.replaces()))
                        .map(StoredBill::id)
                        .findFirst()
                        .orElse(null);
        List<StoredAdjustment> adjustments = b.isCancellation()
                ? List.of()
                : bills.adjustments(b.month()).stream()
                        .filter(a -> a.tenancyId() == b.tenancyId())
                        .toList();
        List<MeterView> meters = b.content().meters().stream()
                .map(m -> new MeterView(m.meter(), m.startWh(), m.endWh(), m.startSource(), m.endSource()))
                .toList();
        List<FlagView> flags = b.content().flags().stream()
                .map(f -> new FlagView(f.kind(), f.meter(), f.detail(), f.from().toString()))
                .toList();
        List<GapView> gaps = new ArrayList<>();
        for (BillContent.Gap g : b.content().gaps() == null
                ? List.<BillContent.Gap>of()
                : b.content().gaps()) {
            String days = g.firstDay().equals(g.lastDay())
                    ? Formats.date(g.firstDay(), locale())
                    : Formats.date(g.firstDay(), locale()) + " – " + Formats.date(g.lastDay(), locale());
            gaps.add(new GapView(days, g.whole(), g.missingIntervals(), g.intervals()));
        }
        List<DecisionView> decisions = bills.decisions(id).stream()
                .map(d -> new DecisionView(
                        d.detail(), d.reason(), d.decidedBy(), Formats.dateTime(d.decidedAt(), locale(), zone())))
                .toList();
        String defaultVat = defaultVat(b);
        List<VatView> vatTotals = b.content().vatTotals().stream()
                .map(v -> new VatView(v.percent(), v.net(), v.vat(), v.gross()))
                .toList();
        return Templates.bill(new BillView(
                notice,
                b,
                Row.of(b, bills.flags(b.month())),
                lines,
                vatTotals,
                meters,
                flags,
                gaps,
                decisions,
                b.content().energySource(),
                adjustments,
                cancelsId,
                cancelledById,
                replacesId,
                replacedById,
                defaultVat,
                form == null ? new AdjustForm("", "", defaultVat) : form,
                settings.issuer().missing(),
                overrideReason == null ? "" : overrideReason));
    }

    /** The VAT rate the adjustment form offers: the bill's, else the tariff's; empty when neither is known. */
    private String defaultVat(StoredBill b) {
        try {
            return bills.defaultVatPercent(b).stripTrailingZeros().toPlainString();
        } catch (BillingException e) {
            return "";
        }
    }

    private LineView line(StoredLine l, CaretakerBillingMessages cb) {
        String key = l.key();
        String detail = "";
        String kind = "";
        if (l.window() != null) {
            detail = cb.line_window(l.window());
        }
        if (BillCalculator.EV_SESSION.equals(key) && l.sessionStart() != null) {
            detail = cb.line_session(
                    Formats.dateTime(l.sessionStart().toInstant(), locale(), zone()),
                    Formats.time(l.sessionEnd().toInstant(), locale(), zone()),
                    Formats.percent(l.sessionPvSharePercent().movePointLeft(2), locale()));
        }
        if (BillCalculator.BASE_FEE.equals(key) && l.days() != null && !l.days().equals(l.daysInMonth())) {
            detail = cb.line_days(l.days(), l.daysInMonth());
        }
        if (BillCalculator.ADJUSTMENT.equals(key)) {
            kind = String.valueOf(l.adjustmentKind());
            detail = String.valueOf(l.adjustmentReason());
        }
        return new LineView(
                key, cb.line_label(key, kind), detail, l.quantity(), l.unit(), l.unitPrice(), l.net(), l.vatPercent());
    }

    /** After a re-run a tenancy's draft has a new id: the current draft of the same tenancy and month. */
    private Optional<Long> currentDraft(StoredBill b) {
        return bills.month(b.month()).stream()
                .filter(x -> x.tenancyId() == b.tenancyId() && x.isDraft())
                .map(StoredBill::id)
                .findFirst();
    }

    private static Long idOf(List<StoredBill> month, String number) {
        if (number == null) {
            return null;
        }
        return month.stream()
                .filter(x -> number.equals(x.number()))
                .map(StoredBill::id)
                .findFirst()
                .orElse(null);
    }

    private Bars.Value seg(long wh, String cls, String label) {
        String kwh = Formats.kwh(wh, 0, locale());
        return new Bars.Value(wh, cls, label + ": " + kwh, kwh);
    }

    private String currency() {
        return site.current().currency().getCurrencyCode();
    }

    private YearMonth parseMonth(String month) {
        YearMonth m = Forms.month(month);
        if (m == null) {
            throw new NotFoundException("Month [" + month + "] is not YYYY-MM");
        }
        return m;
    }

    static LocalDate day(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }
}
