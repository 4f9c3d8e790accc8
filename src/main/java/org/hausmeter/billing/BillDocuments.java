package org.hausmeter.billing;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hausmeter.allocation.AllocationKey;
import org.hausmeter.billing.pdf.BillDocument;
import org.hausmeter.billing.pdf.BillPdfRenderer;
import org.hausmeter.billing.pdf.BillZip;
import org.hausmeter.building.BuildingSettings;
import org.hausmeter.charging.Chargers;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.TariffVersion;

/**
 * Turns a stored bill into the {@link BillDocument} printed on its PDF (issuer and contract facts from the
 * building settings, prices from the tariff of the period's first day, readings and history from the
 * bill's frozen content) and renders it. Deterministic: the same stored bill gives the same bytes.
 */
@ApplicationScoped
public class BillDocuments {

    /** A PDF and its file name in a ZIP. */
    public record NamedPdf(String name, byte[] pdf) {}

    private final AgroalDataSource dataSource;
    private final TariffStore tariffs;
    private final java.time.Clock clock;
    private final BillPdfRenderer renderer = new BillPdfRenderer();
    private final Chargers chargers;

    BillDocuments(AgroalDataSource dataSource, TariffStore tariffs, java.time.Clock clock, Chargers chargers) {
        this.dataSource = dataSource;
        this.tariffs = tariffs;
        this.clock = clock;
        this.chargers = chargers;
    }

    /** @return the PDF of a stored bill; a draft renders as a preview numbered "DRAFT-id" */
    public byte[] pdf(StoredBill b, BuildingSettings.Issuer issuer, BuildingSettings.Settings settings) {
        return renderer.render(document(b, issuer, settings));
    }

    /** Writes named PDFs into one ZIP, every entry dated {@code entryTime} (deterministic bytes). */
    public void zip(List<NamedPdf> files, java.time.LocalDateTime entryTime, OutputStream out) throws IOException {
        List<BillZip.Entry> entries = new ArrayList<>();
        for (NamedPdf f : files) {
            entries.add(new BillZip.Entry(f.name(), f.pdf()));
        }
        BillZip.write(entries, entryTime, out);
    }

