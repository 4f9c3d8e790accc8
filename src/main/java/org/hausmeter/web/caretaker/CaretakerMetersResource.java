package org.hausmeter.web.caretaker;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hausmeter.bus.BuildingTopology;
import org.hausmeter.bus.MeterHealth;
import org.hausmeter.bus.PolledMeter;
import org.hausmeter.bus.PollingService;
import org.hausmeter.bus.ReadNow;
import org.hausmeter.ledger.IntervalQuality;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.ledger.MeterRole;
import org.hausmeter.ledger.Provenance;
import org.hausmeter.ledger.persistence.Calibrations;
import org.hausmeter.ledger.persistence.IntervalQueries;
import org.hausmeter.ledger.persistence.MeterReadings;
import org.hausmeter.ledger.persistence.Meters;
import org.hausmeter.ledger.persistence.ReadingChanges;
import org.hausmeter.web.ProvenanceView;
import org.hausmeter.web.SvgChart;

/**
 * Meters: their health on the bus and newest readings; per meter a day of quarter hours (SVG), the
 * day's counter readings, manual readings and corrections with a reason, and the meter exchange.
 */
@Path("/caretaker/meters")
@RolesAllowed("CARETAKER")
public class CaretakerMetersResource extends CaretakerPages {

    /** Health as the pages show it; null fields: not polled by this server. */
    /** @param failureKind the kind of the last failure while the meter fails (TIMEOUT, CRC, EXCEPTION 2 (...)), else null */
    public record Health(
            boolean polled,
            Instant lastGoodRead,
            int consecutiveFailures,
            boolean defective,
            long reads,
            Map<String, Long> failures,
            String lastError,
            String failureKind) {
        static Health of(Optional<PolledMeter> m) {
            if (m.isEmpty()) {
                return new Health(false, null, 0, false, 0, Map.of(), null, null);
            }
            MeterHealth h = m.get().health();
            Map<String, Long> failures = new java.util.LinkedHashMap<>();
            for (MeterHealth.Failure f : MeterHealth.Failure.values()) {
                if (h.failures(f) > 0) {
                    failures.put(f.name(), h.failures(f));
                }
            }
            return new Health(
                    true,
                    h.lastGoodRead().orElse(null),
                    h.consecutiveFailures(),
                    h.isDefective(),
                    h.reads(),
                    failures,
                    h.lastError().orElse(null),
                    h.lastFailureKind().orElse(null));
        }

        public boolean ok() {
            return !polled || consecutiveFailures == 0 && lastGoodRead != null;
        }
    }

    /** The answers of "read all meters now", and how many meters answered. */
    public record ReadNowView(List<ReadNow.MeterRead> meters, int answered) {
        static ReadNowView of(List<ReadNow.MeterRead> meters) {
            return new ReadNowView(
                    meters, (int) meters.stream().filter(ReadNow.MeterRead::ok).count());
        }
    }

    /** A row of the meter list. */
    public record Row(Meters.MeterInfo meter, Health health, MeterReadings.Reading latest) {}

    /** A non-measured quarter hour marked under the chart. */
    public record Mark(double x, double width, String quality) {}

    /**
     * A day of one meter: the chart and the readings.
     *
     * @param exports true when the meter's export counter is drawn (PV, grid connection)
     */
    public record Day(
            LocalDate day,
            SvgChart.Lines chart,
            List<Mark> marks,
            boolean exports,
            long importWh,
            long exportWh,
            int intervals,
            int estimated,
            List<MeterReadings.Reading> readings,
            List<SourceRun> sources) {}

    /**
     * Consecutive quarter hours of the day from the same source: local times of the first and last quarter hour, how
     * many, and the source with the line or position range (e.g. CSV datei.csv line 17–20).
     */
    public record SourceRun(String from, String to, int quarters, String quality, ProvenanceView source) {}

    /** What the reading and exchange forms hold (after a refusal: what the caretaker typed). */
    public record Form(
            String at,
            String importKwh,
            String exportKwh,
            String reason,
            String oldImportKwh,
            String oldExportKwh,
            String newModel,
            String newImportKwh,
            String newExportKwh,
            String which) {
        static Form empty(String at) {
            return new Form(at, "", "", "", "", "", "", "0", "", "");
        }
    }

