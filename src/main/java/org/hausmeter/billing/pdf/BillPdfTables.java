package org.hausmeter.billing.pdf;

import com.lowagie.text.Chunk;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.hausmeter.billing.BillCalculator;
import org.hausmeter.billing.BillLine;
import org.hausmeter.billing.QuantityUnit;
import org.hausmeter.billing.VatTotal;
import org.hausmeter.tariff.GridPrice;

/** The lines table with each line's title and details, and the VAT table with the totals. */
final class BillPdfTables extends BillPdfSection {

    BillPdfTables(BillPdfContext ctx) {
        super(ctx);
    }

    void linesTable() throws DocumentException {
        PdfPTable table = new PdfPTable(new float[] {5, 58, 14, 9, 15, 15, 8});
        table.setWidthPercentage(100);
        table.setSpacingBefore(layout.mm("section.space"));
        table.setHeaderRows(2);
        table.addCell(cells.sectionCell(t.get("lines.heading"), 7));
        String[] heads = {
            "col.pos", "col.description", "col.quantity", "col.unit", "col.unitPrice", "col.net", "col.vat"
        };
        for (int i = 0; i < heads.length; i++) {
            table.addCell(cells.headCell(t.get(heads[i]), i == 1 || i == 3 ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT));
        }
        boolean manyTariffs = d.lines().stream()
                        .map(l -> l.details().get("tariff"))
                        .filter(Objects::nonNull)
                        .distinct()
                        .count()
                > 1;
        int pos = 1;
        for (BillLine l : d.lines()) {
            table.addCell(cells.rowCell(Integer.toString(pos++), Element.ALIGN_RIGHT));
            Phrase desc = new Phrase();
            desc.add(cells.chunk(lineTitle(l), cells.font(regularFont, body, text)));
            String detail = lineDetail(l, manyTariffs);
            if (!detail.isEmpty()) {
                desc.add(Chunk.NEWLINE);
                desc.add(cells.chunk(detail, cells.font(regularFont, small, muted)));
            }
            PdfPCell dc = new PdfPCell(desc);
            cells.styleRow(dc, Element.ALIGN_LEFT);
            table.addCell(dc);
            table.addCell(cells.rowCell(quantity(l), Element.ALIGN_RIGHT));
            table.addCell(cells.rowCell(t.get("unit." + l.unit().name()), Element.ALIGN_LEFT));
            table.addCell(cells.rowCell(f.price(l.unitPrice(), d.currency()), Element.ALIGN_RIGHT));
            table.addCell(cells.rowCell(f.money(l.net()), Element.ALIGN_RIGHT));
            table.addCell(cells.rowCell(f.percent(l.vatRate()), Element.ALIGN_RIGHT));
        }
        pdf.add(table);
    }

    private String quantity(BillLine l) {
        return l.unit() == QuantityUnit.KWH ? f.number(l.quantity(), 3) : f.number(l.quantity());
    }

    private String lineTitle(BillLine l) {
        Map<String, String> det = l.details();
        if (BillCalculator.ADJUSTMENT.equals(l.key())) {
            String kind = "credit".equals(det.get("kind")) ? "line.adjustment.credit" : "line.adjustment.charge";
            return t.get(kind) + ": " + det.getOrDefault("reason", "");
        }
        String key = "line." + l.key();
        if (!t.has(key)) {
            throw new IllegalStateException(
                    "Bill line [" + l.key() + "] has no text [" + key + "] in [" + t.source() + "]");
        }
        String title = t.get(key);
        String window = det.get("window");
        if (window != null && !GridPrice.FLAT.equals(window)) {
            title += " " + t.get("detail.window", Map.of("window", window));
        }
        if (BillCalculator.EV_SESSION.equals(l.key()) && det.containsKey("start")) {
            // the session's day and charger, not its internal id
            String day = f.date(OffsetDateTime.parse(det.get("start")).toLocalDate());
            title += " "
                    + (det.containsKey("charger")
                            // the charger's name kept on one line: "Garage wallbox" / "1" read as two things
                            ? t.get(
                                    "detail.ev.session",
                                    Map.of(
                                            "date",
                                            day,
                                            "charger",
                                            det.get("charger").replace(' ', '\u00a0')))
                            : t.get("detail.ev.session.date", Map.of("date", day)));
        }
        return title;
    }

    /** A card group's name in the bill's language ({@code ev.group.<CODE>}), else its code. */
    private String groupName(String code) {
        String key = "ev.group." + code;
        return t.has(key) ? t.get(key) : code;
    }