    /** @return what the bill's PDF shows */
    public BillDocument document(StoredBill b, BuildingSettings.Issuer issuer, BuildingSettings.Settings settings) {
        if (!issuer.missing().isEmpty()) {
            throw new BillingException(
                    BillingException.Kind.CONFLICT,
                    "Enter the co-op's " + issuer.missing()
                            + " under Settings first: a bill must show them (§ 14 UStG, § 40 EnWG)");
        }
        boolean de = !"en".equals(b.language());
        Currency currency = Currency.getInstance(b.currency());
        BillContent c = b.content();
        LocalDate first = c.firstDay();
        LocalDate last = c.lastDay();
        String number = b.number() == null ? "DRAFT-" + b.id() : b.number();
        LocalDate issueDate = b.issueDate() == null ? LocalDate.now(clock.withZone(settings.zone())) : b.issueDate();
        LocalDate dueDate = b.dueDate() == null ? issueDate.plusDays(issuer.paymentDays()) : b.dueDate();
        String[] tenancy = tenancy(b.tenancyId(), settings);

        BillDocument.Issuer is = new BillDocument.Issuer(
                issuer.name(),
                issuer.address(),
                issuer.taxNumber(),
                issuer.vatId(),
                issuer.registerCourt(),
                issuer.registerNumber(),
                issuer.board(),
                issuer.phone(),
                issuer.email(),
                issuer.iban(),
                issuer.bankName());
        List<String> recipientLines = new ArrayList<>();
        recipientLines.add((de ? "Wohnung " : "Apartment ") + b.apartmentCode());
        List<String> addr = issuer.address();
        recipientLines.addAll(addr.size() > 1 ? addr.subList(addr.size() - 2, addr.size()) : addr);
        BillDocument.Recipient recipient =
                new BillDocument.Recipient(b.residentName(), recipientLines, "T-" + b.tenancyId());

        TariffVersion v = tariffs.book().versionAt(first);
        List<BillDocument.Price> prices = new ArrayList<>();
        for (PriceWindows.Row w : PriceWindows.rows(v.gridPrice(), de)) {
            String label = de ? "Netzstrom" : "Grid electricity";
            prices.add(new BillDocument.Price(
                    w.when().isEmpty() ? label : label + " " + w.when(), QuantityUnit.KWH, w.perKwh(), v.vatRate()));
        }
        prices.add(new BillDocument.Price(
                de ? "Solarstrom vom Dach" : "Rooftop solar electricity",
                QuantityUnit.KWH,
                v.pvPrice().perKwh(),
                v.vatRate()));
        prices.add(new BillDocument.Price(
                de ? "Grundpreis" : "Base fee",
                QuantityUnit.MONTH,
                v.baseFeePerMonth().amount(),
                v.vatRate()));
        prices.add(new BillDocument.Price(
                de ? "Laden: Solarstrom" : "EV charging: solar",
                QuantityUnit.KWH,
                v.evPvPrice().perKwh(),
                v.vatRate()));
        prices.add(new BillDocument.Price(
                de ? "Laden: Netzstrom" : "EV charging: grid",
                QuantityUnit.KWH,
                v.evGridPrice().perKwh(),
                v.vatRate()));
        BillDocument.Contract contract = new BillDocument.Contract(
                de ? "Hausstrom " + issuer.name() : "House electricity " + issuer.name(),
                LocalDate.parse(tenancy[0]),
                de ? "unbefristet, monatliche Abrechnung" : "open-ended, billed monthly",
                issuer.noticePeriod(),
                null,
                issuer.meteringOperator(),
                issuer.marketLocationId(),
                gridOperator(issuer.gridOperator()),
                prices);

        List<BillDocument.MeterReading> meters = new ArrayList<>();
        long consumption = c.consumptionWh();
        // Imported quarter-hour values need no counter readings: such a meter is listed without them, and the
        // energy paragraph names the source (docs/bill-pdf.md, "Energy from imported quarter-hour values"). So is a
        // meter of a period with missing data, which is issued only on the caretaker's decision (Bills.issue).
        boolean imported = c.importedIntervals() != null && c.importedIntervals() > 0 || c.incomplete();
        for (BillContent.MeterCounters m : c.meters()) {
            Long s = m.startWh();
            Long e = m.endWh();
            if (s == null && e == null) {
                if (imported) {
                    meters.add(BillDocument.MeterReading.withoutReadings(m.meter(), m.meter()));
                }
                continue;
            }
            long start = s != null ? s : e - consumption;
            long end = e != null ? e : start + consumption;
            meters.add(new BillDocument.MeterReading(
                    m.meter(),
                    (de ? "Wohnung " : "Apartment ") + b.apartmentCode(),
                    kwh(start),
                    s == null ? BillDocument.ReadingSource.ESTIMATED : source(m.startSource()),
                    kwh(end),
                    e == null ? BillDocument.ReadingSource.ESTIMATED : source(m.endSource())));
        }
        if (meters.isEmpty()) {
            throw new BillingException(
                    BillingException.Kind.CONFLICT,
                    "Apartment " + b.apartmentCode() + " has no meter reading near " + first + " or " + last
                            + ": enter one before issuing");
        }

        List<BillLine> lines = new ArrayList<>();
        Map<String, String> chargerNames = chargerNames(b.lines());
        for (StoredLine l : b.lines()) {
            lines.add(withChargerName(l.toBillLine(currency), chargerNames));
        }
        List<VatTotal> vat = new ArrayList<>();
        for (BillContent.Vat total : c.vatTotals()) {
            vat.add(total.toVatTotal(currency));
        }
        List<BillDocument.MonthlyConsumption> history = new ArrayList<>();
        for (BillContent.HistoryMonth m : c.history()) {
            history.add(
                    new BillDocument.MonthlyConsumption(m.month(), kwh(m.consumptionWh() - m.pvWh()), kwh(m.pvWh())));
        }
        Long lastYear = c.lastYearWh();
        Long median = c.medianApartmentWh();
        BillDocument.Comparison comparison = new BillDocument.Comparison(
                kwh(consumption), lastYear == null ? null : kwh(lastYear), median == null ? null : kwh(median));
        List<String> notes = new ArrayList<>();
        long pvWh = c.pvWh();
        notes.add((de ? "Solaranteil Ihres Verbrauchs: " : "Solar share of your consumption: ")
                + percent(pvWh, consumption, de)
                + ". "
                + allocationKeyInWords(c.allocationKey(), de));
        List<BillContent.Flag> flags = c.flags();
        if (!flags.isEmpty()) {
            notes.add(
                    de
                            ? flags.size() + " Prüfhinweis(e) der Messdaten im Zeitraum wurden vom Hauswart geprüft."
                            : flags.size() + " metering review note(s) in the period were checked by the caretaker.");
        }
        if (b.replaces() != null) {
            notes.add(
                    de
                            ? "Diese Rechnung ersetzt die stornierte Rechnung " + b.replaces() + "."
                            : "This bill replaces the cancelled bill " + b.replaces() + ".");
        }
        BillDocument.CancelledBill cancels = b.isCancellation()
                ? new BillDocument.CancelledBill(b.cancels(), b.cancelsIssueDate(), b.reason())
                : null;
        return new BillDocument(
                b.isCancellation() ? BillDocument.Kind.CANCELLATION : BillDocument.Kind.INVOICE,
                number,
                issueDate,
                dueDate,
                de ? "de" : "en",
                is,
                recipient,
                b.apartmentCode(),
                tenancy[1],
                first,
                last,
                contract,
                meters,
                currency,
                lines,
                vat,
                Money.of(currency, b.net()),
                Money.of(currency, b.vat()),
                Money.of(currency, b.gross()),
                c.estimatedIntervals(),
                c.intervals(),
                history,
                comparison,
                cancels,
                notes,
                energy(c));
    }

