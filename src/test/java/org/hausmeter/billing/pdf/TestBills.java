package org.hausmeter.billing.pdf;

import static org.hausmeter.tariff.TestTariffs.EUR;
import static org.hausmeter.tariff.TestTariffs.VAT_19;
import static org.hausmeter.tariff.TestTariffs.eur;
import static org.hausmeter.tariff.TestTariffs.ntHt;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.hausmeter.billing.Adjustment;
import org.hausmeter.billing.BillCalculator;
import org.hausmeter.billing.BillDraft;
import org.hausmeter.billing.BillLine;
import org.hausmeter.billing.BillRequest;
import org.hausmeter.billing.EvSession;
import org.hausmeter.billing.QuantityUnit;
import org.hausmeter.billing.pdf.BillDocument.Comparison;
import org.hausmeter.billing.pdf.BillDocument.Contract;
import org.hausmeter.billing.pdf.BillDocument.Issuer;
import org.hausmeter.billing.pdf.BillDocument.MeterReading;
import org.hausmeter.billing.pdf.BillDocument.MonthlyConsumption;
import org.hausmeter.billing.pdf.BillDocument.Price;
import org.hausmeter.billing.pdf.BillDocument.ReadingSource;
import org.hausmeter.billing.pdf.BillDocument.Recipient;
import org.hausmeter.tariff.DaySchedule;
import org.hausmeter.tariff.GridPrice;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.Season;
import org.hausmeter.tariff.TariffBook;
import org.hausmeter.tariff.TariffVersion;
import org.hausmeter.tariff.VatRate;

/**
 * Bill documents for the PDF tests. The amounts are those of docs/billing-worked-example.md, computed by
 * the real {@link BillCalculator}: lines 2.56, 7.50, 0.99, 0.99, 0.16, 0.48, 0.03, 2.80, −1.50, 2.50;
 * net 16.51, VAT 2.66, gross 19.17.
 */
final class TestBills {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final VatRate VAT_0 = VatRate.of("0");

    private final String language;
    private List<MonthlyConsumption> history = history12();
    private Comparison comparison =
            new Comparison(new BigDecimal("41.400"), new BigDecimal("45.250"), new BigDecimal("38.900"));
    private List<String> notes = new ArrayList<>();
    private String recipientName = "Jürgen Schäfer";
    private String evGroup = org.hausmeter.tariff.EvPrices.DEFAULT_GROUP;
    private boolean signed;

    private TestBills(String language) {
        this.language = language;
    }

    static TestBills invoice(String language) {
        return new TestBills(language);
    }

    TestBills history(List<MonthlyConsumption> months) {
        this.history = months;
        return this;
    }

    TestBills comparison(Comparison c) {
        this.comparison = c;
        return this;
    }

    TestBills note(String note) {
        notes.add(note);
        return this;
    }

    /** The EV session's card group (the tariff has no group prices: it pays the resident prices). */
    TestBills evGroup(String group) {
        this.evGroup = group;
        return this;
    }

    /** The EV session's meter values came signed from the wallbox (OCMF), as the bill workflow marks it. */
    TestBills signed() {
        this.signed = true;
        return this;
    }

    TestBills recipientName(String name) {
        this.recipientName = name;
        return this;
    }

    BillDocument build() {
        BillDraft draft = workedExampleDraft(evGroup);
        boolean de = "de".equals(language);
        Issuer issuer = new Issuer(
                "Wohnungsgenossenschaft Lindenhof eG",
                List.of("Lindenstraße 12", "04109 Leipzig"),
                "231/123/45678",
                null,
                "Amtsgericht Leipzig",
                "GnR 456",
                List.of("Anna Groß", "Jörg Weiß"),
                "0341 1234567",
                "strom@lindenhof-eg.example",
                "DE02 1203 0000 0000 2020 51",
                "Sparkasse Leipzig");
        Recipient recipient =
                new Recipient(recipientName, List.of("Lindenstraße 12, Whg. 3.2", "04109 Leipzig"), "M-0815");
        Contract contract = new Contract(
                de ? "Stromliefervertrag Gebäudestrom" : "Building electricity supply contract",
                LocalDate.of(2024, 5, 1),
                de ? "unbefristet" : "open-ended",
                de ? "1 Monat zum Monatsende" : "1 month to the end of a month",
                LocalDate.of(2026, 8, 31),
                de
                        ? "Wohnungsgenossenschaft Lindenhof eG (eigene Unterzähler)"
                        : "Wohnungsgenossenschaft Lindenhof eG (own sub-meters)",
                null,
                "Netz Leipzig GmbH, 9900000000003",
                List.of(
                        new Price(
                                de
                                        ? "Netzstrom NT (Sommer, 22 bis 6 Uhr und Wochenende)"
                                        : "Grid electricity NT (summer, 10 pm to 6 am and weekends)",
                                QuantityUnit.KWH,
                                new BigDecimal("0.2137"),
                                VAT_19),
                        new Price(
                                de
                                        ? "Netzstrom HT (Sommer, Mo bis Fr 6 bis 22 Uhr)"
                                        : "Grid electricity HT (summer, Mon to Fri 6 am to 10 pm)",
                                QuantityUnit.KWH,
                                new BigDecimal("0.31254"),
                                VAT_19),
                        new Price(
                                de ? "Solarstrom vom Hausdach" : "Solar electricity from the roof",
                                QuantityUnit.KWH,
                                new BigDecimal("0.1825"),
                                VAT_19),
                        new Price(de ? "Grundpreis" : "Base fee", QuantityUnit.MONTH, new BigDecimal("9.85"), VAT_19)));
        List<MeterReading> meters = List.of(
                new MeterReading(
                        "1ESY1161234567",
                        de ? "Wohnung A-3.2" : "Apartment A-3.2",
                        new BigDecimal("12345.678"),
                        ReadingSource.REMOTE,
                        new BigDecimal("12387.078"),
                        ReadingSource.REMOTE),
                new MeterReading(
                        "1EBZ0100555555",
                        de ? "Wallbox Stellplatz 7" : "Wallbox parking space 7",
                        new BigDecimal("2345.000"),
                        ReadingSource.MANUAL,
                        new BigDecimal("2355.000"),
                        ReadingSource.ESTIMATED));
        return new BillDocument(
                BillDocument.Kind.INVOICE,
                "2026-0007",
                LocalDate.of(2026, 7, 3),
                LocalDate.of(2026, 7, 17),
                language,
                issuer,
                recipient,
                "A-3.2",
                de ? "3. OG links" : "3rd floor left",
                LocalDate.of(2026, 6, 1),
                LocalDate.of(2026, 6, 3),
                contract,
                meters,
                draft.currency(),
                withCharger(draft.lines(), signed),
                draft.vatTotals(),
                draft.net(),
                draft.vat(),
                draft.gross(),
                4,
                288,
                history,
                comparison,
                null,
                notes);
    }

