package org.hausmeter.billing.pdf;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.PageSize;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Footer with the legal details on every page; a running head and page numbers. */
final class BillPdfFooter extends PdfPageEventHelper {

    private static final float MM = BillLayout.PT_PER_MM;

    private final BillPdfContext ctx;
    private final BillDocument d;
    private final BillTexts t;
    private final BillLayout layout;
    private final PdfCells cells;
    private final BaseFont regularFont;
    private final BaseFont boldFont;
    private final Color muted;
    private final Color rule;
    private final float small;
    private PdfTemplate total;

    BillPdfFooter(BillPdfContext ctx) {
        this.ctx = ctx;
        this.d = ctx.d;
        this.t = ctx.t;
        this.layout = ctx.layout;
        this.cells = ctx.cells;
        this.regularFont = ctx.cells.regularFont;
        this.boldFont = ctx.cells.boldFont;
        this.muted = ctx.cells.muted;
        this.rule = ctx.cells.rule;
        this.small = ctx.cells.small;
    }

    @Override
    public void onOpenDocument(PdfWriter w, Document document) {
        total = w.getDirectContent().createTemplate(24, small + 2);
    }

    @Override
    public void onEndPage(PdfWriter w, Document document) {
        PdfContentByte cb = w.getDirectContent();
        float left = layout.mm("page.margin.left");
        float right = PageSize.A4.getWidth() - layout.mm("page.margin.right");
        float footerTop = layout.mm("footer.top");
        cb.setColorStroke(rule);
        cb.setLineWidth(0.4f);
        cb.moveTo(left, footerTop);
        cb.lineTo(right, footerTop);
        cb.stroke();

        BillDocument.Issuer is = d.issuer();
        List<String> col1 = new ArrayList<>();
        col1.add(is.name());
        col1.addAll(is.addressLines());
        List<String> col2 = new ArrayList<>();
        col2.add(t.get("footer.register", Map.of("court", is.registerCourt(), "number", is.registerNumber())));
        if (is.taxNumber() != null && !is.taxNumber().isBlank()) {
            col2.add(t.get("footer.tax", Map.of("taxNumber", is.taxNumber())));
        }
        if (is.vatId() != null && !is.vatId().isBlank()) {
            col2.add(t.get("footer.vatId", Map.of("vatId", is.vatId())));
        }
        String board = boardNames(is.board());
        if (!board.isEmpty()) {
            col2.add(t.get("footer.board", Map.of("names", board)));
        }
        List<String> col3 = new ArrayList<>();
        col3.add(t.get("footer.phone", Map.of("phone", is.phone())));
        col3.add(t.get("footer.email", Map.of("email", is.email())));
        col3.add(t.get("footer.iban", Map.of("iban", is.iban())));
        if (is.bankName() != null) {
            col3.add(is.bankName());
        }
        float colW = (right - left) / 3;
        column(cb, col1, true, left, footerTop - 3, colW - 6);
        column(cb, col2, false, left + colW, footerTop - 3, colW - 6);
        column(cb, col3, false, left + 2 * colW, footerTop - 3, colW - 6);

        String page = t.get("footer.page", Map.of("page", Integer.toString(w.getPageNumber())));
        float y = layout.mm("footer.page");
        float tw = regularFont.getWidthPoint("99", small);
        cells.show(cb, regularFont, small, muted, Element.ALIGN_RIGHT, page, right - tw - 2.5f, y);
        cb.addTemplate(total, right - tw, y);
        if (w.getPageNumber() > 1) {
            String head =
                    ctx.title() + " " + d.number() + "  ·  " + d.recipient().name() + "  ·  " + ctx.period();
            float headY = PageSize.A4.getHeight() - layout.mm("page.margin.top") + 6 * MM;
            cells.show(cb, regularFont, small, muted, Element.ALIGN_LEFT, head, left, headY);
            cb.setColorStroke(rule);
            cb.moveTo(left, headY - 3);
            cb.lineTo(right, headY - 3);
            cb.stroke();
        }
    }

    private void column(PdfContentByte cb, List<String> lines, boolean boldFirst, float x, float top, float width) {
        ColumnText ct = new ColumnText(cb);
        ct.setSimpleColumn(x, layout.mm("footer.page") + small + 2, x + width, top);
        ct.setLeading(0, 1.25f);
        Phrase p = new Phrase();
        for (int i = 0; i < lines.size(); i++) {
            p.add(new Chunk(
                    cells.pdfText(lines.get(i)),
                    cells.font(i == 0 && boldFirst ? boldFont : regularFont, layout.font("footer"), muted)));
            if (i < lines.size() - 1) {
                p.add(Chunk.NEWLINE);
            }
        }
        ct.addText(p);
        try {
            ct.go();
        } catch (DocumentException e) {
            throw new IllegalStateException("Cannot write the footer of bill [" + d.number() + "]", e);
        }
    }

    @Override
    public void onCloseDocument(PdfWriter w, Document document) {
        total.beginText();
        total.setFontAndSize(regularFont, small);
        total.setColorFill(muted);
        total.setTextMatrix(0, 0);
        total.showText(Integer.toString(w.getPageNumber() - 1));
        total.endText();
    }

    /**
     * The board's names for the footer's "Vorstand: …" line. A setting entered with its own label ("Vorstand: A. B.",
     * "Board: …") loses it, so the label is not printed twice.
     */
    static String boardNames(List<String> board) {
        List<String> names = new ArrayList<>();
        for (String n : board) {
            String s =
                    n.strip().replaceFirst("(?i)^(vorstand|board)\\s*:\\s*", "").strip();
            if (!s.isEmpty()) {
                names.add(s);
            }
        }
        return String.join(", ", names);
    }
}
