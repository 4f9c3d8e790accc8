package org.hausmeter.web.caretaker;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The general assembly's handout as an A4 landscape PDF (OpenPDF, base-14 Helvetica in WinAnsi like the bills):
 * the period, each scenario's options, the comparison table with the investment view (the page's rows), and what
 * is and is not modelled.
 */
final class ScenarioHandout {

    /**
     * @param title        the heading
     * @param period       the period sentence
     * @param optionsTitle heading of the options
     * @param options      per scenario "name: options"
     * @param figureHead   heading of the first column
     * @param names        the columns: baseline, then the scenarios
     * @param rows         the comparison
     * @param modelledTitle heading of the last paragraph
     * @param modelled     what is modelled
     * @param notModelled  what is not
     * @param footer       page footer with {@code %d} for the page number
     */
    record Content(
            String title,
            String period,
            String optionsTitle,
            List<String> options,
            String figureHead,
            List<String> names,
            List<ScenarioTables.Row> rows,
            String modelledTitle,
            String modelled,
            String notModelled,
            String footer) {}

    private ScenarioHandout() {}

    static byte[] render(Content c) {
        try {
            BaseFont regular = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.CP1252, BaseFont.NOT_EMBEDDED);
            BaseFont bold = BaseFont.createFont(BaseFont.HELVETICA_BOLD, BaseFont.CP1252, BaseFont.NOT_EMBEDDED);
            Font body = new Font(regular, 9);
            Font strong = new Font(bold, 9);
            Font h1 = new Font(bold, 15);
            Font h2 = new Font(bold, 11);
            Font head = new Font(bold, 9, Font.NORMAL, Color.WHITE);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Document doc = new Document(PageSize.A4.rotate(), 36, 36, 36, 42);
            PdfWriter writer = PdfWriter.getInstance(doc, out);
            writer.setPageEvent(new PdfPageEventHelper() {
                @Override
                public void onEndPage(PdfWriter w, Document d) {
                    ColumnText.showTextAligned(
                            w.getDirectContent(),
                            Element.ALIGN_CENTER,
                            new Phrase(win(String.format(c.footer(), w.getPageNumber())), new Font(regular, 8)),
                            (d.left() + d.right()) / 2,
                            d.bottom() - 20,
                            0);
                }
            });
            doc.addTitle(win(c.title()));
            doc.addCreator("Hausmeter");
            doc.open();
            doc.add(new Paragraph(win(c.title()), h1));
            Paragraph period = new Paragraph(win(c.period()), body);
            period.setSpacingAfter(8);
            doc.add(period);
            doc.add(new Paragraph(win(c.optionsTitle()), h2));
            for (String o : c.options()) {
                Paragraph p = new Paragraph(win("• " + o), body);
                p.setIndentationLeft(8);
                doc.add(p);
            }
            PdfPTable t = new PdfPTable(c.names().size() + 1);
            t.setWidthPercentage(100);
            t.setSpacingBefore(10);
            float[] widths = new float[c.names().size() + 1];
            widths[0] = 2.2f;
            for (int i = 1; i < widths.length; i++) {
                widths[i] = 1.4f;
            }
            t.setWidths(widths);
            t.setHeaderRows(1);
            t.addCell(cell(c.figureHead(), head, new Color(0x50, 0x61, 0x6d), Element.ALIGN_LEFT));
            for (String n : c.names()) {
                t.addCell(cell(n, head, new Color(0x50, 0x61, 0x6d), Element.ALIGN_RIGHT));
            }
            for (ScenarioTables.Row r : c.rows()) {
                if (r.group() != null) {
                    PdfPCell g = cell(r.group(), strong, new Color(0xee, 0xf1, 0xf3), Element.ALIGN_LEFT);
                    g.setColspan(c.names().size() + 1);
                    t.addCell(g);
                }
                t.addCell(cell(r.label(), body, null, Element.ALIGN_LEFT));
                for (String v : r.cells()) {
                    t.addCell(cell(v, body, null, Element.ALIGN_RIGHT));
                }
            }
            doc.add(t);
            Paragraph mt = new Paragraph(win(c.modelledTitle()), h2);
            mt.setSpacingBefore(10);
            doc.add(mt);
            doc.add(new Paragraph(win(c.modelled()), body));
            Paragraph nm = new Paragraph(win(c.notModelled()), body);
            nm.setSpacingBefore(4);
            doc.add(nm);
            doc.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DocumentException e) {
            throw new IllegalStateException("The scenario handout cannot be rendered: " + e.getMessage(), e);
        }
    }

    private static PdfPCell cell(String text, Font font, Color background, int align) {
        PdfPCell cell = new PdfPCell(new Phrase(win(text), font));
        cell.setHorizontalAlignment(align);
        cell.setPaddingTop(1.5f);
        cell.setPaddingBottom(2.5f);
        cell.setPaddingLeft(3);
        cell.setPaddingRight(3);
        cell.setBorderColor(new Color(0xcc, 0xd2, 0xd7));
        if (background != null) {
            cell.setBackgroundColor(background);
        }
        return cell;
    }

    /** Characters WinAnsi lacks, replaced by their nearest ones there. */
    static String win(String s) {
        return s.replace('\u2212', '-')
                .replace('\u2009', ' ')
                .replace('\u202f', ' ')
                .replace('\u00a0', ' ');
    }
}
