package org.hausmeter.billing.pdf;

import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hausmeter.billing.pdf.BillDocument.Kind;
import org.hausmeter.tariff.Money;

/** The top of page 1: letterhead, address window, information block, title and amount box. */
final class BillPdfHead extends BillPdfSection {

    private static final float MM = BillLayout.PT_PER_MM;

    BillPdfHead(BillPdfContext ctx) {
        super(ctx);
    }

    // ---- page 1 head: letterhead, address window, information block (DIN 5008 form B) ----

    void firstPageHead() throws DocumentException {
        PdfContentByte cb = writer.getDirectContent();
        float pageH = PageSize.A4.getHeight();
        float left = layout.mm("page.margin.left");
        float right = PageSize.A4.getWidth() - layout.mm("page.margin.right");

        float nameY = pageH - layout.mm("letterhead.top") - layout.font("letterhead");
        cells.show(
                cb,
                boldFont,
                layout.font("letterhead"),
                accent,
                Element.ALIGN_LEFT,
                d.issuer().name(),
                left,
                nameY);
        List<String> contact = new ArrayList<>(d.issuer().addressLines());
        contact.add(t.get("footer.phone", Map.of("phone", d.issuer().phone())));
        contact.add(t.get("footer.email", Map.of("email", d.issuer().email())));
        cells.show(
                cb,
                regularFont,
                small,
                muted,
                Element.ALIGN_LEFT,
                String.join("  ·  ", contact),
                left,
                nameY - small - 4);
        cb.setColorStroke(accent);
        cb.setLineWidth(0.8f);
        cb.moveTo(left, nameY - small - 8);
        cb.lineTo(right, nameY - small - 8);
        cb.stroke();

        // address window
        float wx = layout.mm("window.left");
        float wy = pageH - layout.mm("window.top");
        float ww = layout.mm("window.width");
        String sender =
                d.issuer().name() + " · " + String.join(" · ", d.issuer().addressLines());
        float senderSize = layout.font("sender");
        cells.show(
                cb,
                regularFont,
                senderSize,
                muted,
                Element.ALIGN_LEFT,
                cells.fitWidth(sender, regularFont, senderSize, ww),
                wx,
                wy - 4 * MM);
        cb.setColorStroke(rule);
        cb.setLineWidth(0.3f);
        cb.moveTo(wx, wy - 4 * MM - 1.5f);
        cb.lineTo(wx + ww, wy - 4 * MM - 1.5f);
        cb.stroke();
        float y = wy - layout.mm("window.address.offset");
        float size = layout.font("address");
        List<String> address = new ArrayList<>();
        address.add(d.recipient().name());
        address.addAll(d.recipient().addressLines());
        for (String line : address) {
            cells.show(cb, regularFont, size, text, Element.ALIGN_LEFT, line, wx, y);
            y -= size * 1.3f;
        }

        // fold marks and punch mark at the left edge
        cb.setColorStroke(rule);
        cb.setLineWidth(0.3f);
        for (String mark : new String[] {"fold.first", "punch", "fold.second"}) {
            float my = pageH - layout.mm("mark." + mark);
            cb.moveTo(4 * MM, my);
            cb.lineTo((mark.equals("punch") ? 10 : 8) * MM, my);
            cb.stroke();
        }

        // information block
        PdfPTable info = new PdfPTable(new float[] {0.38f, 0.62f});
        info.setTotalWidth(right - layout.mm("infoblock.left"));
        info.setLockedWidth(true);
        infoRow(
                info,
                t.get(d.kind() == Kind.CANCELLATION ? "info.number.cancellation" : "info.number"),
                d.number(),
                true);
        infoRow(info, t.get("info.date"), f.date(d.issueDate()), false);
        if (d.cancels() != null) {
            infoRow(
                    info,
                    t.get("info.cancels"),
                    d.cancels().number() + " " + t.get("info.of") + " "
                            + f.date(d.cancels().issueDate()),
                    true);
        }
        infoRow(info, t.get("info.period"), ctx.period(), false);
        infoRow(info, t.get(ctx.dueIsRefund() ? "info.refundBy" : "info.due"), f.date(d.dueDate()), true);
        infoRow(info, t.get("info.apartment"), d.apartmentCode() + " · " + d.apartmentName(), false);
        if (d.recipient().customerNumber() != null) {
            infoRow(info, t.get("info.customer"), d.recipient().customerNumber(), false);
        }
        if (d.contract().marketLocationId() != null) {
            infoRow(info, t.get("info.malo"), d.contract().marketLocationId(), false);
        }
        info.writeSelectedRows(0, -1, layout.mm("infoblock.left"), pageH - layout.mm("infoblock.top"), cb);
    }

