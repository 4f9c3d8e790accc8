package org.hausmeter.billing.pdf;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfTemplate;
import java.awt.Color;
import java.io.IOException;

/**
 * Fonts, colours and sizes of the bill, and the cells, chunks, paragraphs and positioned texts made with them.
 * Fonts are the PDF base-14 Helvetica faces in WinAnsi (Cp1252) encoding, see {@link BillPdfRenderer}.
 */
final class PdfCells {

    final BillLayout layout;
    final BaseFont regularFont;
    final BaseFont boldFont;
    final Color text;
    final Color muted;
    final Color accent;
    final Color rule;
    final float body;
    final float small;

    PdfCells(BillLayout layout) throws IOException, DocumentException {
        this.layout = layout;
        this.regularFont = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.CP1252, BaseFont.NOT_EMBEDDED);
        this.boldFont = BaseFont.createFont(BaseFont.HELVETICA_BOLD, BaseFont.CP1252, BaseFont.NOT_EMBEDDED);
        this.text = layout.colour("text");
        this.muted = layout.colour("muted");
        this.accent = layout.colour("accent");
        this.rule = layout.colour("rule");
        this.body = layout.font("body");
        this.small = layout.font("small");
    }

    /** A section heading as the first row of a table, so it never stays behind at a page end. */
    PdfPCell sectionCell(String heading, int colspan) {
        PdfPCell c = cell(heading, font(boldFont, layout.font("heading"), accent), Element.ALIGN_LEFT);
        c.setColspan(colspan);
        c.setPaddingTop(0);
        c.setPaddingBottom(5);
        return c;
    }

    PdfPCell imageCell(PdfTemplate template) throws DocumentException {
        PdfPCell c = new PdfPCell(Image.getInstance(template), false);
        c.setBorder(Rectangle.NO_BORDER);
        c.setPadding(0);
        return c;
    }

    void paragraph(Document pdf, String s, float size, BaseFont bf, Color colour, float spacingBefore)
            throws DocumentException {
        Paragraph p = new Paragraph(pdfText(s), font(bf, size, colour));
        p.setLeading(0, 1.3f);
        p.setSpacingBefore(spacingBefore);
        pdf.add(p);
    }

    PdfPCell headCell(String s, int align) {
        PdfPCell c = cell(s, font(boldFont, small, text), align);
        c.setBorder(Rectangle.BOTTOM);
        c.setBorderColor(accent);
        c.setBorderWidth(0.8f);
        c.setPaddingBottom(3);
        return c;
    }

    PdfPCell indented(PdfPCell c) {
        c.setPaddingLeft(7);
        return c;
    }

    PdfPCell rowCell(String s, int align) {
        PdfPCell c = cell(s, font(regularFont, body, text), align);
        styleRow(c, align);
        return c;
    }

    void styleRow(PdfPCell c, int align) {
        c.setHorizontalAlignment(align);
        c.setBorder(Rectangle.BOTTOM);
        c.setBorderColor(layout.colour("gridline"));
        c.setBorderWidth(0.4f);
        c.setPaddingTop(2.5f);
        c.setPaddingBottom(3.5f);
        c.setPaddingLeft(2);
        c.setPaddingRight(2);
        c.setLeading(0, 1.25f);
    }

    /** A cell; {@code \n} in {@code s} breaks the line. */
    PdfPCell cell(String s, Font font, int align) {
        Phrase phrase = new Phrase();
        String[] lines = s.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                phrase.add(Chunk.NEWLINE);
            }
            phrase.add(new Chunk(pdfText(lines[i]), font));
        }
        PdfPCell c = new PdfPCell(phrase);
        c.setBorder(Rectangle.NO_BORDER);
        c.setHorizontalAlignment(align);
        c.setPadding(1);
        return c;
    }

    Chunk chunk(String s, Font font) {
        return new Chunk(pdfText(s), font);
    }

    Font font(BaseFont bf, float size, Color colour) {
        return new Font(bf, size, Font.NORMAL, colour);
    }

    void show(PdfContentByte cb, BaseFont bf, float size, Color colour, int align, String s, float x, float y) {
        ColumnText.showTextAligned(cb, align, new Phrase(pdfText(s), font(bf, size, colour)), x, y, 0);
    }

    String fitWidth(String s, BaseFont bf, float size, float width) {
        String fitted = pdfText(s);
        while (fitted.length() > 4 && bf.getWidthPoint(fitted, size) > width) {
            fitted = fitted.substring(0, fitted.length() - 2) + "…";
        }
        return fitted;
    }

    String pdfText(String s) {
        return BillFormat.pdfText(s);
    }
}