    /** July 2025 to June 2026, more PV in summer. */
    static List<MonthlyConsumption> history12() {
        int[] grid = {118, 126, 140, 171, 205, 236, 241, 214, 188, 150, 128, 36};
        int[] pv = {74, 66, 48, 27, 10, 6, 8, 15, 33, 56, 71, 5};
        List<MonthlyConsumption> months = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            months.add(new MonthlyConsumption(
                    YearMonth.of(2025, 7).plusMonths(i),
                    BigDecimal.valueOf(grid[i] * 1000L + 123, 3),
                    BigDecimal.valueOf(pv[i] * 1000L + 456, 3)));
        }
        return months;
    }

    /** The request of docs/billing-worked-example.md, priced by the real engine. */
    static BillDraft workedExampleDraft() {
        return workedExampleDraft(org.hausmeter.tariff.EvPrices.DEFAULT_GROUP);
    }

    static BillDraft workedExampleDraft(String evGroup) {
        TariffVersion tariff = new TariffVersion(
                LocalDate.of(2026, 1, 1),
                GridPrice.timeOfUse(
                        Season.of(
                                "summer",
                                Month.APRIL,
                                Month.SEPTEMBER,
                                ntHt("0.2137", "0.31254"),
                                DaySchedule.allDay("NT", eur("0.2137"))),
                        Season.of(
                                "winter",
                                Month.OCTOBER,
                                Month.MARCH,
                                ntHt("0.2237", "0.3325"),
                                DaySchedule.allDay("NT", eur("0.2237")))),
                eur("0.1825"),
                Money.of(EUR, "9.85"),
                eur("0.2000"),
                eur("0.3400"),
                eur("0.0803"),
                VAT_19);
        Instant from = LocalDate.of(2026, 6, 1).atStartOfDay(BERLIN).toInstant();
        Instant to = LocalDate.of(2026, 6, 4).atStartOfDay(BERLIN).toInstant();
        int n = 3 * 96;
        long[] grid = new long[n];
        long[] commonGrid = new long[n];
        long[] pv = new long[n];
        long[] commonPv = new long[n];
        Arrays.fill(grid, 125);
        Arrays.fill(commonGrid, 8);
        for (int i = 0; i < n; i++) {
            if (i % 96 >= 40 && i % 96 < 64) {
                pv[i] = 75;
                commonPv[i] = 2;
            }
        }
        BitSet estimated = new BitSet();
        estimated.set(40, 44);
        BillRequest request = new BillRequest(
                from,
                to,
                BERLIN,
                TariffBook.of(tariff),
                grid,
                pv,
                estimated,
                commonGrid,
                commonPv,
                List.of(new EvSession(
                        "ev-0602",
                        Instant.parse("2026-06-02T16:00:00Z"),
                        Instant.parse("2026-06-02T19:00:00Z"),
                        5_679,
                        4_321,
                        evGroup)),
                List.of(
                        new Adjustment("Credit for estimated readings on 1 June", Money.of(EUR, "-1.50"), VAT_19),
                        new Adjustment("Reminder fee", Money.of(EUR, "2.50"), VAT_0)));
        return BillCalculator.calculate(request);
    }

    /** The EV line with its charger's name, as the bill workflow adds it from the session's charger. */
    private static List<BillLine> withCharger(List<BillLine> lines, boolean signed) {
        List<BillLine> out = new java.util.ArrayList<>();
        for (BillLine l : lines) {
            if (BillCalculator.EV_SESSION.equals(l.key())) {
                Map<String, String> d = new java.util.LinkedHashMap<>(l.details());
                d.put("charger", "Garage 2");
                if (signed) {
                    d.put("signed", "true");
                }
                l = new BillLine(l.key(), l.quantity(), l.unit(), l.unitPrice(), l.net(), l.vatRate(), d);
            }
            out.add(l);
        }
        return out;
    }
}
