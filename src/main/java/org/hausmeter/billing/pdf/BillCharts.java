package org.hausmeter.billing.pdf;

import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfTemplate;
import java.awt.Color;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.hausmeter.billing.pdf.BillDocument.Comparison;
import org.hausmeter.billing.pdf.BillDocument.MonthlyConsumption;

/** The bill's two charts, drawn as vector graphics into PDF templates (form XObjects). */
final class BillCharts {

    private static final int SLOTS = 12;

    private final BillLayout layout;
    private final BillTexts texts;
    private final BillFormat format;
    private final BaseFont regular;
    private final BaseFont bold;

    BillCharts(BillLayout layout, BillTexts texts, BillFormat format, BaseFont regular, BaseFont bold) {
        this.layout = layout;
        this.texts = texts;
        this.format = format;
        this.regular = regular;
        this.bold = bold;
    }

    /**
     * Twelve monthly slots, PV stacked under grid, each bar labelled with its total; a kWh axis with
     * round steps; a legend. Months without data keep their slot empty, so the time axis stays true.
     */
    PdfTemplate history(PdfContentByte cb, List<MonthlyConsumption> history, float width) {
        float height = layout.mm("chart.history.height");
        float small = layout.font("chart");
        PdfTemplate t = cb.createTemplate(width, height);
        Color grid = layout.colour("grid");
        Color pv = layout.colour("pv");
        Color axis = layout.colour("rule");
        Color textColour = layout.colour("text");

        float left = 12 * BillLayout.PT_PER_MM;
        float bottom = 7 * BillLayout.PT_PER_MM;
        float top = height - 8 * BillLayout.PT_PER_MM;
        float plotW = width - left - 2;
        float plotH = top - bottom;

        // legend, top right
        float lx = width - 2;
        lx = legend(t, lx, height - small - 2, pv, texts.get("history.pv"), small);
        legend(t, lx - 12, height - small - 2, grid, texts.get("history.grid"), small);
        text(t, regular, small, textColour, PdfContentByte.ALIGN_LEFT, "kWh", 0, height - small - 2);

        BigDecimal max = BigDecimal.ZERO;
        for (MonthlyConsumption m : history) {
            max = max.max(m.totalKwh());
        }
        BigDecimal step = niceStep(max);
        BigDecimal axisMax = step.multiply(BigDecimal.valueOf(
                Math.max(1, max.divide(step, 0, RoundingMode.CEILING).intValue())));

        t.setLineWidth(0.3f);
        for (BigDecimal v = BigDecimal.ZERO; v.compareTo(axisMax) <= 0; v = v.add(step)) {
            float y = bottom + plotH * v.floatValue() / axisMax.floatValue();
            t.setColorStroke(v.signum() == 0 ? axis : layout.colour("gridline"));
            t.moveTo(left, y);
            t.lineTo(left + plotW, y);
            t.stroke();
            text(t, regular, small, textColour, PdfContentByte.ALIGN_RIGHT, format.number(v), left - 3, y - small / 3);
        }

        float slot = plotW / SLOTS;
        float barW = slot * 0.62f;
        if (history.isEmpty()) {
            text(
                    t,
                    regular,
                    small + 1,
                    textColour,
                    PdfContentByte.ALIGN_CENTER,
                    texts.get("history.empty"),
                    left + plotW / 2,
                    bottom + plotH / 2);
            return t;
        }
        var last = history.get(history.size() - 1).month();
        for (MonthlyConsumption m : history) {
            int index = SLOTS - 1 - (int) m.month().until(last, java.time.temporal.ChronoUnit.MONTHS);
            if (index < 0) {
                continue;
            }
            float x = left + slot * index + (slot - barW) / 2;
            float pvH = plotH * m.pvKwh().floatValue() / axisMax.floatValue();
            float gridH = plotH * m.gridKwh().floatValue() / axisMax.floatValue();
            bar(t, x, bottom, barW, pvH, pv);
            bar(t, x, bottom + pvH, barW, gridH, grid);
            text(
                    t,
                    regular,
                    small,
                    textColour,
                    PdfContentByte.ALIGN_CENTER,
                    format.number(m.totalKwh(), 0),
                    x + barW / 2,
                    bottom + pvH + gridH + 2);
            text(
                    t,
                    regular,
                    small,
                    textColour,
                    PdfContentByte.ALIGN_CENTER,
                    format.month(m.month()),
                    x + barW / 2,
                    bottom - small - 2);
        }
        return t;
    }

