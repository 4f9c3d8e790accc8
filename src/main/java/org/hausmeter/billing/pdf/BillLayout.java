package org.hausmeter.billing.pdf;

import java.awt.Color;
import java.util.Properties;

/**
 * Page geometry, font sizes and colours from {@code templates/bill/layout.properties}. Lengths are
 * millimetres in the file and PDF points (1/72 inch) here. Every key must be present.
 */
final class BillLayout {

    static final float PT_PER_MM = 72f / 25.4f;

    private final Properties p;
    private final String source;

    private BillLayout(Properties p, String source) {
        this.p = p;
        this.source = source;
    }

    static BillLayout load(ClassLoader loader) {
        String name = BillTexts.ROOT + "layout.properties";
        BillLayout layout = new BillLayout(BillTexts.loadProperties(loader, name), name);
        layout.checkAll();
        return layout;
    }

    private void checkAll() {
        for (String key : p.stringPropertyNames()) {
            if (key.endsWith(".mm") || key.startsWith("font.")) {
                number(key);
            } else if (key.startsWith("colour.")) {
                colour(key.substring("colour.".length()));
            }
        }
    }

    private String raw(String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("Layout setting [" + key + "] is missing in [" + source + "]");
        }
        return v.trim();
    }

    private float number(String key) {
        try {
            return Float.parseFloat(raw(key));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(
                    "Layout setting [" + key + "] = [" + raw(key) + "] in [" + source + "] is not a number", e);
        }
    }

    /** @return the length of {@code <key>.mm} in points */
    float mm(String key) {
        return number(key + ".mm") * PT_PER_MM;
    }

    /** @return the font size {@code font.<key>} in points */
    float font(String key) {
        return number("font." + key);
    }

    /** @return the colour {@code colour.<key>}, written as six hex digits RRGGBB */
    Color colour(String key) {
        String v = raw("colour." + key);
        if (!v.matches("[0-9A-Fa-f]{6}")) {
            throw new IllegalStateException(
                    "Layout setting [colour." + key + "] = [" + v + "] in [" + source + "] is not RRGGBB");
        }
        return new Color(Integer.parseInt(v, 16));
    }
}
