package org.hausmeter.billing.pdf;

import com.lowagie.text.Document;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;

/**
 * What a part of the bill PDF (head, tables, facts, footer) works with, taken once from the rendering's
 * {@link BillPdfContext}: the bill, its texts and formats, the layout, the cell styles and fonts, the PDF being written.
 */
abstract class BillPdfSection {

    final BillPdfContext ctx;
    final BillDocument d;
    final BillTexts t;
    final BillFormat f;
    final BillLayout layout;
    final PdfCells cells;
    final BaseFont regularFont;
    final BaseFont boldFont;
    final Color text;
    final Color muted;
    final Color accent;
    final Color rule;
    final float body;
    final float small;
    final Document pdf;
    final PdfWriter writer;

    BillPdfSection(BillPdfContext ctx) {
        this.ctx = ctx;
        this.d = ctx.d;
        this.t = ctx.t;
        this.f = ctx.f;
        this.layout = ctx.layout;
        this.cells = ctx.cells;
        this.regularFont = ctx.cells.regularFont;
        this.boldFont = ctx.cells.boldFont;
        this.text = ctx.cells.text;
        this.muted = ctx.cells.muted;
        this.accent = ctx.cells.accent;
        this.rule = ctx.cells.rule;
        this.body = ctx.cells.body;
        this.small = ctx.cells.small;
        this.pdf = ctx.pdf;
        this.writer = ctx.writer;
    }
}