    /** Three horizontal bars: this period, the same period last year, the building's median apartment. */
    PdfTemplate comparison(PdfContentByte cb, Comparison c, float width) {
        float size = layout.font("chart") + 0.5f;
        float row = 6.5f * BillLayout.PT_PER_MM;
        float height = row * 3 + 2;
        PdfTemplate t = cb.createTemplate(width, height);
        Color textColour = layout.colour("text");
        float labelW = 62 * BillLayout.PT_PER_MM;
        float valueW = 24 * BillLayout.PT_PER_MM;
        float barMax = width - labelW - valueW;

        BigDecimal max = c.periodKwh();
        for (BigDecimal v : new BigDecimal[] {c.previousYearKwh(), c.buildingMedianKwh()}) {
            if (v != null) {
                max = max.max(v);
            }
        }
        String[] labels = {
            texts.get("comparison.this"), texts.get("comparison.lastYear"), texts.get("comparison.median")
        };
        BigDecimal[] values = {c.periodKwh(), c.previousYearKwh(), c.buildingMedianKwh()};
        Color[] colours = {layout.colour("accent"), layout.colour("compare"), layout.colour("compare")};
        for (int i = 0; i < 3; i++) {
            float y = height - row * (i + 1) + 1;
            float barH = row * 0.6f;
            float textY = y + (row - size) / 2 + 1;
            text(t, i == 0 ? bold : regular, size, textColour, PdfContentByte.ALIGN_LEFT, labels[i], 0, textY);
            if (values[i] == null) {
                text(
                        t,
                        regular,
                        size,
                        layout.colour("muted"),
                        PdfContentByte.ALIGN_LEFT,
                        texts.get("comparison.unknown"),
                        labelW,
                        textY);
                continue;
            }
            float w = max.signum() == 0 ? 0 : barMax * values[i].floatValue() / max.floatValue();
            bar(t, labelW, y + (row - barH) / 2, w, barH, colours[i]);
            text(
                    t,
                    i == 0 ? bold : regular,
                    size,
                    textColour,
                    PdfContentByte.ALIGN_LEFT,
                    format.kwh(values[i]),
                    labelW + w + 4,
                    textY);
        }
        return t;
    }

    /** @return a step of 1, 2, 2.5 or 5 × 10^k giving 2 to 5 grid lines up to {@code max} */
    static BigDecimal niceStep(BigDecimal max) {
        if (max.signum() <= 0) {
            return BigDecimal.ONE;
        }
        BigDecimal raw = max.divide(BigDecimal.valueOf(4), 6, RoundingMode.CEILING);
        BigDecimal magnitude = BigDecimal.ONE.movePointRight(raw.precision() - raw.scale() - 1);
        for (String f : new String[] {"1", "2", "2.5", "5", "10"}) {
            BigDecimal step = magnitude.multiply(new BigDecimal(f));
            if (step.compareTo(raw) >= 0) {
                return step.stripTrailingZeros().scale() < 0 ? step.setScale(0) : step.stripTrailingZeros();
            }
        }
        return magnitude.multiply(BigDecimal.TEN);
    }

    private float legend(PdfTemplate t, float right, float y, Color colour, String label, float size) {
        float textW = regular.getWidthPoint(label, size);
        float x = right - textW;
        text(t, regular, size, layout.colour("text"), PdfContentByte.ALIGN_LEFT, label, x, y);
        bar(t, x - size - 3, y - 0.5f, size, size, colour);
        return x - size - 3;
    }

    private static void bar(PdfTemplate t, float x, float y, float w, float h, Color colour) {
        if (w <= 0 || h <= 0) {
            return;
        }
        t.setColorFill(colour);
        t.rectangle(x, y, w, h);
        t.fill();
    }

    private static void text(
            PdfTemplate t, BaseFont font, float size, Color colour, int align, String s, float x, float y) {
        t.beginText();
        t.setFontAndSize(font, size);
        t.setColorFill(colour);
        t.showTextAligned(align, BillFormat.pdfText(s), x, y, 0);
        t.endText();
    }
}
