package org.hausmeter.billing.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hausmeter.billing.BillCalculator;
import org.hausmeter.billing.BillLine;
import org.hausmeter.billing.VatTotal;
import org.hausmeter.billing.pdf.BillDocument.Comparison;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.TestTariffs;
import org.junit.jupiter.api.Test;

/**
 * Golden SHA-256 of rendered bills: a regression guard for refactorings of {@link BillPdfRenderer} that
 * must not change a single byte (the renderer is deterministic, see its Javadoc). The hashes depend on
 * the templates in {@code templates/bill/}, the OpenPDF version (its name and version are in the
 * Producer entry) and the JDK (its zlib compresses the page content, see docs/bill-pdf.md): when one of
 * them changes on purpose, check the PDFs by eye (target/bill-png/ from {@link BillPdfRendererTest}) and
 * take the new hashes from this test's failure message.
 */
class BillPdfGoldenTest {

    private static final Map<String, String> GOLDEN = Map.of(
            "invoice-de-note", "cf13e7f88cce1176a39c7095f061d53c786e0edf66ee83e2a6313f12c6c1defe",
            "invoice-en", "b26598eb22e580f85307117a72cdfbe51d750cb6d27efee9fefe59d854dcb115",
            "cancellation-de", "1d8921ea30cb001a110a9048520ce18a49b5f6bcbe64556e39c71467e1b55d6d",
            "cancellation-en", "f449e7d54eb4383fc92c4e6e67ca0b51777c462ec88aa8bf87ce544ec14fd9d5",
            "tariffs-de-no-history", "64a4cc15992beddb060518da0895ed2b3f22e84f14a717cb18fcc633e479ad36",
            "refund-de", "7a97d75af3b555a17a577ba25c0cd701a094620d5e371c2933b514e8386d66c4");

    @Test
    void renderedBills_areByteForByteThoseOfTheGoldenHashes() throws Exception {
        BillPdfRenderer renderer = new BillPdfRenderer();
        Map<String, String> actual = new LinkedHashMap<>();
        for (Map.Entry<String, BillDocument> e : documents().entrySet()) {
            actual.put(e.getKey(), sha256(renderer.render(e.getValue())));
        }

        assertThat(actual)
                .as("SHA-256 of the rendered PDFs; now %s", actual)
                .containsExactlyInAnyOrderEntriesOf(GOLDEN);
    }

    /** Invoices and cancellations in both languages, several tariffs with an EV session, an empty history, a refund. */
    static Map<String, BillDocument> documents() {
        Map<String, BillDocument> docs = new LinkedHashMap<>();
        docs.put(
                "invoice-de-note",
                TestBills.invoice("de")
                        .note("Ab 1. Januar 2027 gilt ein neuer Grundpreis.")
                        .build());
        docs.put("invoice-en", TestBills.invoice("en").build());
        docs.put(
                "cancellation-de",
                TestBills.invoice("de")
                        .build()
                        .cancelledBy(
                                "2026-0012",
                                LocalDate.of(2026, 7, 10),
                                LocalDate.of(2026, 7, 24),
                                "Zählerstand der Wallbox falsch übernommen"));
        docs.put(
                "cancellation-en",
                TestBills.invoice("en")
                        .build()
                        .cancelledBy(
                                "2026-0012",
                                LocalDate.of(2026, 7, 10),
                                LocalDate.of(2026, 7, 24),
                                "Wallbox reading taken over wrongly"));
        docs.put(
                "tariffs-de-no-history",
                severalTariffs(TestBills.invoice("de")
                        .history(List.of())
                        .comparison(new Comparison(new BigDecimal("41.400"), null, null))
                        .build()));
        docs.put("refund-de", refund(TestBills.invoice("de").build()));
        return docs;
    }

    /** The worked example with its HT and EV lines priced by a second tariff version (amounts unchanged). */
    private static BillDocument severalTariffs(BillDocument base) {
        List<BillLine> lines = new ArrayList<>();
        for (BillLine l : base.lines()) {
            Map<String, String> details = new LinkedHashMap<>(l.details());
            if ("HT".equals(details.get("window")) || BillCalculator.EV_SESSION.equals(l.key())) {
                details.put("tariff", "2026-06-02");
            }
            lines.add(new BillLine(l.key(), l.quantity(), l.unit(), l.unitPrice(), l.net(), l.vatRate(), details));
        }
        return new BillDocument(
                base.kind(),
                base.number(),
                base.issueDate(),
                base.dueDate(),
                base.language(),
                base.issuer(),
                base.recipient(),
                base.apartmentCode(),
                base.apartmentName(),
                base.periodFirst(),
                base.periodLast(),
                base.contract(),
                base.meters(),
                base.currency(),
                lines,
                base.vatTotals(),
                base.net(),
                base.vat(),
                base.gross(),
                base.estimatedIntervals(),
                base.totalIntervals(),
                base.history(),
                base.comparison(),
                null,
                base.notes());
    }

    /** A single credit line: an invoice in the recipient's favour. */
    private static BillDocument refund(BillDocument base) {
        Money net = Money.of(TestTariffs.EUR, "-10.00");
        Money vat = TestTariffs.VAT_19.vatOn(net, java.math.RoundingMode.HALF_UP);
        BillLine credit = new BillLine(
                "adjustment",
                BigDecimal.ONE,
                org.hausmeter.billing.QuantityUnit.PIECE,
                net.amount(),
                net,
                TestTariffs.VAT_19,
                Map.of("reason", "Erstattung Zählerfehler", "kind", "credit"));
        return new BillDocument(
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
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
