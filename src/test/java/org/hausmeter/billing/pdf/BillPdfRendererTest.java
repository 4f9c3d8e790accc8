package org.hausmeter.billing.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hausmeter.billing.BillLine;
import org.hausmeter.billing.QuantityUnit;
import org.hausmeter.billing.VatTotal;
import org.hausmeter.billing.pdf.BillDocument.Comparison;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.TestTariffs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders bills and reads them back with {@code pdftotext -layout}: the numbers printed must be those of
 * docs/billing-worked-example.md. Rows are compared with runs of spaces collapsed to one.
 */
class BillPdfRendererTest {

    static BillPdfRenderer renderer;

    @TempDir
    Path dir;

    @BeforeAll
    static void renderer() {
        renderer = new BillPdfRenderer();
    }

    /**
     * The collapsed text. pdftotext sometimes drops the narrow space of a right-aligned German "0 %", so
     * German percent signs get their space back.
     */
    private String text(BillDocument d) {
        String text = collapse(Poppler.text(renderer.render(d), dir));
        return "de".equals(d.language()) ? text.replaceAll("(\\d)%", "$1 %") : text;
    }

    /** Each line stripped, runs of spaces collapsed. */
    private static String collapse(String layoutText) {
        return layoutText.lines().map(l -> l.strip().replaceAll(" {2,}", " ")).reduce("", (a, b) -> a + b + "\n");
    }