    /** @return the energy paragraph of a bill whose content records completeness, else null (older bills) */
    private static BillDocument.Energy energy(BillContent c) {
        String source = c.energySource();
        if (source == null) {
            return null;
        }
        return new BillDocument.Energy(
                kwh(c.consumptionWh()),
                BillDocument.EnergySource.valueOf(source),
                c.coveredIntervals(),
                c.importedIntervals());
    }

    /** How the building's solar energy was shared, in words (one sentence): the allocation key as the bill names it. */
    static String allocationKeyInWords(String key, boolean de) {
        AllocationKey k;
        try {
            k = AllocationKey.valueOf(key);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("Bill content names an unknown allocation key [" + key + "]", e);
        }
        String split = de
                ? "Der Solarstrom vom Hausdach wird jede Viertelstunde "
                : "The rooftop solar energy is split every quarter hour ";
        return split
                + switch (k) {
                    case DYNAMIC_PROPORTIONAL ->
                        de
                                ? "im Verhältnis zum Verbrauch der Wohnungen aufgeteilt (dynamischer Schlüssel)."
                                : "in proportion to the apartments' consumption (dynamic key).";
                    case STATIC_SHARES ->
                        de
                                ? "nach festen Anteilen (Wohnfläche) aufgeteilt; was eine Wohnung nicht nutzt, wird"
                                        + " eingespeist (statischer Schlüssel)."
                                : "by fixed shares (floor area); what an apartment does not use is fed into the grid"
                                        + " (static key).";
                    case STATIC_WITH_REDISTRIBUTION ->
                        de
                                ? "nach festen Anteilen (Wohnfläche) aufgeteilt; was eine Wohnung nicht nutzt, geht an"
                                        + " die anderen Wohnungen."
                                : "by fixed shares (floor area); what an apartment does not use goes to the other"
                                        + " apartments.";
                    case EQUAL_SHARES ->
                        de
                                ? "zu gleichen Teilen aufgeteilt; was eine Wohnung nicht nutzt, wird eingespeist."
                                : "in equal shares; what an apartment does not use is fed into the grid.";
                    case EQUAL_SHARES_WITH_REDISTRIBUTION ->
                        de
                                ? "zu gleichen Teilen aufgeteilt; was eine Wohnung nicht nutzt, geht an die anderen"
                                        + " Wohnungen."
                                : "in equal shares; what an apartment does not use goes to the other apartments.";
                };
    }

