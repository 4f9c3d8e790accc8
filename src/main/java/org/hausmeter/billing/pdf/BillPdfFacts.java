package org.hausmeter.billing.pdf;

import com.lowagie.text.Chunk;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hausmeter.billing.BillCalculator;
import org.hausmeter.billing.BillLine;
import org.hausmeter.billing.pdf.BillDocument.MeterReading;

/** The sections after the totals: meters, consumption charts and comparison, contract facts and prices, text blocks. */
final class BillPdfFacts extends BillPdfSection {

    BillPdfFacts(BillPdfContext ctx) {
        super(ctx);
    }

    void meters() throws DocumentException {
        PdfPTable table = new PdfPTable(new float[] {33, 25, 26, 25, 26, 30});
        table.setWidthPercentage(100);
        table.setSpacingBefore(layout.mm("section.space"));
        table.setHeaderRows(2);
        table.setKeepTogether(true);
        table.addCell(cells.sectionCell(t.get("meters.heading"), 6));
        table.addCell(cells.headCell(t.get("meters.col.meter"), Element.ALIGN_LEFT));
        table.addCell(cells.headCell(t.get("meters.col.start") + "\n" + f.date(d.periodFirst()), Element.ALIGN_RIGHT));
        table.addCell(cells.indented(cells.headCell(t.get("meters.col.how"), Element.ALIGN_LEFT)));
        table.addCell(cells.headCell(t.get("meters.col.end") + "\n" + f.date(d.periodLast()), Element.ALIGN_RIGHT));
        table.addCell(cells.indented(cells.headCell(t.get("meters.col.how"), Element.ALIGN_LEFT)));
        table.addCell(cells.headCell(t.get("meters.col.consumption"), Element.ALIGN_RIGHT));
        for (MeterReading m : d.meters()) {
            Phrase meter = new Phrase();
            meter.add(cells.chunk(m.meterNumber(), cells.font(regularFont, body, text)));
            meter.add(Chunk.NEWLINE);
            meter.add(cells.chunk(m.name(), cells.font(regularFont, small, muted)));
            PdfPCell mc = new PdfPCell(meter);
            cells.styleRow(mc, Element.ALIGN_LEFT);
            table.addCell(mc);
            if (!m.hasReadings()) {
                // Imported quarter-hour values only: no counters to print; the energy paragraph below gives the sum.
                table.addCell(cells.rowCell("–", Element.ALIGN_RIGHT));
                table.addCell(cells.indented(cells.rowCell(t.get("source.NONE"), Element.ALIGN_LEFT)));
                table.addCell(cells.rowCell("–", Element.ALIGN_RIGHT));
                table.addCell(cells.indented(cells.rowCell(t.get("source.NONE"), Element.ALIGN_LEFT)));
                table.addCell(cells.rowCell("–", Element.ALIGN_RIGHT));
                continue;
            }
            table.addCell(cells.rowCell(f.kwh(m.startKwh()), Element.ALIGN_RIGHT));
            table.addCell(cells.indented(
                    cells.rowCell(t.get("source." + m.startSource().name()), Element.ALIGN_LEFT)));
            table.addCell(cells.rowCell(f.kwh(m.endKwh()), Element.ALIGN_RIGHT));
            table.addCell(
                    cells.indented(cells.rowCell(t.get("source." + m.endSource().name()), Element.ALIGN_LEFT)));
            PdfPCell c = cells.rowCell("", Element.ALIGN_RIGHT);
            c.setPhrase(new Phrase(cells.pdfText(f.kwh(m.consumptionKwh())), cells.font(boldFont, body, text)));
            table.addCell(c);
        }
        pdf.add(table);
        cells.paragraph(
                pdf,
                t.get("meters.times", Map.of("start", f.date(d.periodFirst()), "end", f.date(d.periodLast()))),
                small,
                regularFont,
                muted,
                3);
        BillDocument.Energy energy = d.energy();
        if (energy != null) {
            cells.paragraph(
                    pdf,
                    t.get(
                            "energy." + energy.source().name(),
                            Map.of(
                                    "kwh", f.kwh(energy.kwh()),
                                    "values", f.integer(energy.valueIntervals()),
                                    "total", f.integer(d.totalIntervals()),
                                    "imported", f.integer(energy.importedIntervals()))),
                    body,
                    regularFont,
                    text,
                    3);
        }
        cells.paragraph(
                pdf,
                t.get(
                        "meters.estimated",
                        Map.of(
                                "estimated", f.integer(d.estimatedIntervals()),
                                "total", f.integer(d.totalIntervals()),
                                "percent",
                                        f.percent(BigDecimal.valueOf(d.estimatedIntervals() * 100L)
                                                .divide(
                                                        BigDecimal.valueOf(Math.max(1, d.totalIntervals())),
                                                        1,
                                                        RoundingMode.HALF_UP)))),
                body,
                regularFont,
                text,
                3);
        BigDecimal pvShare = pvSharePercent();
        if (pvShare != null) {
            cells.paragraph(
                    pdf, t.get("meters.pvShare", Map.of("percent", f.percent(pvShare))), body, regularFont, text, 0);
        }
        cells.paragraph(pdf, t.get("meters.sources"), small, regularFont, muted, 3);
    }