    /** All whitespace, line ends included, collapsed: for prose that may wrap. */
    private static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }

    private static BillDocument cancellation(String language) {
        return TestBills.invoice(language)
                .build()
                .cancelledBy(
                        "2026-0012",
                        LocalDate.of(2026, 7, 10),
                        LocalDate.of(2026, 7, 24),
                        "de".equals(language)
                                ? "Zählerstand der Wallbox falsch übernommen"
                                : "Wallbox reading taken over wrongly");
    }

    /** The worked example with its wallbox meter's values imported as quarter hours (no readings), both sources. */
    private static BillDocument mixed(String language) {
        BillDocument d = TestBills.invoice(language).build();
        List<BillDocument.MeterReading> meters =
                List.of(d.meters().get(0), BillDocument.MeterReading.withoutReadings("1EBZ0100555555", "Wallbox 7"));
        return new BillDocument(
                d.kind(),
                d.number(),
                d.issueDate(),
                d.dueDate(),
                d.language(),
                d.issuer(),
                d.recipient(),
                d.apartmentCode(),
                d.apartmentName(),
                d.periodFirst(),
                d.periodLast(),
                d.contract(),
                meters,
                d.currency(),
                d.lines(),
                d.vatTotals(),
                d.net(),
                d.vat(),
                d.gross(),
                d.estimatedIntervals(),
                d.totalIntervals(),
                d.history(),
                d.comparison(),
                d.cancels(),
                d.notes(),
                new BillDocument.Energy(new BigDecimal("51.400"), BillDocument.EnergySource.MIXED, 286, 96));
    }

    @Test
    void importedQuarterHours_showTheEnergyAndItsSource_andTheReadingsWhereTheyExist() {
        String en = flat(text(mixed("en")));
        assertThat(en)
                .contains("1ESY1161234567 12,345.678 kWh Remote reading 12,387.078 kWh Remote reading 41.400 kWh")
                .contains("1EBZ0100555555 – no reading – no reading –")
                .contains("Consumption in the period: 51.400 kWh, determined from meter readings and imported"
                        + " quarter-hour values (96 of the 286 quarter hours with a value imported). Values exist"
                        + " for 286 of 288 quarter hours.");
        String de = flat(text(mixed("de")));
        assertThat(de)
                .contains("1EBZ0100555555 – keine Ablesung – keine Ablesung –")
                .contains("Verbrauch im Zeitraum: 51,400 kWh, ermittelt aus Zählerständen und importierten"
                        + " Viertelstundenwerten (96 der 286 Viertelstunden mit Messwert importiert). Messwerte"
                        + " liegen für 286 von 288 Viertelstunden vor.");
        assertThatThrownBy(() -> new BillDocument.MeterReading("m", "m", null, null, new BigDecimal("1"), null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void evLineOfAnotherCardGroup_namesTheGroupAndWhosePricesItPaid() {
        String de = text(TestBills.invoice("de").evGroup("GUEST").build());
        assertThat(flat(de)).contains("Preisgruppe Gast (ohne eigene Preise: Preise Bewohner)");
        String en = text(TestBills.invoice("en").evGroup("CARSHARING").build());
        assertThat(flat(en)).contains("price group car-sharing (no prices of its own: resident prices)");
        assertThat(text(TestBills.invoice("de").build())).doesNotContain("Preisgruppe");
    }

    @Test
    void germanInvoice_printsEveryLineOfTheWorkedExample() {
        String text = text(TestBills.invoice("de").build());

        assertThat(text)
                .contains(
                        "1 Netzstrom (Tarifzeit NT) 12,000 kWh 0,2137 € 2,56 € 19 %",
                        "2 Netzstrom (Tarifzeit HT) 24,000 kWh 0,31254 € 7,50 € 19 %",
                        "3 Solarstrom vom Hausdach 5,400 kWh 0,1825 € 0,99 € 19 %",
                        "4 Grundpreis 3 Tage 0,328333 € 0,99 € 19 %",
                        "5 Allgemeinstrom (Ihr Anteil), Netzstrom (Tarifzeit NT) 0,768 kWh 0,2137 € 0,16 € 19 %",
                        "6 Allgemeinstrom (Ihr Anteil), Netzstrom (Tarifzeit HT) 1,536 kWh 0,31254 € 0,48 € 19 %",
                        "7 Allgemeinstrom (Ihr Anteil), Solarstrom 0,144 kWh 0,1825 € 0,03 € 19 %",
                        "8 Laden Elektrofahrzeug am 02.06.2026, Garage 2 10,000 kWh 0,279506 € 2,80 € 19 %",
                        "9 Nachlass: Credit for estimated readings on 1 June 1 Stück -1,50 € -1,50 € 19 %",
                        "10 Zusatzposten: Reminder fee 1 Stück 2,50 € 2,50 € 0 %");
        assertThat(text)
                .contains(
                        "9,85 € je Monat, anteilig für 3 von 30 Tagen",
                        "4 von 192 Viertelstunden geschätzt",
                        "18:00 bis 21:00",
                        "Solaranteil 43,2 %")
                .as("the session's day is in its title, not repeated in the details")
                .doesNotContain("02.06.2026 18:00");
    }

    @Test
    void germanInvoice_printsVatPerRateAndTotals() {
        String text = text(TestBills.invoice("de").build());

        assertThat(text)
                .contains(
                        "0 % 2,50 € 0,00 € 2,50 €",
                        "19 % 14,01 € 2,66 € 16,67 €",
                        "Nettobetrag 16,51 €",
                        "Umsatzsteuer 2,66 €",
                        "Rechnungsbetrag 19,17 €");
        assertThat(text).containsPattern("Rechnungsbetrag 19,17 € Fällig am 17.07.2026");
        assertThat(text)
                .contains(
                        "Bitte überweisen Sie 19,17 € bis zum 17.07.2026 auf unser Konto DE02 1203 0000 0000 2020 51");
        assertThat(flat(text)).contains("Posten mit 0 % sind keine Stromlieferung");
    }

    @Test
    void germanInvoice_printsHeaderPeriodParties() {
        String text = text(TestBills.invoice("de").build());

        assertThat(text)
                .contains(
                        "Rechnungsnummer 2026-0007",
                        "Rechnungsdatum 03.07.2026",
                        "Leistungszeitraum 01.06.2026 – 03.06.2026",
                        "Fällig am 17.07.2026",
                        "Wohnung A-3.2 · 3. OG links",
                        "Mitgliedsnummer M-0815");
        assertThat(text).containsPattern("(?m)^Rechnung$");
        assertThat(text).contains("Jürgen Schäfer", "Lindenstraße 12, Whg. 3.2", "04109 Leipzig");
        assertThat(text)
                .contains(
                        "Wohnungsgenossenschaft Lindenhof eG",
                        "Amtsgericht Leipzig, GnR 456",
                        "Steuernummer 231/123/45678",
                        "Vorstand: Anna Groß, Jörg Weiß",
                        "Telefon 0341 1234567",
                        "E-Mail strom@lindenhof-eg.example",
                        "IBAN DE02 1203 0000 0000 2020 51");
        assertThat(text).contains("Seite 1 von 3", "Seite 3 von 3");
        assertThat(text).doesNotContain("Gutschrift", "Invoice");
    }

    @Test
    void germanInvoice_printsMeterReadingsAndHowTheyWereObtained() {
        String text = text(TestBills.invoice("de").build());

        assertThat(text)
                .contains(
                        "1ESY1161234567 12.345,678 kWh Fernauslesung 12.387,078 kWh Fernauslesung 41,400 kWh",
                        "1EBZ0100555555 2.345,000 kWh Ablesung 2.355,000 kWh Schätzung 10,000 kWh");
        assertThat(text)
                .contains(
                        "Anfangsstand: Zählerstand am 01.06.2026 um 0:00 Uhr. Endstand: Zählerstand am 03.06.2026 um 24:00 Uhr.");
        assertThat(text)
                .contains("Geschätzte Viertelstundenwerte in diesem Zeitraum: 4 von 288 Viertelstunden (1,4 %).");
        assertThat(text).contains("Anteil Solarstrom vom Hausdach an Ihrem Wohnungsverbrauch: 13 %.");
    }

    @Test
    void germanInvoice_printsChartsWithLabels() {
        String text = text(TestBills.invoice("de").build());

        assertThat(text).contains("Ihr Verbrauch in den letzten 12 Monaten", "Netzstrom Solarstrom vom Hausdach");
        assertThat(text)
                .contains("Jul 25 Aug 25 Sep 25 Okt 25 Nov 25 Dez 25 Jan 26 Feb 26 Mär 26 Apr 26 Mai 26 Jun 26");
        // bar labels: grid + PV of each month, e.g. July 2025 118.123 + 74.456 = 192.579 → 193, January 241.123 + 8.456
        // → 250
        String chart =
                text.substring(text.indexOf("Ihr Verbrauch in den letzten 12 Monaten"), text.indexOf("Jul 25 Aug 25"));
        List<String> labels = List.of(chart.split("\\s+"));
        assertThat(labels).contains("193", "189", "199", "216", "243", "250", "230", "222", "207", "200", "42");
        assertThat(labels).containsSubsequence("300", "200", "100", "0");
        assertThat(text)
                .contains(
                        "Dieser Zeitraum 41,400 kWh",
                        "Gleicher Zeitraum im Vorjahr 45,250 kWh",
                        "Mittlere Wohnung im Haus (Median) 38,900 kWh");
        // 41.4 / 45.25 = −8.5 % → −9 %; 41.4 / 38.9 = +6.4 % → +6 %
        assertThat(text).contains("Gegenüber dem Vorjahreszeitraum: -9 %.", "Gegenüber der mittleren Wohnung: +6 %.");
    }

    @Test
    void anEvLineWithSignedMeterValues_saysSo_inBothLanguages() {
        assertThat(flat(text(TestBills.invoice("de").signed().build()))).contains("Messwerte signiert (OCMF)");
        assertThat(flat(text(TestBills.invoice("en").signed().build()))).contains("meter values signed (OCMF)");
        assertThat(flat(text(TestBills.invoice("de").build()))).doesNotContain("signiert");
    }

    @Test
    void germanInvoice_printsContractPricesAndConsumerRights() {
        String text = text(TestBills.invoice("de")
                .note("Ab 1. Januar 2027 gilt ein neuer Grundpreis.")
                .build());

        assertThat(text)
                .contains(
                        "Vertragsbeginn 01.05.2024",
                        "Vertragsdauer unbefristet",
                        "Kündigungsfrist 1 Monat zum Monatsende",
                        "Nächstmöglicher Kündigungstermin 31.08.2026",
                        "Messstellenbetreiber Wohnungsgenossenschaft Lindenhof eG (eigene Unterzähler)",
                        "Netzbetreiber (Codenummer) Netz Leipzig GmbH, 9900000000003",
                        "Marktlokation (Identifikationsnummer) keine eigene Marktlokation");
        // gross prices: 0.31254 × 1.19 = 0.3719226 → 0,37192 €; 9.85 × 1.19 = 11.7215 → 11,72 €
        assertThat(text)
                .contains(
                        "Netzstrom HT (Sommer, Mo bis Fr 6 bis 22 Uhr) 0,31254 € / kWh 19 % 0,37192 € / kWh",
                        "Grundpreis 9,85 € / Monat 19 % 11,72 € / Monat");
        assertThat(flat(text))
                .contains(
                        "Schlichtungsstelle Energie e.V.",
                        "Friedrichstraße 133, 10117 Berlin",
                        "Verbraucherservice Energie der Bundesnetzagentur");
        assertThat(text).contains("Ab 1. Januar 2027 gilt ein neuer Grundpreis.");
    }

    @Test
    void englishInvoice_usesEnglishTextsAndFormats() {
        String text = text(TestBills.invoice("en").build());

        assertThat(text).containsPattern("(?m)^Invoice$");
        assertThat(text)
                .contains(
                        "Invoice number 2026-0007",
                        "Invoice date 3 Jul 2026",
                        "Supply period 1 Jun 2026 – 3 Jun 2026",
                        "Due on 17 Jul 2026");
        assertThat(text)
                .contains(
                        "1 Grid electricity (time band NT) 12.000 kWh €0.2137 €2.56 19%",
                        "4 Base fee 3 days €0.328333 €0.99 19%",
                        "9 Reduction: Credit for estimated readings on 1 June 1 pc. -€1.50 -€1.50 19%",
                        "10 Additional item: Reminder fee 1 pc. €2.50 €2.50 0%");
        assertThat(text).contains("19% €14.01 €2.66 €16.67", "Invoice total €19.17", "Amount due €19.17");
        assertThat(text)
                .contains(
                        "1ESY1161234567 12,345.678 kWh Remote reading 12,387.078 kWh Remote reading 41.400 kWh",
                        "Caretaker",
                        "Estimate",
                        "4 of 288 quarter hours (1.4%)");
        assertThat(text).contains("Jul 25 Aug 25", "This period 41.400 kWh", "Page 1 of 3");
        assertThat(flat(text))
                .contains(
                        "Schlichtungsstelle Energie e.V.",
                        "Friedrichstraße 133, 10117 Berlin",
                        "Bundesnetzagentur Verbraucherservice Energie");
        assertThat(text).doesNotContain("Gutschrift", "Rechnung", "credit note");
    }

    @Test
    void germanCancellation_refersToTheCancelledBillAndNegatesEveryAmount() {
        String text = text(cancellation("de"));

        assertThat(text).containsPattern("(?m)^Stornorechnung$");
        assertThat(text)
                .contains(
                        "Nummer 2026-0012",
                        "Rechnungsdatum 10.07.2026",
                        "Storniert Rechnung 2026-0007 vom 03.07.2026",
                        "Erstattung bis 24.07.2026");
        assertThat(flat(text))
                .contains(
                        "Diese Stornorechnung hebt die Rechnung Nr. 2026-0007 vom 03.07.2026 vollständig auf.",
                        "Grund: Zählerstand der Wallbox falsch übernommen");
        assertThat(text)
                .contains(
                        "1 Netzstrom (Tarifzeit NT) -12,000 kWh 0,2137 € -2,56 € 19 %",
                        "8 Laden Elektrofahrzeug am 02.06.2026, Garage 2 -10,000 kWh 0,279506 € -2,80 € 19 %",
                        "9 Nachlass: Credit for estimated readings on 1 June -1 Stück -1,50 € 1,50 € 19 %",
                        "10 Zusatzposten: Reminder fee -1 Stück 2,50 € -2,50 € 0 %");
        assertThat(text)
                .contains(
                        "19 % -14,01 € -2,66 € -16,67 €",
                        "Nettobetrag -16,51 €", "Rechnungsbetrag -19,17 €", "Stornobetrag -19,17 €");
        assertThat(text)
                .contains(
                        "Haben Sie die Rechnung 2026-0007 bereits bezahlt, erstatten wir Ihnen 19,17 € bis zum 24.07.2026.");
        assertThat(text).contains("12.345,678 kWh", "12.387,078 kWh");
        assertThat(text).doesNotContain("Gutschrift", "Ihr Verbrauch in den letzten 12 Monaten");
    }

    @Test
    void englishCancellation_isACancellationInvoice() {
        String text = text(cancellation("en"));

        assertThat(text).containsPattern("(?m)^Cancellation invoice$");
        assertThat(text)
                .contains(
                        "This cancellation invoice cancels invoice no. 2026-0007 of 3 Jul 2026 in full.",
                        "Cancels invoice 2026-0007 of 3 Jul 2026",
                        "Invoice total -€19.17",
                        "Refund by 24 Jul 2026");
        assertThat(text).doesNotContain("Gutschrift", "credit note", "Credit note");
    }

    @Test
    void missingComparisons_sayNotAvailable_andEmptyHistorySaysSo() {
        String text = text(TestBills.invoice("de")
                .history(List.of())
                .comparison(new Comparison(new BigDecimal("41.400"), null, null))
                .build());

        assertThat(text)
                .contains(
                        "Gleicher Zeitraum im Vorjahr keine Angabe",
                        "Mittlere Wohnung im Haus (Median) keine Angabe",
                        "Für die letzten 12 Monate liegen noch keine Verbrauchswerte vor.");
        assertThat(text).doesNotContain("Gegenüber dem Vorjahreszeitraum");
    }

    @Test
    void namesOutsideWinAnsi_keepTheirBaseLetters() {
        String text = text(
                TestBills.invoice("de").recipientName("Łukasz Wróbel-Şahin").build());

        assertThat(text).contains("Lukasz Wróbel-Sahin");
    }

    @Test
    void render_isByteForByteDeterministic_withFixedDatesAndAContentDerivedId() throws Exception {
        BillDocument d = TestBills.invoice("de").build();
        byte[] first = renderer.render(d);
        byte[] second = new BillPdfRenderer().render(TestBills.invoice("de").build());

        assertThat(sha256(second)).isEqualTo(sha256(first));
        String raw = new String(first, StandardCharsets.ISO_8859_1);
        assertThat(raw).contains("/CreationDate(D:20260703000000Z").contains("/ModDate(D:20260703000000Z");
        List<String> ids = ids(raw);
        assertThat(ids).isNotEmpty().allMatch(id -> !id.matches("0+"));

        byte[] other = renderer.render(TestBills.invoice("en").build());
        assertThat(ids(new String(other, StandardCharsets.ISO_8859_1))).doesNotContainAnyElementsOf(ids);
    }

    @Test
    void unknownLineKey_isAnError_notARawKeyOnTheBill() {
        BillDocument base = TestBills.invoice("de").build();
        Money net = Money.of(TestTariffs.EUR, "1.00");
        BillLine heat = new BillLine(
                "heat.pump", BigDecimal.ONE, QuantityUnit.PIECE, net.amount(), net, TestTariffs.VAT_19, Map.of());
        Money vat = TestTariffs.VAT_19.vatOn(net, java.math.RoundingMode.HALF_UP);
        BillDocument d = new BillDocument(
                base.kind(),
                base.number(),
                base.issueDate(),
                base.dueDate(),
                "de",
                base.issuer(),
                base.recipient(),
                base.apartmentCode(),
                base.apartmentName(),
                base.periodFirst(),
                base.periodLast(),
                base.contract(),
                base.meters(),
                base.currency(),
                List.of(heat),
                List.of(new VatTotal(TestTariffs.VAT_19, net, vat, net.plus(vat))),
                net,
                vat,
                net.plus(vat),
                0,
                288,
                base.history(),
                base.comparison(),
                null,
                List.of());

        assertThatThrownBy(() -> renderer.render(d))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[heat.pump]")
                .hasMessageContaining("messages_de.properties");
    }

    @Test
    void negativeInvoice_isAnAmountInTheRecipientsFavour() {
        BillDocument base = TestBills.invoice("de").build();
        Money net = Money.of(TestTariffs.EUR, "-10.00");
        Money vat = TestTariffs.VAT_19.vatOn(net, java.math.RoundingMode.HALF_UP);
        BillLine credit = new BillLine(
                "adjustment",
                BigDecimal.ONE,
                QuantityUnit.PIECE,
                net.amount(),
                net,
                TestTariffs.VAT_19,
                Map.of("reason", "Erstattung Zählerfehler", "kind", "credit"));
        BillDocument d = new BillDocument(
                base.kind(),
                base.number(),
                base.issueDate(),
                base.dueDate(),
                "de",
                base.issuer(),
                base.recipient(),
                base.apartmentCode(),
                base.apartmentName(),
                base.periodFirst(),
                base.periodLast(),
                base.contract(),
                base.meters(),
                base.currency(),
                List.of(credit),
                List.of(new VatTotal(TestTariffs.VAT_19, net, vat, net.plus(vat))),
                net,
                vat,
                net.plus(vat),
                0,
                288,
                base.history(),
                base.comparison(),
                null,
                List.of());

        String text = text(d);

        // −10.00 × 19 % = −1.90; gross −11.90, shown as 11,90 € in the recipient's favour
        assertThat(text)
                .contains(
                        "Betrag zu Ihren Gunsten 11,90 € Erstattung bis 17.07.2026",
                        "Rechnungsbetrag -11,90 €",
                        "1 Nachlass: Erstattung Zählerfehler 1 Stück -10,00 € -10,00 € 19 %");
        assertThat(flat(text)).contains("Wir überweisen Ihnen 11,90 € bis zum 17.07.2026");
        assertThat(text).doesNotContain("Gutschrift");
    }

    /** Renders every page as poppler shows it (target/bill-png/), for a person to look at; poppler must not complain. */
    @Test
    void pages_renderWithPoppler() throws IOException {
        Path out = Files.createDirectories(Path.of("target", "bill-png"));
        Map<String, BillDocument> bills = Map.of(
                "bill-de",
                TestBills.invoice("de").build(),
                "bill-en",
                TestBills.invoice("en").build(),
                "cancellation-de",
                cancellation("de"));
        for (Map.Entry<String, BillDocument> e : bills.entrySet()) {
            List<Path> pages = Poppler.png(renderer.render(e.getValue()), dir, e.getKey(), 80);
            assertThat(pages).as(e.getKey()).hasSizeBetween(2, 3);
            assertThat(Files.readString(dir.resolve("stderr.txt")))
                    .as("poppler messages")
                    .isEmpty();
            for (Path p : pages) {
                assertThat(Files.size(p)).isGreaterThan(10_000);
                Files.copy(p, out.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static List<String> ids(String raw) {
        Matcher m = Pattern.compile("/ID\\s*\\[\\s*<([0-9a-fA-F]+)>\\s*<([0-9a-fA-F]+)>")
                .matcher(raw);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
            ids.add(m.group(2));
        }
        return ids;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