    private void infoRow(PdfPTable table, String label, String value, boolean strong) {
        PdfPCell l = cells.cell(label, cells.font(regularFont, small, muted), Element.ALIGN_LEFT);
        l.setPaddingTop(1.2f);
        PdfPCell v = cells.cell(value, cells.font(strong ? boldFont : regularFont, body, text), Element.ALIGN_LEFT);
        table.addCell(l);
        table.addCell(v);
    }
    // ---- title and amount box ----

    void titleBlock() throws DocumentException {
        Paragraph title = new Paragraph(cells.pdfText(ctx.title()), cells.font(boldFont, layout.font("title"), accent));
        pdf.add(title);
        Paragraph sub = new Paragraph(cells.pdfText(ctx.subtitle()), cells.font(regularFont, body + 1, text));
        sub.setSpacingAfter(5);
        pdf.add(sub);
        if (d.cancels() != null) {
            PdfPTable box = new PdfPTable(1);
            box.setWidthPercentage(100);
            Phrase p = new Phrase();
            p.add(cells.chunk(
                    t.get(
                            "cancellation.reference",
                            Map.of(
                                    "number",
                                    d.cancels().number(),
                                    "date",
                                    f.date(d.cancels().issueDate()))),
                    cells.font(boldFont, body, text)));
            p.add(cells.chunk(
                    " "
                            + t.get(
                                    "cancellation.reason",
                                    Map.of("reason", d.cancels().reason())),
                    cells.font(regularFont, body, text)));
            PdfPCell c = new PdfPCell(p);
            c.setBackgroundColor(layout.colour("notice"));
            c.setBorderColor(layout.colour("noticeBorder"));
            c.setPadding(6);
            c.setLeading(0, 1.25f);
            box.addCell(c);
            box.setSpacingAfter(6);
            pdf.add(box);
        }
    }

    void amountBox() throws DocumentException {
        Money gross = d.gross();
        String label;
        Money shown = gross;
        String payment;
        Map<String, String> v = new LinkedHashMap<>();
        v.put("amount", f.money(ctx.absolute(gross)));
        v.put("date", f.date(d.dueDate()));
        v.put("number", d.number());
        v.put("iban", d.issuer().iban());
        v.put("bank", d.issuer().bankName() == null ? "" : ", " + d.issuer().bankName());
        if (d.kind() == Kind.CANCELLATION) {
            label = t.get("amount.cancellation");
            v.put("number", d.cancels().number());
            payment = t.get(gross.isPositive() ? "payment.cancellation.charge" : "payment.cancellation", v);
        } else if (gross.isNegative()) {
            label = t.get("amount.refund");
            shown = ctx.absolute(gross);
            payment = t.get("payment.refund", v);
        } else {
            label = t.get("amount.due");
            payment = t.get(gross.isZero() ? "payment.none" : "payment.transfer", v);
        }
        PdfPTable box = new PdfPTable(new float[] {0.5f, 0.5f});
        box.setWidthPercentage(100);
        box.setSpacingBefore(2);
        box.setSpacingAfter(8);
        Color shade = layout.colour("shade");
        float big = layout.font("amount");
        Phrase left = new Phrase();
        left.add(cells.chunk(label + "  ", cells.font(boldFont, body + 1, text)));
        left.add(cells.chunk(f.money(shown), cells.font(boldFont, big, accent)));
        PdfPCell a = new PdfPCell(left);
        Phrase right = new Phrase();
        right.add(cells.chunk(
                t.get(ctx.dueIsRefund() ? "info.refundBy" : "info.due") + "  ", cells.font(boldFont, body + 1, text)));
        right.add(cells.chunk(f.date(d.dueDate()), cells.font(boldFont, big, accent)));
        PdfPCell b = new PdfPCell(right);
        b.setHorizontalAlignment(Element.ALIGN_RIGHT);
        for (PdfPCell c : new PdfPCell[] {a, b}) {
            c.setBackgroundColor(shade);
            c.setBorder(Rectangle.TOP);
            c.setBorderColor(accent);
            c.setBorderWidth(1.5f);
            c.setPaddingTop(6);
            c.setPaddingBottom(3);
            c.setPaddingLeft(6);
            c.setPaddingRight(6);
            box.addCell(c);
        }
        PdfPCell p = cells.cell(payment, cells.font(regularFont, body, text), Element.ALIGN_LEFT);
        p.setColspan(2);
        p.setBackgroundColor(shade);
        p.setPaddingLeft(6);
        p.setPaddingRight(6);
        p.setPaddingBottom(6);
        p.setLeading(0, 1.25f);
        box.addCell(p);
        pdf.add(box);
    }
}
