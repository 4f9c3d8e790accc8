package org.hausmeter.billing.pdf;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.PageSize;
import com.lowagie.text.pdf.PdfDate;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfEncryption;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfString;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import java.util.TreeSet;
import org.hausmeter.billing.pdf.BillDocument.Kind;

/**
 * Renders a {@link BillDocument} as an A4 PDF with OpenPDF.
 *
 * <p>Wording, geometry, font sizes and colours come from {@code templates/bill/} on the class path
 * ({@code messages_de.properties}, {@code messages_en.properties}, {@code layout.properties}), read once
 * by the constructor; see docs/bill-pdf.md. Fonts are the PDF base-14 Helvetica faces in WinAnsi (Cp1252)
 * encoding: nothing is looked up on the system or the network, umlauts, ß and € render, and characters
 * outside Cp1252 in names are replaced by their base letter (ś → s).
 *
 * <p>Deterministic: equal documents give byte-identical PDFs, so the SHA-256 stored when a bill is issued
 * can be checked by rendering again (with the same templates and library versions). Creation and
 * modification date are the issue date at 00:00 UTC; the file ID is the MD5 of the same PDF rendered
 * with an all-zero ID, so it is derived from the content and never random.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class BillPdfRenderer {

    private final BillLayout layout;
    private final Map<String, BillTexts> texts = new LinkedHashMap<>();

    /**
     * Reads the layout and the texts of every language in {@link BillDocument#LANGUAGES} from the class
     * path of this class.
     *
     * @throws IllegalStateException when a file is missing, a setting is malformed, or the languages do not
     *                               define the same message keys
     */
    public BillPdfRenderer() {
        ClassLoader loader = BillPdfRenderer.class.getClassLoader();
        this.layout = BillLayout.load(loader);
        TreeSet<String> reference = null;
        String referenceSource = null;
        for (String language : new TreeSet<>(BillDocument.LANGUAGES)) {
            BillTexts t = BillTexts.load(loader, language);
            if (reference != null && !reference.equals(t.keys())) {
                TreeSet<String> onlyHere = new TreeSet<>(t.keys());
                onlyHere.removeAll(reference);
                TreeSet<String> missingHere = new TreeSet<>(reference);
                missingHere.removeAll(t.keys());
                throw new IllegalStateException(
                        "[" + t.source() + "] and [" + referenceSource + "] define different keys: only in the first "
                                + onlyHere + ", missing in the first " + missingHere);
            }
            reference = t.keys();
            referenceSource = t.source();
            texts.put(language, t);
        }
    }

    /**
     * @param document the bill, not null
     * @return the PDF, byte-for-byte the same for equal documents
     * @throws IllegalStateException when a text the bill needs is missing from the templates (e.g. a new line key)
     */
    public byte[] render(BillDocument document) {
        Objects.requireNonNull(document, "document");
        byte[] firstPass = write(document, new byte[16]);
        return write(document, md5(firstPass));
    }

    private byte[] write(BillDocument d, byte[] fileId) {
        try {
            return new Run(d, fileId).write();
        } catch (DocumentException e) {
            throw new IllegalStateException("Cannot render bill [" + d.number() + "]: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render bill [" + d.number() + "]", e);
        }
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every Java runtime", e);
        }
    }

    /** One rendering of one document. */
    private final class Run {

        private final BillDocument d;
        private final byte[] fileId;
        private final BillTexts t;
        private final BillFormat f;
        private final PdfCells cells;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Document pdf;
        private PdfWriter writer;

        Run(BillDocument d, byte[] fileId) throws IOException, DocumentException {
            this.d = d;
            this.fileId = fileId;
            this.t = texts.get(d.language());
            this.f = new BillFormat(
                    d.language(), Arrays.asList(t.get("month.names").split("\\s*,\\s*")));
            this.cells = new PdfCells(layout);
        }

        byte[] write() throws DocumentException, IOException {
            float left = layout.mm("page.margin.left");
            float right = layout.mm("page.margin.right");
            float top = layout.mm("page.margin.top");
            float bottom = layout.mm("page.margin.bottom");
            pdf = new Document(PageSize.A4, left, right, layout.mm("firstpage.content.top"), bottom);
            writer = PdfWriter.getInstance(pdf, out);
            BillPdfContext ctx = new BillPdfContext(d, t, f, cells, pdf, writer);
            writer.setPageEvent(new BillPdfFooter(ctx));
            writer.setStrictImageSequence(true);
            pdf.addTitle(cells.pdfText(ctx.title() + " " + d.number()));
            pdf.addAuthor(cells.pdfText(d.issuer().name()));
            pdf.addSubject(cells.pdfText(ctx.subtitle()));
            pdf.addCreator("Hausmeter");
            pdf.open();
            pdf.setMargins(left, right, top, bottom); // from page 2 on
            BillPdfHead head = new BillPdfHead(ctx);
            head.firstPageHead();
            head.titleBlock();
            head.amountBox();
            BillPdfTables tables = new BillPdfTables(ctx);
            tables.linesTable();
            tables.vatTable();
            BillPdfFacts facts = new BillPdfFacts(ctx);
            facts.meters();
            if (d.kind() == Kind.INVOICE) {
                facts.consumption();
            }
            facts.contract();
            facts.textBlock(t.get("rights.heading"), List.of(t.get("rights.text")), cells.small);
            if (!d.notes().isEmpty()) {
                facts.textBlock(t.get("notes.heading"), d.notes(), cells.body);
            }
            fixMetadata();
            pdf.close();
            return out.toByteArray();
        }

        /** Fixed dates and the given file ID instead of the clock and a random ID. */
        private void fixMetadata() {
            Calendar issued = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC), Locale.ROOT);
            issued.clear();
            issued.set(
                    d.issueDate().getYear(),
                    d.issueDate().getMonthValue() - 1,
                    d.issueDate().getDayOfMonth(),
                    0,
                    0,
                    0);
            PdfDictionary info = writer.getInfo();
            info.put(PdfName.CREATIONDATE, new PdfDate(issued));
            info.put(PdfName.MODDATE, new PdfDate(issued));
            info.put(PdfName.FILEID, PdfEncryption.createInfoId(fileId, fileId));
            writer.getExtraCatalog().put(PdfName.LANG, new PdfString(d.language()));
        }
    }
}