    /** @return PV / (grid + PV) of the apartment's energy lines, percent with 1 decimal; null for none */
    private BigDecimal pvSharePercent() {
        BigDecimal grid = BigDecimal.ZERO;
        BigDecimal pv = BigDecimal.ZERO;
        for (BillLine l : d.lines()) {
            if (BillCalculator.GRID_ENERGY.equals(l.key())) {
                grid = grid.add(l.quantity().abs());
            } else if (BillCalculator.PV_ENERGY.equals(l.key())) {
                pv = pv.add(l.quantity().abs());
            }
        }
        BigDecimal total = grid.add(pv);
        return total.signum() == 0 ? null : pv.multiply(BigDecimal.valueOf(100)).divide(total, 1, RoundingMode.HALF_UP);
    }

    void consumption() throws DocumentException {
        float width = pdf.right() - pdf.left();
        BillCharts charts = new BillCharts(layout, t, f, regularFont, boldFont);
        PdfPTable block = new PdfPTable(1);
        block.setWidthPercentage(100);
        block.setKeepTogether(true);
        block.setSpacingBefore(layout.mm("section.space"));
        block.addCell(cells.sectionCell(t.get("history.heading"), 1));
        block.addCell(cells.imageCell(charts.history(writer.getDirectContent(), d.history(), width)));
        PdfPCell comparisonHead = cells.sectionCell(t.get("comparison.heading"), 1);
        comparisonHead.setPaddingTop(10);
        block.addCell(comparisonHead);
        block.addCell(cells.imageCell(charts.comparison(writer.getDirectContent(), d.comparison(), width)));
        PdfPCell note = cells.cell(
                comparisonText() + " " + t.get("comparison.note"),
                cells.font(regularFont, small, muted),
                Element.ALIGN_LEFT);
        note.setPaddingTop(3);
        note.setLeading(0, 1.2f);
        block.addCell(note);
        pdf.add(block);
    }

    private String comparisonText() {
        BillDocument.Comparison c = d.comparison();
        List<String> parts = new ArrayList<>();
        if (c.previousYearKwh() != null && c.previousYearKwh().signum() > 0) {
            parts.add(
                    t.get("comparison.change.lastYear", Map.of("percent", change(c.periodKwh(), c.previousYearKwh()))));
        }
        if (c.buildingMedianKwh() != null && c.buildingMedianKwh().signum() > 0) {
            parts.add(
                    t.get("comparison.change.median", Map.of("percent", change(c.periodKwh(), c.buildingMedianKwh()))));
        }
        return String.join(" ", parts);
    }

    private String change(BigDecimal value, BigDecimal reference) {
        BigDecimal pct =
                value.subtract(reference).multiply(BigDecimal.valueOf(100)).divide(reference, 0, RoundingMode.HALF_UP);
        return (pct.signum() > 0 ? "+" : "") + f.percent(pct);
    }

