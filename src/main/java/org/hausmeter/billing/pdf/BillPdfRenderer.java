package org.hausmeter.billing.pdf;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfDate;
import com.lowagie.text.pdf.PdfDictionary;
import com.lowagie.text.pdf.PdfEncryption;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfString;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
import org.hausmeter.billing.BillCalculator;
import org.hausmeter.billing.BillLine;
import org.hausmeter.billing.QuantityUnit;
import org.hausmeter.billing.VatTotal;
import org.hausmeter.billing.pdf.BillDocument.Kind;
import org.hausmeter.billing.pdf.BillDocument.MeterReading;
import org.hausmeter.tariff.GridPrice;
import org.hausmeter.tariff.Money;

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

    private static final float MM = BillLayout.PT_PER_MM;

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
                throw new IllegalStateException("[" + t.source() + "] and [" + referenceSource
                        + "] define different keys: only in the first " + onlyHere + ", missing in the first " + missingHere);
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
        private final BaseFont regularFont;
        private final BaseFont boldFont;
        private final Color text;
        private final Color muted;
        private final Color accent;
        private final Color rule;
        private final float body;
        private final float small;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Document pdf;
        private PdfWriter writer;

        Run(BillDocument d, byte[] fileId) throws IOException, DocumentException {
            this.d = d;
            this.fileId = fileId;
            this.t = texts.get(d.language());
            this.f = new BillFormat(d.language(), Arrays.asList(t.get("month.names").split("\\s*,\\s*")));
            this.regularFont = BaseFont.createFont(BaseFont.HELVETICA, BaseFont.CP1252, BaseFont.NOT_EMBEDDED);
            this.boldFont = BaseFont.createFont(BaseFont.HELVETICA_BOLD, BaseFont.CP1252, BaseFont.NOT_EMBEDDED);
            this.text = layout.colour("text");
            this.muted = layout.colour("muted");
            this.accent = layout.colour("accent");
            this.rule = layout.colour("rule");
            this.body = layout.font("body");
            this.small = layout.font("small");
        }

        byte[] write() throws DocumentException, IOException {
            float left = layout.mm("page.margin.left");
            float right = layout.mm("page.margin.right");
            float top = layout.mm("page.margin.top");
            float bottom = layout.mm("page.margin.bottom");
            pdf = new Document(PageSize.A4, left, right, layout.mm("firstpage.content.top"), bottom);
            writer = PdfWriter.getInstance(pdf, out);
            writer.setPageEvent(new PageDecoration());
            writer.setStrictImageSequence(true);
            pdf.addTitle(pdfText(title() + " " + d.number()));
            pdf.addAuthor(pdfText(d.issuer().name()));
            pdf.addSubject(pdfText(subtitle()));
            pdf.addCreator("Hausmeter");
            pdf.open();
            pdf.setMargins(left, right, top, bottom); // from page 2 on
            firstPageHead();
            titleBlock();
            amountBox();
            linesTable();
            vatTable();
            meters();
            if (d.kind() == Kind.INVOICE) {
                consumption();
            }
            contract();
            textBlock(t.get("rights.heading"), List.of(t.get("rights.text")), small);
            if (!d.notes().isEmpty()) {
                textBlock(t.get("notes.heading"), d.notes(), body);
            }
            fixMetadata();
            pdf.close();
            return out.toByteArray();
        }

        /** Fixed dates and the given file ID instead of the clock and a random ID. */
        private void fixMetadata() {
            Calendar issued = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.UTC), Locale.ROOT);
            issued.clear();
            issued.set(d.issueDate().getYear(), d.issueDate().getMonthValue() - 1, d.issueDate().getDayOfMonth(), 0, 0, 0);
            PdfDictionary info = writer.getInfo();
            info.put(PdfName.CREATIONDATE, new PdfDate(issued));
            info.put(PdfName.MODDATE, new PdfDate(issued));
            info.put(PdfName.FILEID, PdfEncryption.createInfoId(fileId, fileId));
            writer.getExtraCatalog().put(PdfName.LANG, new PdfString(d.language()));
        }

        // ---- page 1 head: letterhead, address window, information block (DIN 5008 form B) ----

        private void firstPageHead() throws DocumentException {
            PdfContentByte cb = writer.getDirectContent();
            float pageH = PageSize.A4.getHeight();
            float left = layout.mm("page.margin.left");
            float right = PageSize.A4.getWidth() - layout.mm("page.margin.right");

            float nameY = pageH - layout.mm("letterhead.top") - layout.font("letterhead");
            show(cb, boldFont, layout.font("letterhead"), accent, Element.ALIGN_LEFT, d.issuer().name(), left, nameY);
            List<String> contact = new ArrayList<>(d.issuer().addressLines());
            contact.add(t.get("footer.phone", Map.of("phone", d.issuer().phone())));
            contact.add(t.get("footer.email", Map.of("email", d.issuer().email())));
            show(cb, regularFont, small, muted, Element.ALIGN_LEFT, String.join("  ·  ", contact), left, nameY - small - 4);
            cb.setColorStroke(accent);
            cb.setLineWidth(0.8f);
            cb.moveTo(left, nameY - small - 8);
            cb.lineTo(right, nameY - small - 8);
            cb.stroke();

            // address window
            float wx = layout.mm("window.left");
            float wy = pageH - layout.mm("window.top");
            float ww = layout.mm("window.width");
            String sender = d.issuer().name() + " · " + String.join(" · ", d.issuer().addressLines());
            float senderSize = layout.font("sender");
            show(cb, regularFont, senderSize, muted, Element.ALIGN_LEFT, fitWidth(sender, regularFont, senderSize, ww), wx,
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
                show(cb, regularFont, size, text, Element.ALIGN_LEFT, line, wx, y);
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
            infoRow(info, t.get(d.kind() == Kind.CANCELLATION ? "info.number.cancellation" : "info.number"), d.number(), true);
            infoRow(info, t.get("info.date"), f.date(d.issueDate()), false);
            if (d.cancels() != null) {
                infoRow(info, t.get("info.cancels"), d.cancels().number() + " " + t.get("info.of") + " "
                        + f.date(d.cancels().issueDate()), true);
            }
            infoRow(info, t.get("info.period"), period(), false);
            infoRow(info, t.get(dueIsRefund() ? "info.refundBy" : "info.due"), f.date(d.dueDate()), true);
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
            PdfPCell l = cell(label, font(regularFont, small, muted), Element.ALIGN_LEFT);
            l.setPaddingTop(1.2f);
            PdfPCell v = cell(value, font(strong ? boldFont : regularFont, body, text), Element.ALIGN_LEFT);
            table.addCell(l);
            table.addCell(v);
        }

        // ---- body ----

        private void titleBlock() throws DocumentException {
            Paragraph title = new Paragraph(pdfText(title()), font(boldFont, layout.font("title"), accent));
            pdf.add(title);
            Paragraph sub = new Paragraph(pdfText(subtitle()), font(regularFont, body + 1, text));
            sub.setSpacingAfter(5);
            pdf.add(sub);
            if (d.cancels() != null) {
                PdfPTable box = new PdfPTable(1);
                box.setWidthPercentage(100);
                Phrase p = new Phrase();
                p.add(chunk(t.get("cancellation.reference", Map.of("number", d.cancels().number(), "date",
                        f.date(d.cancels().issueDate()))), font(boldFont, body, text)));
                p.add(chunk(" " + t.get("cancellation.reason", Map.of("reason", d.cancels().reason())),
                        font(regularFont, body, text)));
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

        private void amountBox() throws DocumentException {
            Money gross = d.gross();
            String label;
            Money shown = gross;
            String payment;
            Map<String, String> v = new LinkedHashMap<>();
            v.put("amount", f.money(absolute(gross)));
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
                shown = absolute(gross);
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
            left.add(chunk(label + "  ", font(boldFont, body + 1, text)));
            left.add(chunk(f.money(shown), font(boldFont, big, accent)));
            PdfPCell a = new PdfPCell(left);
            Phrase right = new Phrase();
            right.add(chunk(t.get(dueIsRefund() ? "info.refundBy" : "info.due") + "  ", font(boldFont, body + 1, text)));
            right.add(chunk(f.date(d.dueDate()), font(boldFont, big, accent)));
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
            PdfPCell p = cell(payment, font(regularFont, body, text), Element.ALIGN_LEFT);
            p.setColspan(2);
            p.setBackgroundColor(shade);
            p.setPaddingLeft(6);
            p.setPaddingRight(6);
            p.setPaddingBottom(6);
            p.setLeading(0, 1.25f);
            box.addCell(p);
            pdf.add(box);
        }

        private void linesTable() throws DocumentException {
            PdfPTable table = new PdfPTable(new float[] {5, 58, 14, 9, 15, 15, 8});
            table.setWidthPercentage(100);
            table.setSpacingBefore(layout.mm("section.space"));
            table.setHeaderRows(2);
            table.addCell(sectionCell(t.get("lines.heading"), 7));
            String[] heads = {"col.pos", "col.description", "col.quantity", "col.unit", "col.unitPrice", "col.net", "col.vat"};
            for (int i = 0; i < heads.length; i++) {
                table.addCell(headCell(t.get(heads[i]), i == 1 || i == 3 ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT));
            }
            boolean manyTariffs = d.lines().stream().map(l -> l.details().get("tariff")).filter(Objects::nonNull).distinct().count() > 1;
            int pos = 1;
            for (BillLine l : d.lines()) {
                table.addCell(rowCell(Integer.toString(pos++), Element.ALIGN_RIGHT));
                Phrase desc = new Phrase();
                desc.add(chunk(lineTitle(l), font(regularFont, body, text)));
                String detail = lineDetail(l, manyTariffs);
                if (!detail.isEmpty()) {
                    desc.add(Chunk.NEWLINE);
                    desc.add(chunk(detail, font(regularFont, small, muted)));
                }
                PdfPCell dc = new PdfPCell(desc);
                styleRow(dc, Element.ALIGN_LEFT);
                table.addCell(dc);
                table.addCell(rowCell(quantity(l), Element.ALIGN_RIGHT));
                table.addCell(rowCell(t.get("unit." + l.unit().name()), Element.ALIGN_LEFT));
                table.addCell(rowCell(f.price(l.unitPrice(), d.currency()), Element.ALIGN_RIGHT));
                table.addCell(rowCell(f.money(l.net()), Element.ALIGN_RIGHT));
                table.addCell(rowCell(f.percent(l.vatRate()), Element.ALIGN_RIGHT));
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
                throw new IllegalStateException("Bill line [" + l.key() + "] has no text [" + key + "] in [" + t.source() + "]");
            }
            String title = t.get(key);
            String window = det.get("window");
            if (window != null && !GridPrice.FLAT.equals(window)) {
                title += " " + t.get("detail.window", Map.of("window", window));
            }
            if (BillCalculator.EV_SESSION.equals(l.key()) && det.containsKey("session")) {
                title += " " + det.get("session");
            }
            return title;
        }

        private String lineDetail(BillLine l, boolean manyTariffs) {
            Map<String, String> det = l.details();
            List<String> parts = new ArrayList<>();
            if (BillCalculator.EV_SESSION.equals(l.key()) && det.containsKey("start") && det.containsKey("end")) {
                OffsetDateTime start = OffsetDateTime.parse(det.get("start"));
                OffsetDateTime end = OffsetDateTime.parse(det.get("end"));
                DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
                String endText = end.toLocalDate().equals(start.toLocalDate())
                        ? hm.format(end) : f.date(end.toLocalDate()) + " " + hm.format(end);
                parts.add(t.get("detail.ev.time", Map.of("start", f.date(start.toLocalDate()) + " " + hm.format(start),
                        "end", endText)));
                if (det.containsKey("pvKwh") && det.containsKey("gridKwh")) {
                    parts.add(t.get("detail.ev.split", Map.of(
                            "pvKwh", f.kwh(new BigDecimal(det.get("pvKwh"))),
                            "pvPrice", f.price(new BigDecimal(det.get("pvPrice")), d.currency()),
                            "gridKwh", f.kwh(new BigDecimal(det.get("gridKwh"))),
                            "gridPrice", f.price(new BigDecimal(det.get("gridPrice")), d.currency()),
                            "pvShare", f.percent(new BigDecimal(det.get("pvSharePercent"))))));
                }
            }
            if (BillCalculator.BASE_FEE.equals(l.key()) && l.unit() == QuantityUnit.DAY && det.containsKey("monthlyFee")) {
                parts.add(t.get("detail.baseFee", Map.of(
                        "fee", f.price(new BigDecimal(det.get("monthlyFee")), d.currency()),
                        "days", det.get("days"), "daysInMonth", det.get("daysInMonth"))));
            }
            if (det.containsKey("estimatedIntervals") && !"0".equals(det.get("estimatedIntervals"))) {
                parts.add(t.get("detail.estimated", Map.of(
                        "estimated", f.integer(Long.parseLong(det.get("estimatedIntervals"))),
                        "intervals", f.integer(Long.parseLong(det.getOrDefault("intervals", "0"))))));
            }
            if (manyTariffs && det.containsKey("tariff")) {
                parts.add(t.get("detail.tariff", Map.of("date", f.date(java.time.LocalDate.parse(det.get("tariff"))))));
            }
            return String.join(" · ", parts);
        }

        private void vatTable() throws DocumentException {
            PdfPTable table = new PdfPTable(new float[] {16, 16, 16, 16});
            table.setWidthPercentage(58);
            table.setHorizontalAlignment(Element.ALIGN_RIGHT);
            table.setSpacingBefore(6);
            table.setKeepTogether(true);
            for (String h : new String[] {"vat.col.rate", "vat.col.net", "vat.col.vat", "vat.col.gross"}) {
                table.addCell(headCell(t.get(h), Element.ALIGN_RIGHT));
            }
            boolean zeroRate = false;
            for (VatTotal v : d.vatTotals()) {
                zeroRate |= v.rate().percent().signum() == 0;
                table.addCell(rowCell(f.percent(v.rate()), Element.ALIGN_RIGHT));
                table.addCell(rowCell(f.money(v.net()), Element.ALIGN_RIGHT));
                table.addCell(rowCell(f.money(v.vat()), Element.ALIGN_RIGHT));
                table.addCell(rowCell(f.money(v.gross()), Element.ALIGN_RIGHT));
            }
            totalRow(table, t.get("totals.net"), f.money(d.net()), false);
            totalRow(table, t.get("totals.vat"), f.money(d.vat()), false);
            totalRow(table, t.get("totals.gross"), f.money(d.gross()), true);
            if (zeroRate) {
                PdfPCell note = cell(t.get("vat.zero.note"), font(regularFont, small, muted), Element.ALIGN_LEFT);
                note.setColspan(4);
                note.setPaddingTop(4);
                table.addCell(note);
            }
            pdf.add(table);
        }

        private void totalRow(PdfPTable table, String label, String amount, boolean strong) {
            Font font = font(strong ? boldFont : regularFont, strong ? body + 1 : body, text);
            PdfPCell l = cell(label, font, Element.ALIGN_LEFT);
            l.setColspan(3);
            PdfPCell a = cell(amount, font, Element.ALIGN_RIGHT);
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

        private void meters() throws DocumentException {
            PdfPTable table = new PdfPTable(new float[] {33, 25, 26, 25, 26, 30});
            table.setWidthPercentage(100);
            table.setSpacingBefore(layout.mm("section.space"));
            table.setHeaderRows(2);
            table.setKeepTogether(true);
            table.addCell(sectionCell(t.get("meters.heading"), 6));
            table.addCell(headCell(t.get("meters.col.meter"), Element.ALIGN_LEFT));
            table.addCell(headCell(t.get("meters.col.start") + "\n" + f.date(d.periodFirst()), Element.ALIGN_RIGHT));
            table.addCell(indented(headCell(t.get("meters.col.how"), Element.ALIGN_LEFT)));
            table.addCell(headCell(t.get("meters.col.end") + "\n" + f.date(d.periodLast()), Element.ALIGN_RIGHT));
            table.addCell(indented(headCell(t.get("meters.col.how"), Element.ALIGN_LEFT)));
            table.addCell(headCell(t.get("meters.col.consumption"), Element.ALIGN_RIGHT));
            for (MeterReading m : d.meters()) {
                Phrase meter = new Phrase();
                meter.add(chunk(m.meterNumber(), font(regularFont, body, text)));
                meter.add(Chunk.NEWLINE);
                meter.add(chunk(m.name(), font(regularFont, small, muted)));
                PdfPCell mc = new PdfPCell(meter);
                styleRow(mc, Element.ALIGN_LEFT);
                table.addCell(mc);
                table.addCell(rowCell(f.kwh(m.startKwh()), Element.ALIGN_RIGHT));
                table.addCell(indented(rowCell(t.get("source." + m.startSource().name()), Element.ALIGN_LEFT)));
                table.addCell(rowCell(f.kwh(m.endKwh()), Element.ALIGN_RIGHT));
                table.addCell(indented(rowCell(t.get("source." + m.endSource().name()), Element.ALIGN_LEFT)));
                PdfPCell c = rowCell("", Element.ALIGN_RIGHT);
                c.setPhrase(new Phrase(pdfText(f.kwh(m.consumptionKwh())), font(boldFont, body, text)));
                table.addCell(c);
            }
            pdf.add(table);
            paragraph(t.get("meters.times", Map.of("start", f.date(d.periodFirst()), "end", f.date(d.periodLast()))),
                    small, regularFont, muted, 3);
            paragraph(t.get("meters.estimated", Map.of(
                    "estimated", f.integer(d.estimatedIntervals()),
                    "total", f.integer(d.totalIntervals()),
                    "percent", f.percent(BigDecimal.valueOf(d.estimatedIntervals() * 100L)
                            .divide(BigDecimal.valueOf(Math.max(1, d.totalIntervals())), 1, RoundingMode.HALF_UP)))),
                    body, regularFont, text, 3);
            BigDecimal pvShare = pvSharePercent();
            if (pvShare != null) {
                paragraph(t.get("meters.pvShare", Map.of("percent", f.percent(pvShare))), body, regularFont, text, 0);
            }
            paragraph(t.get("meters.sources"), small, regularFont, muted, 3);
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

        private void consumption() throws DocumentException {
            float width = pdf.right() - pdf.left();
            BillCharts charts = new BillCharts(layout, t, f, regularFont, boldFont);
            PdfPTable block = new PdfPTable(1);
            block.setWidthPercentage(100);
            block.setKeepTogether(true);
            block.setSpacingBefore(layout.mm("section.space"));
            block.addCell(sectionCell(t.get("history.heading"), 1));
            block.addCell(imageCell(charts.history(writer.getDirectContent(), d.history(), width)));
            PdfPCell comparisonHead = sectionCell(t.get("comparison.heading"), 1);
            comparisonHead.setPaddingTop(10);
            block.addCell(comparisonHead);
            block.addCell(imageCell(charts.comparison(writer.getDirectContent(), d.comparison(), width)));
            PdfPCell note = cell(comparisonText() + " " + t.get("comparison.note"), font(regularFont, small, muted),
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
                parts.add(t.get("comparison.change.lastYear", Map.of("percent", change(c.periodKwh(), c.previousYearKwh()))));
            }
            if (c.buildingMedianKwh() != null && c.buildingMedianKwh().signum() > 0) {
                parts.add(t.get("comparison.change.median", Map.of("percent", change(c.periodKwh(), c.buildingMedianKwh()))));
            }
            return String.join(" ", parts);
        }

        private String change(BigDecimal value, BigDecimal reference) {
            BigDecimal pct = value.subtract(reference).multiply(BigDecimal.valueOf(100))
                    .divide(reference, 0, RoundingMode.HALF_UP);
            return (pct.signum() > 0 ? "+" : "") + f.percent(pct);
        }

        private void contract() throws DocumentException {
            BillDocument.Contract c = d.contract();
            PdfPTable facts = new PdfPTable(new float[] {35, 65});
            facts.setWidthPercentage(100);
            facts.setSpacingBefore(layout.mm("section.space"));
            facts.setKeepTogether(true);
            facts.addCell(sectionCell(t.get("contract.heading"), 2));
            fact(facts, t.get("contract.name"), c.name());
            fact(facts, t.get("contract.since"), f.date(c.since()));
            fact(facts, t.get("contract.term"), c.term());
            fact(facts, t.get("contract.notice"), c.noticePeriod());
            fact(facts, t.get("contract.nextTermination"),
                    c.nextTerminationDate() == null ? t.get("contract.nextTermination.none") : f.date(c.nextTerminationDate()));
            fact(facts, t.get("metering.point"), d.apartmentCode() + " · " + d.apartmentName());
            fact(facts, t.get("metering.malo"), c.marketLocationId() == null ? t.get("metering.malo.none") : c.marketLocationId());
            fact(facts, t.get("metering.operator"), c.meteringOperator());
            if (c.gridOperator() != null) {
                fact(facts, t.get("metering.grid"), c.gridOperator());
            }
            pdf.add(facts);

            PdfPTable prices = new PdfPTable(new float[] {55, 15, 15, 15});
            prices.setWidthPercentage(100);
            prices.setSpacingBefore(6);
            prices.setHeaderRows(1);
            prices.setKeepTogether(true);
            prices.addCell(headCell(t.get("price.col.item"), Element.ALIGN_LEFT));
            prices.addCell(headCell(t.get("price.col.net"), Element.ALIGN_RIGHT));
            prices.addCell(headCell(t.get("price.col.vat"), Element.ALIGN_RIGHT));
            prices.addCell(headCell(t.get("price.col.gross"), Element.ALIGN_RIGHT));
            for (BillDocument.Price p : c.prices()) {
                String per = " / " + t.get("unit.per." + p.unit().name());
                int scale = Math.max(2, p.net().scale());
                BigDecimal gross = p.net().multiply(BigDecimal.ONE.add(p.vatRate().percent().movePointLeft(2)))
                        .setScale(scale, RoundingMode.HALF_UP);
                prices.addCell(rowCell(p.label(), Element.ALIGN_LEFT));
                prices.addCell(rowCell(f.price(p.net(), d.currency()) + per, Element.ALIGN_RIGHT));
                prices.addCell(rowCell(f.percent(p.vatRate()), Element.ALIGN_RIGHT));
                prices.addCell(rowCell(f.price(gross, d.currency()) + per, Element.ALIGN_RIGHT));
            }
            pdf.add(prices);
        }

        private void fact(PdfPTable table, String label, String value) {
            PdfPCell l = cell(label, font(regularFont, body, muted), Element.ALIGN_LEFT);
            PdfPCell v = cell(value, font(regularFont, body, text), Element.ALIGN_LEFT);
            for (PdfPCell c : new PdfPCell[] {l, v}) {
                c.setPaddingBottom(2.5f);
                table.addCell(c);
            }
        }

        // ---- building blocks ----

        private String title() {
            return t.get(d.kind() == Kind.CANCELLATION ? "title.cancellation" : "title.invoice");
        }

        private String subtitle() {
            Map<String, String> v = Map.of("apartment", d.apartmentCode() + " (" + d.apartmentName() + ")",
                    "period", period());
            return t.get(d.kind() == Kind.CANCELLATION ? "subtitle.cancellation" : "subtitle.invoice", v);
        }

        private String period() {
            return f.date(d.periodFirst()) + " – " + f.date(d.periodLast());
        }

        private boolean dueIsRefund() {
            return d.kind() == Kind.CANCELLATION ? !d.gross().isPositive() : d.gross().isNegative();
        }

        private Money absolute(Money m) {
            return m.isNegative() ? m.negated() : m;
        }

        /** A heading and paragraphs that stay together on one page. */
        private void textBlock(String heading, List<String> paragraphs, float size) throws DocumentException {
            PdfPTable block = new PdfPTable(1);
            block.setWidthPercentage(100);
            block.setSpacingBefore(layout.mm("section.space"));
            block.setKeepTogether(true);
            block.addCell(sectionCell(heading, 1));
            for (String s : paragraphs) {
                PdfPCell c = cell(s, font(regularFont, size, text), Element.ALIGN_LEFT);
                c.setLeading(0, 1.3f);
                c.setPaddingBottom(3);
                block.addCell(c);
            }
            pdf.add(block);
        }

        /** A section heading as the first row of a table, so it never stays behind at a page end. */
        private PdfPCell sectionCell(String heading, int colspan) {
            PdfPCell c = cell(heading, font(boldFont, layout.font("heading"), accent), Element.ALIGN_LEFT);
            c.setColspan(colspan);
            c.setPaddingTop(0);
            c.setPaddingBottom(5);
            return c;
        }

        private PdfPCell imageCell(PdfTemplate template) throws DocumentException {
            PdfPCell c = new PdfPCell(Image.getInstance(template), false);
            c.setBorder(Rectangle.NO_BORDER);
            c.setPadding(0);
            return c;
        }

        private void paragraph(String s, float size, BaseFont bf, Color colour, float spacingBefore) throws DocumentException {
            Paragraph p = new Paragraph(pdfText(s), font(bf, size, colour));
            p.setLeading(0, 1.3f);
            p.setSpacingBefore(spacingBefore);
            pdf.add(p);
        }

        private PdfPCell headCell(String s, int align) {
            PdfPCell c = cell(s, font(boldFont, small, text), align);
            c.setBorder(Rectangle.BOTTOM);
            c.setBorderColor(accent);
            c.setBorderWidth(0.8f);
            c.setPaddingBottom(3);
            return c;
        }

        private PdfPCell indented(PdfPCell c) {
            c.setPaddingLeft(7);
            return c;
        }

        private PdfPCell rowCell(String s, int align) {
            PdfPCell c = cell(s, font(regularFont, body, text), align);
            styleRow(c, align);
            return c;
        }

        private void styleRow(PdfPCell c, int align) {
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
        private PdfPCell cell(String s, Font font, int align) {
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

        private Chunk chunk(String s, Font font) {
            return new Chunk(pdfText(s), font);
        }

        private Font font(BaseFont bf, float size, Color colour) {
            return new Font(bf, size, Font.NORMAL, colour);
        }

        private void show(PdfContentByte cb, BaseFont bf, float size, Color colour, int align, String s, float x, float y) {
            ColumnText.showTextAligned(cb, align, new Phrase(pdfText(s), font(bf, size, colour)), x, y, 0);
        }

        private String fitWidth(String s, BaseFont bf, float size, float width) {
            String fitted = pdfText(s);
            while (fitted.length() > 4 && bf.getWidthPoint(fitted, size) > width) {
                fitted = fitted.substring(0, fitted.length() - 2) + "…";
            }
            return fitted;
        }

        private String pdfText(String s) {
            return BillFormat.pdfText(s);
        }

        /** Footer with the legal details on every page; a running head and page numbers. */
        private final class PageDecoration extends PdfPageEventHelper {

            private PdfTemplate total;

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
                if (!is.board().isEmpty()) {
                    col2.add(t.get("footer.board", Map.of("names", String.join(", ", is.board()))));
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
                show(cb, regularFont, small, muted, Element.ALIGN_RIGHT, page, right - tw - 2.5f, y);
                cb.addTemplate(total, right - tw, y);
                if (w.getPageNumber() > 1) {
                    String head = title() + " " + d.number() + "  ·  " + d.recipient().name() + "  ·  " + period();
                    float headY = PageSize.A4.getHeight() - layout.mm("page.margin.top") + 6 * MM;
                    show(cb, regularFont, small, muted, Element.ALIGN_LEFT, head, left, headY);
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
                    p.add(new Chunk(pdfText(lines.get(i)), font(i == 0 && boldFirst ? boldFont : regularFont, layout.font("footer"), muted)));
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
        }
    }
}
