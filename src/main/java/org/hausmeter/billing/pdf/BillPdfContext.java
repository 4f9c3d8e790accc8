package org.hausmeter.billing.pdf;

import com.lowagie.text.Document;
import com.lowagie.text.pdf.PdfWriter;
import java.util.Map;
import org.hausmeter.billing.pdf.BillDocument.Kind;
import org.hausmeter.tariff.Money;

/** What every part of one rendering shares: the bill, its texts and formats, the styles, the PDF being written. */
final class BillPdfContext {

    final BillDocument d;
    final BillTexts t;
    final BillFormat f;
    final BillLayout layout;
    final PdfCells cells;
    final Document pdf;
    final PdfWriter writer;

    BillPdfContext(BillDocument d, BillTexts t, BillFormat f, PdfCells cells, Document pdf, PdfWriter writer) {
        this.d = d;
        this.t = t;
        this.f = f;
        this.layout = cells.layout;
        this.cells = cells;
        this.pdf = pdf;
        this.writer = writer;
    }

    String title() {
        return t.get(d.kind() == Kind.CANCELLATION ? "title.cancellation" : "title.invoice");
    }

    String subtitle() {
        Map<String, String> v =
                Map.of("apartment", d.apartmentCode() + " (" + d.apartmentName() + ")", "period", period());
        return t.get(d.kind() == Kind.CANCELLATION ? "subtitle.cancellation" : "subtitle.invoice", v);
    }

    String period() {
        return f.date(d.periodFirst()) + " – " + f.date(d.periodLast());
    }

    boolean dueIsRefund() {
        return d.kind() == Kind.CANCELLATION
                ? !d.gross().isPositive()
                : d.gross().isNegative();
    }

    Money absolute(Money m) {
        return m.isNegative() ? m.negated() : m;
    }
}