    void contract() throws DocumentException {
        BillDocument.Contract c = d.contract();
        PdfPTable facts = new PdfPTable(new float[] {35, 65});
        facts.setWidthPercentage(100);
        facts.setSpacingBefore(layout.mm("section.space"));
        facts.setKeepTogether(true);
        facts.addCell(cells.sectionCell(t.get("contract.heading"), 2));
        fact(facts, t.get("contract.name"), c.name());
        fact(facts, t.get("contract.since"), f.date(c.since()));
        fact(facts, t.get("contract.term"), c.term());
        fact(facts, t.get("contract.notice"), c.noticePeriod());
        fact(
                facts,
                t.get("contract.nextTermination"),
                c.nextTerminationDate() == null
                        ? t.get("contract.nextTermination.none")
                        : f.date(c.nextTerminationDate()));
        fact(facts, t.get("metering.point"), d.apartmentCode() + " · " + d.apartmentName());
        fact(
                facts,
                t.get("metering.malo"),
                c.marketLocationId() == null ? t.get("metering.malo.none") : c.marketLocationId());
        fact(facts, t.get("metering.operator"), c.meteringOperator());
        if (c.gridOperator() != null) {
            fact(facts, t.get("metering.grid"), c.gridOperator());
        }
        pdf.add(facts);

        PdfPTable prices = new PdfPTable(new float[] {46, 20, 10, 24});
        prices.setWidthPercentage(100);
        prices.setSpacingBefore(6);
        prices.setHeaderRows(1);
        prices.setKeepTogether(true);
        prices.addCell(cells.headCell(t.get("price.col.item"), Element.ALIGN_LEFT));
        prices.addCell(cells.headCell(t.get("price.col.net"), Element.ALIGN_RIGHT));
        prices.addCell(cells.headCell(t.get("price.col.vat"), Element.ALIGN_RIGHT));
        prices.addCell(cells.headCell(t.get("price.col.gross"), Element.ALIGN_RIGHT));
        for (BillDocument.Price p : c.prices()) {
            // no break inside "0,3320 € / kWh": non-breaking spaces keep amount, currency and unit on one line
            String per = NBSP + "/" + NBSP + t.get("unit.per." + p.unit().name());
            int scale = Math.max(2, p.net().scale());
            BigDecimal gross = p.net()
                    .multiply(BigDecimal.ONE.add(p.vatRate().percent().movePointLeft(2)))
                    .setScale(scale, RoundingMode.HALF_UP);
            prices.addCell(cells.rowCell(p.label(), Element.ALIGN_LEFT));
            prices.addCell(cells.rowCell(unbroken(f.price(p.net(), d.currency())) + per, Element.ALIGN_RIGHT));
            prices.addCell(cells.rowCell(f.percent(p.vatRate()), Element.ALIGN_RIGHT));
            prices.addCell(cells.rowCell(unbroken(f.price(gross, d.currency())) + per, Element.ALIGN_RIGHT));
        }
        pdf.add(prices);
    }

    private static final String NBSP = "\u00a0";

    private static String unbroken(String s) {
        return s.replace(' ', '\u00a0');
    }

    private void fact(PdfPTable table, String label, String value) {
        PdfPCell l = cells.cell(label, cells.font(regularFont, body, muted), Element.ALIGN_LEFT);
        PdfPCell v = cells.cell(value, cells.font(regularFont, body, text), Element.ALIGN_LEFT);
        for (PdfPCell c : new PdfPCell[] {l, v}) {
            c.setPaddingBottom(2.5f);
            table.addCell(c);
        }
    }

    /** A heading and paragraphs that stay together on one page. */
    void textBlock(String heading, List<String> paragraphs, float size) throws DocumentException {
        PdfPTable block = new PdfPTable(1);
        block.setWidthPercentage(100);
        block.setSpacingBefore(layout.mm("section.space"));
        block.setKeepTogether(true);
        block.addCell(cells.sectionCell(heading, 1));
        for (String s : paragraphs) {
            PdfPCell c = cells.cell(s, cells.font(regularFont, size, text), Element.ALIGN_LEFT);
            c.setLeading(0, 1.3f);
            c.setPaddingBottom(3);
            block.addCell(c);
        }
        pdf.add(block);
    }
}