    /**
     * The grid operator as the bill prints it: its name and code number (13 digits, BDEW/DVGW), or null, which
     * leaves the line out, when the setting is empty or holds no code number (never a wrong value on a bill).
     */
    static String gridOperator(String setting) {
        if (setting == null || setting.isBlank()) {
            return null;
        }
        String s = setting.strip();
        boolean code = GRID_CODE.matcher(s).find();
        boolean name = s.chars().anyMatch(Character::isLetter);
        return code && name ? s : null;
    }

    private static final java.util.regex.Pattern GRID_CODE = java.util.regex.Pattern.compile("(?<!\\d)\\d{13}(?!\\d)");

    /** Key prefix in {@link #chargerNames}'s map: the session's meter values came signed. */
    private static final String SIGNED = "signed:";

    /**
     * The charger names of the bill's EV sessions, by session id (a session's charger, named as configured now), and
     * {@code signed:<id>} for a session with signed meter values ({@code charging_session.signed_data}).
     */
    private Map<String, String> chargerNames(List<StoredLine> lines) {
        Map<String, String> names = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT charger, signed_data IS NOT NULL FROM charging_session WHERE id = ?")) {
            for (StoredLine l : lines) {
                String session = l.details().get("session");
                if (!BillCalculator.EV_SESSION.equals(l.key()) || session == null || !session.matches("\\d{1,18}")) {
                    continue;
                }
                ps.setLong(1, Long.parseLong(session));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        if (rs.getBoolean(2)) {
                            names.put(SIGNED + session, "true");
                        }
                        // a charger no longer configured has no name to print: the line then shows the date only
                        chargers.byId(rs.getString(1))
                                .map(Chargers.Charger::name)
                                .ifPresent(name -> names.put(session, name));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the chargers of the bill's EV sessions: " + e.getMessage(), e);
        }
        return names;
    }

    /** An EV line with its charger's name among the details ({@code charger}), for the bill's line title. */
    private static BillLine withChargerName(BillLine l, Map<String, String> chargerNames) {
        String name = chargerNames.get(l.details().get("session"));
        boolean signed = chargerNames.containsKey(SIGNED + l.details().get("session"));
        if (!BillCalculator.EV_SESSION.equals(l.key()) || (name == null && !signed)) {
            return l;
        }
        Map<String, String> details = new LinkedHashMap<>(l.details());
        if (name != null) {
            details.put("charger", name);
        }
        if (signed) {
            // the wallbox signed the session's meter values (OCPP SignedData, e.g. OCMF): printed as "signed"
            details.put("signed", "true");
        }
        return new BillLine(l.key(), l.quantity(), l.unit(), l.unitPrice(), l.net(), l.vatRate(), details);
    }

    private String[] tenancy(long id, BuildingSettings.Settings settings) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT t.move_in, a.name FROM tenancy t JOIN apartment a ON a.id = t.apartment_id WHERE t.id = ?""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new String[] {
                    LocalDate.ofInstant(rs.getTimestamp(1).toInstant(), settings.zone())
                            .toString(),
                    rs.getString(2)
                };
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read tenancy [" + id + "]: " + e.getMessage(), e);
        }
    }

    private static BillDocument.ReadingSource source(String s) {
        if (s == null) {
            return BillDocument.ReadingSource.ESTIMATED;
        }
        return switch (s) {
            case "POLL" -> BillDocument.ReadingSource.REMOTE;
            case "ESTIMATED" -> BillDocument.ReadingSource.ESTIMATED;
            case "IMPORT" -> BillDocument.ReadingSource.IMPORTED;
            default -> BillDocument.ReadingSource.MANUAL;
        };
    }

    private static BigDecimal kwh(long wh) {
        return BigDecimal.valueOf(Math.max(0, wh), 3);
    }

    private static String percent(long part, long whole, boolean de) {
        if (whole == 0) {
            return de ? "0 %" : "0%";
        }
        BigDecimal p =
                BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, java.math.RoundingMode.HALF_UP);
        return de ? p.toPlainString().replace('.', ',') + " %" : p.toPlainString() + "%";
    }
}