    public record View(
            Notice notice,
            Meters.MeterInfo meter,
            List<Meters.MeterInfo> history,
            Health health,
            Day day,
            List<String> models,
            Form form,
            String installedDay,
            LocalDate today) {}

    @CheckedTemplate
    static class Templates {
        /**
         * @param readNow the answers of "read all meters now"; null when not asked
         * @param due meters whose calibration ended or ends within {@link Calibrations#DUE_MONTHS} months
         */
        static native TemplateInstance list(
                List<Row> rows, ReadNowView readNow, List<Calibrations.Due> due, int dueMonths);

        static native TemplateInstance meter(View view);
    }

    private final Meters meters;
    private final PollingService polling;
    private final IntervalQueries intervals;
    private final MeterReadings readings;
    private final ReadingChanges changes;
    private final BuildingTopology topology;
    private final Calibrations calibrations;

    CaretakerMetersResource(
            Meters meters,
            PollingService polling,
            IntervalQueries intervals,
            MeterReadings readings,
            ReadingChanges changes,
            BuildingTopology topology,
            Calibrations calibrations) {
        this.calibrations = calibrations;
        this.meters = meters;
        this.polling = polling;
        this.intervals = intervals;
        this.readings = readings;
        this.changes = changes;
        this.topology = topology;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list() {
        return list(null);
    }

    /**
     * Commissioning: reads every meter's counters now and shows the answers above the list (stored nowhere:
     * docs/bus.md "Commissioning"). The page is the answer (no redirect): the values exist only in it.
     */
    @POST
    @Path("read-now")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance readNow() {
        return list(ReadNowView.of(polling.readAllNow(READ_NOW_WAIT)));
    }

    /** Longest wait per bus for "read all meters now" (a quarter-hour read in progress finishes first). */
    static final Duration READ_NOW_WAIT = Duration.ofMinutes(2);

    private TemplateInstance list(ReadNowView readNow) {
        Map<String, MeterReadings.Reading> latest = meters.latestReadings();
        List<Row> rows = meters.installed().stream()
                .map(m -> new Row(m, Health.of(polling.polledMeter(m.name())), latest.get(m.name())))
                .toList();
        return Templates.list(
                rows, readNow, calibrations.due(today(), Calibrations.DUE_MONTHS), Calibrations.DUE_MONTHS);
    }

    @GET
    @Path("{name}")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance meter(
            @PathParam("name") String name,
            @QueryParam("day") String day,
            @QueryParam("done") String done,
            @QueryParam("n") String n) {
        LocalDate d = parseDay(day);
        return view(name, d, done(done, n), Form.empty(d.atStartOfDay().toString()));
    }

    @POST
    @Path("{name}/readings")
    @Produces(MediaType.TEXT_HTML)
    public Response enter(
            @PathParam("name") String name,
            @FormParam("at") String at,
            @FormParam("importKwh") String importKwh,
            @FormParam("exportKwh") String exportKwh,
            @FormParam("reason") String reason) {
        Form form = new Form(at, importKwh, exportKwh, reason, "", "", "", "0", "", "reading");
        LocalDate shown = dayOf(at);
        return change(
                () -> {
                    Forms f = forms();
                    CaretakerMessages ct = ct();
                    Instant when = f.localDateTime(at, ct.meter_at());
                    Long imp = f.kwh(f.required(importKwh, ct.meter_import()), ct.meter_import());
                    Long exp = f.kwh(exportKwh, ct.meter_export());
                    boolean corrected =
                            changes.enter(actor(), name, when, imp, exp, reason).isPresent();
                    return seeOther(
                            "/caretaker/meters/" + org.hausmeter.web.Formats.seg(name) + "?day="
                                    + LocalDate.ofInstant(when, zone()),
                            corrected ? "reading_corrected" : "reading_entered",
                            null);
                },
                notice -> view(name, shown, notice, form));
    }

    @POST
    @Path("{name}/exchange")
    @Produces(MediaType.TEXT_HTML)
    public Response exchange(
            @PathParam("name") String name,
            @FormParam("at") String at,
            @FormParam("oldImportKwh") String oldImportKwh,
            @FormParam("oldExportKwh") String oldExportKwh,
            @FormParam("newModel") String newModel,
            @FormParam("newImportKwh") String newImportKwh,
            @FormParam("newExportKwh") String newExportKwh,
            @FormParam("reason") String reason) {
        Form form = new Form(
                at, "", "", reason, oldImportKwh, oldExportKwh, newModel, newImportKwh, newExportKwh, "exchange");
        LocalDate shown = dayOf(at);
        return change(
                () -> {
                    Forms f = forms();
                    CaretakerMessages ct = ct();
                    Instant when = f.localDateTime(at, ct.meter_exchange_at());
                    Long oldImp = f.kwh(f.required(oldImportKwh, ct.meter_old_import()), ct.meter_old_import());
                    Long newImp = f.kwh(f.required(newImportKwh, ct.meter_new_import()), ct.meter_new_import());
                    String model = Forms.blank(newModel) ? null : newModel.strip();
                    if (model != null && topology.catalog().find(model).isEmpty()) {
                        throw new FormException(ct.meter_unknown_model(model));
                    }
                    changes.exchange(
                            actor(),
                            name,
                            when,
                            oldImp,
                            f.kwh(oldExportKwh, ct.meter_old_export()),
                            model,
                            newImp,
                            f.kwh(newExportKwh, ct.meter_new_export()),
                            reason);
                    return seeOther(
                            "/caretaker/meters/" + org.hausmeter.web.Formats.seg(name) + "?day="
                                    + LocalDate.ofInstant(when, zone()),
                            "meter_exchanged",
                            null);
                },
                notice -> view(name, shown, notice, form));
    }

    /** Dates the meter's installation: the local day's start in the building's zone (see MeterReadings#setInstalled). */
    @POST
    @Path("{name}/installed")
    @Produces(MediaType.TEXT_HTML)
    public Response installed(
            @PathParam("name") String name, @FormParam("day") String day, @FormParam("reason") String reason) {
        Form form = new Form("", "", "", reason, "", "", "", "0", "", "installed");
        return change(
                () -> {
                    LocalDate d = forms().date(day, ct().meter_installed_day());
                    readings.setInstalled(actor(), name, Intervals.dayStart(d, zone()), reason);
                    return seeOther(
                            "/caretaker/meters/" + org.hausmeter.web.Formats.seg(name) + "?day=" + d,
                            "meter_installed",
                            null);
                },
                notice -> view(name, today(), notice, form));
    }

    /** Sets the calibration register entry: verification year and an optional explicit last valid day. */
    @POST
    @Path("{name}/calibration")
    @Produces(MediaType.TEXT_HTML)
    public Response calibration(
            @PathParam("name") String name,
            @FormParam("verifiedYear") String verifiedYear,
            @FormParam("validUntil") String validUntil,
            @FormParam("reason") String reason) {
        Form form = new Form("", "", "", reason, "", "", "", "0", "", "calibration");
        return change(
                () -> {
                    Forms f = forms();
                    MeterRegisterMessages mr = io.quarkus.qute.i18n.MessageBundles.get(
                            MeterRegisterMessages.class,
                            io.quarkus.qute.i18n.Localized.Literal.of(locale().getLanguage()));
                    Integer year = Forms.blank(verifiedYear) ? null : f.integer(verifiedYear, mr.meter_verified_year());
                    LocalDate until = f.optionalDate(validUntil, mr.meter_valid_until());
                    calibrations.set(actor(), name, year, until, reason);
                    return seeOther(
                            "/caretaker/meters/" + org.hausmeter.web.Formats.seg(name), "meter_calibration", null);
                },
                notice -> view(name, today(), notice, form));
    }

    private TemplateInstance view(String name, LocalDate day, Notice notice, Form form) {
        List<Meters.MeterInfo> history = meters.history(name);
        if (history.isEmpty()) {
            throw new NotFoundException("No meter [" + name + "]");
        }
        Meters.MeterInfo meter = history.get(0);
        Instant from = Intervals.dayStart(day, zone());
        Instant to = Intervals.dayStart(day.plusDays(1), zone());
        int slots = (int) (Duration.between(from, to).toMinutes() / 15);
        List<IntervalQueries.Interval> rows = intervals.intervals(name, from, to);
        boolean exports = meter.role() == MeterRole.PV || meter.role() == MeterRole.GRID;
        long[] imp = new long
                [rows.isEmpty() ? 0 : index(from, rows.get(rows.size() - 1).start()) + 1];
        long[] exp = new long[imp.length];
        // Quarter hours without a stored value stay -1: a gap in the chart, not a 0.
        java.util.Arrays.fill(imp, -1);
        java.util.Arrays.fill(exp, -1);
        List<Mark> marks = new ArrayList<>();
        long sumImp = 0;
        long sumExp = 0;
        int estimated = 0;
        double step = (double) SvgChart.WIDTH / (slots - 1);
        for (IntervalQueries.Interval i : rows) {
            int k = index(from, i.start());
            imp[k] = Math.max(imp[k], 0) + i.importWh();
            exp[k] = Math.max(exp[k], 0) + i.exportWh();
            sumImp += i.importWh();
            sumExp += i.exportWh();
            if (i.quality() != IntervalQuality.MEASURED) {
                marks.add(new Mark(
                        Math.max(0, k * step - step / 2), step, i.quality().name()));
                if (i.quality() == IntervalQuality.ESTIMATED) {
                    estimated++;
                }
            }
        }
        SvgChart.Lines chart = SvgChart.quarterHours(slots, exports ? List.of(imp, exp) : List.of(imp), 3);
        Day d = new Day(
                day,
                chart,
                marks,
                exports,
                sumImp,
                sumExp,
                rows.size(),
                estimated,
                readings.readings(name, from, to.plusMillis(1)),
                sourceRuns(rows));
        List<String> models = new ArrayList<>(topology.catalog().ids());
        java.util.Collections.sort(models);
        return Templates.meter(new View(
                notice,
                meter,
                history,
                Health.of(polling.polledMeter(name)),
                d,
                models,
                form,
                LocalDate.ofInstant(meter.installedAt(), zone()).toString(),
                today()));
    }

    /** Groups the day's quarter hours into runs of the same quality and source (file, message or person). */
    private List<SourceRun> sourceRuns(List<IntervalQueries.Interval> rows) {
        List<SourceRun> runs = new ArrayList<>();
        java.time.format.DateTimeFormatter hm = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
        int i = 0;
        while (i < rows.size()) {
            IntervalQueries.Interval first = rows.get(i);
            int j = i + 1;
            while (j < rows.size()
                    && rows.get(j).quality() == first.quality()
                    && sameSource(rows.get(j).source(), first.source())
                    && rows.get(j).start().equals(rows.get(j - 1).start().plusSeconds(Intervals.SECONDS))) {
                j++;
            }
            IntervalQueries.Interval last = rows.get(j - 1);
            ProvenanceView v = ProvenanceView.of(first.source());
            Long a = first.source().position();
            Long b = last.source().position();
            if (a != null && b != null && !a.equals(b)) {
                v = new ProvenanceView(v.kind(), v.reference(), Math.min(a, b) + "–" + Math.max(a, b), v.who());
            }
            runs.add(new SourceRun(
                    first.start().atZone(zone()).format(hm),
                    last.start().plusSeconds(Intervals.SECONDS).atZone(zone()).format(hm),
                    j - i,
                    first.quality().name(),
                    v));
            i = j;
        }
        return runs;
    }

    private static boolean sameSource(Provenance a, Provenance b) {
        return a.kind() == b.kind()
                && java.util.Objects.equals(a.reference(), b.reference())
                && java.util.Objects.equals(a.who(), b.who());
    }

    private static int index(Instant from, Instant start) {
        return (int) (Duration.between(from, start).toMinutes() / 15);
    }

    private LocalDate parseDay(String day) {
        if (day != null) {
            try {
                return LocalDate.parse(day);
            } catch (DateTimeParseException e) {
                // an unknown day shows today
            }
        }
        return today();
    }

    private LocalDate dayOf(String at) {
        try {
            return LocalDateTime.parse(at.strip().replace(' ', 'T')).toLocalDate();
        } catch (RuntimeException e) {
            return today();
        }
    }
}