    private String lineDetail(BillLine l, boolean manyTariffs) {
        Map<String, String> det = l.details();
        List<String> parts = new ArrayList<>();
        if (BillCalculator.EV_SESSION.equals(l.key()) && det.containsKey("start") && det.containsKey("end")) {
            OffsetDateTime start = OffsetDateTime.parse(det.get("start"));
            OffsetDateTime end = OffsetDateTime.parse(det.get("end"));
            DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
            String endText = end.toLocalDate().equals(start.toLocalDate())
                    ? hm.format(end)
                    : f.date(end.toLocalDate()) + " " + hm.format(end);
            // the day is in the line's title already
            parts.add(t.get("detail.ev.time", Map.of("start", hm.format(start), "end", endText)));
            if (det.containsKey("pvKwh") && det.containsKey("gridKwh")) {
                parts.add(t.get(
                        "detail.ev.split",
                        Map.of(
                                "pvKwh", f.kwh(new BigDecimal(det.get("pvKwh"))),
                                "pvPrice", f.price(new BigDecimal(det.get("pvPrice")), d.currency()),
                                "gridKwh", f.kwh(new BigDecimal(det.get("gridKwh"))),
                                "gridPrice", f.price(new BigDecimal(det.get("gridPrice")), d.currency()),
                                "pvShare", f.percent(new BigDecimal(det.get("pvSharePercent"))))));
            }
            if (det.containsKey("group")) {
                // a card of another price group (guest, car-sharing): its group, and whose prices were used
                String group = groupName(det.get("group"));
                String priceGroup = groupName(det.getOrDefault("priceGroup", det.get("group")));
                parts.add(
                        group.equals(priceGroup)
                                ? t.get("detail.ev.group", Map.of("group", group))
                                : t.get("detail.ev.group.fallback", Map.of("group", group, "priceGroup", priceGroup)));
            }
            if ("true".equals(det.get("signed"))) {
                // the wallbox signed the session's meter values (OCMF): a resident can check them
                parts.add(t.get("detail.ev.signed"));
            }
        }
        if (BillCalculator.BASE_FEE.equals(l.key()) && l.unit() == QuantityUnit.DAY && det.containsKey("monthlyFee")) {
            parts.add(t.get(
                    "detail.baseFee",
                    Map.of(
                            "fee",
                            f.price(new BigDecimal(det.get("monthlyFee")), d.currency()),
                            "days",
                            det.get("days"),
                            "daysInMonth",
                            det.get("daysInMonth"))));
        }
        if (det.containsKey("estimatedIntervals") && !"0".equals(det.get("estimatedIntervals"))) {
            parts.add(t.get(
                    "detail.estimated",
                    Map.of(
                            "estimated", f.integer(Long.parseLong(det.get("estimatedIntervals"))),
                            "intervals", f.integer(Long.parseLong(det.getOrDefault("intervals", "0"))))));
        }
        if (manyTariffs && det.containsKey("tariff")) {
            parts.add(t.get("detail.tariff", Map.of("date", f.date(java.time.LocalDate.parse(det.get("tariff"))))));
        }
        return String.join(" · ", parts);
    }

    void vatTable() throws DocumentException {
        PdfPTable table = new PdfPTable(new float[] {16, 16, 16, 16});
        table.setWidthPercentage(58);
        table.setHorizontalAlignment(Element.ALIGN_RIGHT);
        table.setSpacingBefore(6);
        table.setKeepTogether(true);
        for (String h : new String[] {"vat.col.rate", "vat.col.net", "vat.col.vat", "vat.col.gross"}) {
            table.addCell(cells.headCell(t.get(h), Element.ALIGN_RIGHT));
        }
        boolean zeroRate = false;
        for (VatTotal v : d.vatTotals()) {
            zeroRate |= v.rate().percent().signum() == 0;
            table.addCell(cells.rowCell(f.percent(v.rate()), Element.ALIGN_RIGHT));
            table.addCell(cells.rowCell(f.money(v.net()), Element.ALIGN_RIGHT));
            table.addCell(cells.rowCell(f.money(v.vat()), Element.ALIGN_RIGHT));
            table.addCell(cells.rowCell(f.money(v.gross()), Element.ALIGN_RIGHT));
        }
        totalRow(table, t.get("totals.net"), f.money(d.net()), false);
        totalRow(table, t.get("totals.vat"), f.money(d.vat()), false);
        totalRow(table, t.get("totals.gross"), f.money(d.gross()), true);
        if (zeroRate) {
            PdfPCell note =
                    cells.cell(t.get("vat.zero.note"), cells.font(regularFont, small, muted), Element.ALIGN_LEFT);
            note.setColspan(4);
            note.setPaddingTop(4);
            table.addCell(note);
        }
        pdf.add(table);
    }

    private void totalRow(PdfPTable table, String label, String amount, boolean strong) {
        Font font = cells.font(strong ? boldFont : regularFont, strong ? body + 1 : body, text);
        PdfPCell l = cells.cell(label, font, Element.ALIGN_LEFT);
        l.setColspan(3);
        PdfPCell a = cells.cell(amount, font, Element.ALIGN_RIGHT);
        for (PdfPCell c : new PdfPCell[] {l, a}) {
            c.setPaddingTop(strong ? 4 : 2.5f);
            c.setPaddingBottom(strong ? 4 : 1.5f);
            c.setPaddingLeft(2);
            c.setPaddingRight(2);
            if (strong) {
                c.setBorder(Rectangle.TOP | Rectangle.BOTTOM);
                c.setBorderColor(text);
                c.setBorderWidthTop(0.8f);
                c.setBorderWidthBottom(0.8f);
                c.setBackgroundColor(layout.colour("shade"));
            }
            table.addCell(c);
        }
    }
}
