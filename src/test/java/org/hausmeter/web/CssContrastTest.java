package org.hausmeter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * WCAG 2.1 AA contrast of every text and chart colour in the style sheets, computed from the CSS itself
 * (issue 17, item 7): the files are parsed into rules, {@code var(--x)} is resolved from {@code :root}, and
 * every foreground colour is paired with the backgrounds it can sit on.
 *
 * <ul>
 *   <li>Text ({@code color}, or {@code fill} of an SVG text: a rule with {@code font-size} or a {@code text}
 *       element): 4.5:1, or 3:1 when the same rule makes it large (24 px, or 18.7 px bold).
 *   <li>Graphical objects (SVG {@code fill}/{@code stroke} of bars, lines, squares; legend swatches):
 *       3:1 (WCAG 1.4.11). An outline counts: a shape passes when its fill or its outline ({@code stroke},
 *       or the swatch's {@code border}) reaches 3:1.
 * </ul>
 *
 * Backgrounds of a rule: its own {@code background}; for {@code .on-X} the colour of the shape {@code .X}
 * it is drawn on; else the nearest ancestor in the selector with a background (the header), plus the
 * backgrounds that rules about the same element in the same scope set without a text colour of their own
 * (hover states); without an ancestor background the page surfaces ({@code --bg}, {@code --card}, and every
 * {@code body.*} background). Print styles (black on white paper) are not checked. Axis and grid lines,
 * the transparent hit areas of bars and the track of the comparison meter are decoration, not content
 * (their values are labelled and in each chart's table), and are listed below by selector.
 */
class CssContrastTest {

    static final List<Path> FILES = List.of(
            Path.of("src/main/resources/META-INF/resources/css/hausmeter.css"),
            Path.of("src/main/resources/META-INF/resources/css/resident.css"),
            Path.of("src/main/resources/META-INF/resources/css/caretaker.css"));

    /** Decoration (not needed to understand the content), by the end of the selector. */
    static final List<String> DECORATION = List.of(
            " .axis", // axis line: the values are labelled
            " .grid", // grid line of the kiosk/meter line charts
            " line.grid", // grid line of the resident bar chart
            " line.axis",
            " rect.hit", // the invisible target area of a bar
            " rect.track", // the empty part of the comparison meter (its value is written next to it)
            "svg.heat .none"); // a day without data in the heat map: the missing square is the information

    record Rule(String selector, Map<String, String> props) {}

    record Check(String selector, String property, String fg, String bg, double ratio, double min) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT, "%s { %s } %s on %s = %.2f:1 (needs %.1f)", selector, property, fg, bg, ratio, min);
        }
    }

    @Test
    void formulaAsWcagDefinesIt() {
        // Known values: black on white 21:1, #777 on white 4.48:1, #767676 on white 4.54:1 (the lightest grey
        // that passes), identical colours 1:1.
        assertEquals(21.0, ratio("#000000", "#ffffff"), 0.01);
        assertEquals(4.48, ratio("#777777", "#ffffff"), 0.01);
        assertEquals(4.54, ratio("#767676", "#ffffff"), 0.01);
        assertEquals(1.0, ratio("#e9a400", "#e9a400"), 0.001);
        assertEquals("#aa3333", hex("#a33"));
    }

    @Test
    void everyTextAndChartColourMeetsAa() throws IOException {
        List<Rule> rules = new ArrayList<>();
        for (Path f : FILES) {
            rules.addAll(parse(Files.readString(f)));
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (Rule r : rules) {
            if (r.selector().equals(":root")) {
                r.props().forEach((k, v) -> {
                    if (k.startsWith("--")) {
                        vars.put(k, v);
                    }
                });
            }
        }
        List<Check> checks = checks(rules, vars);
        List<Check> failures = checks.stream().filter(c -> c.ratio() < c.min()).toList();
        StringBuilder report = new StringBuilder();
        checks.forEach(c -> report.append(c).append('\n'));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/contrast-report.txt"), report);
        assertTrue(
                failures.isEmpty(),
                "below WCAG 2.1 AA:\n"
                        + String.join(
                                "\n", failures.stream().map(Check::toString).toList()) + "\n\nall pairs:\n" + report);
        // The parser must have found the colours it is meant to check (a parser that finds nothing passes nothing).
        assertTrue(checks.size() > 120, "only " + checks.size() + " colour pairs found");
        for (String expected : List.of("figure.chart path.pv", "svg.bars rect.pv", "svg.heat .h0", ".key.pv", "a")) {
            assertTrue(checks.stream().anyMatch(c -> c.selector().equals(expected)), "no check for " + expected);
        }
    }

    /** A colour below the threshold is found: the checker applied to a small style sheet. */
    @Test
    void aLightYellowLineAndGreyTextFail() {
        List<Rule> rules = parse(":root { --card: #fff; --bg: #fff; }\n"
                + "figure.chart path.pv { stroke: #e9a400; }\n"
                + "svg.bars rect.pv { fill: #e9a400; stroke: #8a5a00; }\n"
                + ".note { color: #8d979e; }\n"
                + "h1.big { color: #7d878e; font-size: 2rem; }\n"
                + "header.top { background: #1d2327; color: #fff; }\nheader.top .x { color: #5b6770; }\n"
                + "@media print { .note { color: #eee; } }\n");
        Map<String, String> vars = Map.of("--card", "#fff", "--bg", "#fff");
        List<String> failures = checks(rules, vars).stream()
                .filter(c -> c.ratio() < c.min())
                .map(Check::selector)
                .distinct()
                .toList();
        assertEquals(List.of("figure.chart path.pv", ".note", "header.top .x"), failures);
    }

    static List<Check> checks(List<Rule> rules, Map<String, String> vars) {
        Set<String> pageSurfaces = new LinkedHashSet<>();
        pageSurfaces.add(hex(resolve("var(--bg)", vars)));
        pageSurfaces.add(hex(resolve("var(--card)", vars)));
        for (Rule r : rules) {
            if (r.selector().startsWith("body.") && background(r, vars) != null) {
                pageSurfaces.add(background(r, vars));
            }
        }
        pageSurfaces.remove(null);
        List<Check> out = new ArrayList<>();
        for (Rule r : rules) {
            String sel = r.selector();
            if (DECORATION.stream().anyMatch(d -> (" " + sel).endsWith(d))) {
                continue;
            }
            boolean swatch = sel.contains("swatch") || sel.contains("::before");
            String color = colour(r.props().get("color"), vars);
            String fill = colour(r.props().get("fill"), vars);
            String stroke = colour(r.props().get("stroke"), vars);
            boolean svgText = r.props().containsKey("font-size")
                    || Pattern.compile("(^|\\s)text(\\.|$|\\s)").matcher(sel).find();
            double textMin = large(r.props()) ? 3.0 : 4.5;
            if (color != null) {
                for (String bg : backgrounds(r, rules, vars, pageSurfaces)) {
                    out.add(new Check(sel, "color", color, bg, ratio(color, bg), textMin));
                }
            }
            if (fill != null && svgText) {
                for (String bg : backgrounds(r, rules, vars, pageSurfaces)) {
                    out.add(new Check(sel, "fill (text)", fill, bg, ratio(fill, bg), textMin));
                }
            }
            String shape = swatch ? background(r, vars) : (svgText ? null : fill);
            String outline = swatch ? colour(borderColour(r.props()), vars) : stroke;
            if (shape == null && !swatch && !svgText && stroke != null) {
                shape = stroke; // a line: its stroke is the shape
                outline = null;
            }
            if (outline == null && !swatch) {
                outline = sameElementOutline(r, rules, vars);
            }
            if (shape != null) {
                for (String bg : surroundings(r, rules, vars, pageSurfaces)) {
                    double best = ratio(shape, bg);
                    String shown = shape;
                    if (outline != null && ratio(outline, bg) > best) {
                        best = ratio(outline, bg);
                        shown = shape + " outlined " + outline;
                    }
                    out.add(new Check(sel, swatch ? "swatch" : "graphic", shown, bg, best, 3.0));
                }
            }
        }
        return out;
    }

    /** The backgrounds text of this rule can sit on. */
    static Set<String> backgrounds(Rule r, List<Rule> rules, Map<String, String> vars, Set<String> pageSurfaces) {
        Set<String> out = new LinkedHashSet<>();
        String own = background(r, vars);
        if (own != null) {
            out.add(own);
            return out;
        }
        Matcher on = Pattern.compile("\\.on-([\\w-]+)").matcher(r.selector());
        if (on.find()) {
            String cls = "." + on.group(1);
            for (Rule other : rules) {
                if (other.selector().endsWith(cls)) {
                    String c = other.props().containsKey("fill")
                            ? colour(other.props().get("fill"), vars)
                            : background(other, vars);
                    if (c != null) {
                        out.add(c);
                    }
                }
            }
            if (out.isEmpty()) {
                throw new AssertionError(r.selector() + " is drawn on " + cls + ", which has no colour");
            }
            return out;
        }
        out.addAll(surroundings(r, rules, vars, pageSurfaces));
        // States of the same element in the same scope that change only the background (hover, highlight).
        for (Rule other : rules) {
            if (other != r && !other.props().containsKey("color") && sameElement(r.selector(), other.selector())) {
                String bg = background(other, vars);
                if (bg != null) {
                    out.add(bg);
                }
            }
        }
        return out;
    }

    /** The background of the nearest ancestor in the selector that has one, else the page surfaces. */
    static Set<String> surroundings(Rule r, List<Rule> rules, Map<String, String> vars, Set<String> pageSurfaces) {
        String[] parts = r.selector().split("\\s+");
        for (int n = parts.length - 1; n >= 1; n--) {
            String prefix = String.join(" ", java.util.Arrays.copyOf(parts, n));
            String ancestor = null;
            for (Rule other : rules) {
                if (other.selector().equals(prefix) && background(other, vars) != null) {
                    ancestor = background(other, vars);
                }
            }
            if (ancestor != null) {
                return Set.of(ancestor);
            }
        }
        return pageSurfaces;
    }

    static String sameElementOutline(Rule r, List<Rule> rules, Map<String, String> vars) {
        for (Rule other : rules) {
            if (other != r
                    && sameElement(r.selector(), other.selector())
                    && other.props().containsKey("stroke")) {
                return colour(other.props().get("stroke"), vars);
            }
        }
        return null;
    }

    static boolean sameElement(String a, String b) {
        String[] pa = a.split("\\s+");
        String[] pb = b.split("\\s+");
        return key(pa[0]).equals(key(pb[0])) && key(pa[pa.length - 1]).equals(key(pb[pb.length - 1]));
    }

    /** Element and classes of a compound selector, without attributes and pseudo-classes. */
    static String key(String compound) {
        return compound.replaceAll("\\[[^]]*]", "").replaceAll(":[\\w-]+(\\([^)]*\\))?", "");
    }

    static boolean large(Map<String, String> props) {
        String size = props.get("font-size");
        if (size == null) {
            return false;
        }
        double px;
        Matcher m = Pattern.compile("([\\d.]+)(rem|em|px|vh)").matcher(size);
        if (!m.find()) {
            return false;
        }
        double v = Double.parseDouble(m.group(1));
        px = switch (m.group(2)) {
            case "px" -> v;
            case "vh" -> v * 6; // the smallest screen the wall mode is made for: 1024x600
            default -> v * 16;
        };
        String weight = props.getOrDefault("font-weight", "400");
        boolean bold = weight.equals("bold") || (weight.matches("\\d+") && Integer.parseInt(weight) >= 700);
        return px >= 24 || (bold && px >= 18.66);
    }

    static String background(Rule r, Map<String, String> vars) {
        String bg = r.props().getOrDefault("background-color", r.props().get("background"));
        return bg == null ? null : colour(bg, vars);
    }

    static String borderColour(Map<String, String> props) {
        String b = props.getOrDefault("border-color", props.get("border"));
        if (b == null) {
            return null;
        }
        Matcher m = Pattern.compile("(#[0-9a-fA-F]{3,6}\\b|var\\(--[\\w-]+\\))").matcher(b);
        return m.find() ? m.group(1) : null;
    }

    /** The colour of a value (first colour token), or null for none/transparent/inherit/currentColor. */
    static String colour(String value, Map<String, String> vars) {
        if (value == null) {
            return null;
        }
        String v = resolve(value, vars);
        Matcher m = Pattern.compile("#[0-9a-fA-F]{6}\\b|#[0-9a-fA-F]{3}\\b|\\bwhite\\b|\\bblack\\b")
                .matcher(v);
        return m.find() ? hex(m.group()) : null;
    }

    static String resolve(String value, Map<String, String> vars) {
        String v = value;
        for (int i = 0; i < 5 && v.contains("var("); i++) {
            Matcher m = Pattern.compile("var\\((--[\\w-]+)\\)").matcher(v);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String def = vars.get(m.group(1));
                if (def == null) {
                    throw new AssertionError("undefined custom property " + m.group(1));
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(def));
            }
            m.appendTail(sb);
            v = sb.toString();
        }
        return v;
    }

    static String hex(String c) {
        String v = c.toLowerCase(Locale.ROOT);
        if (v.equals("white")) {
            return "#ffffff";
        }
        if (v.equals("black")) {
            return "#000000";
        }
        if (v.length() == 4) {
            return "#" + v.charAt(1) + v.charAt(1) + v.charAt(2) + v.charAt(2) + v.charAt(3) + v.charAt(3);
        }
        return v;
    }

    /** WCAG 2.1 contrast ratio: (L1 + 0.05) / (L2 + 0.05) of the relative luminances, lighter first. */
    static double ratio(String a, String b) {
        double la = luminance(hex(a));
        double lb = luminance(hex(b));
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    /** Rules of a style sheet, one per selector of a selector list; {@code @media print} left out. */
    static List<Rule> parse(String css) {
        String s = css.replaceAll("(?s)/\\*.*?\\*/", "");
        List<Rule> out = new ArrayList<>();
        parseBlock(s, out);
        return out;
    }

    private static void parseBlock(String s, List<Rule> out) {
        int i = 0;
        while (i < s.length()) {
            int open = s.indexOf('{', i);
            if (open < 0) {
                return;
            }
            String head = s.substring(i, open).trim();
            int depth = 1;
            int j = open + 1;
            while (j < s.length() && depth > 0) {
                char ch = s.charAt(j);
                if (ch == '{') {
                    depth++;
                } else if (ch == '}') {
                    depth--;
                }
                j++;
            }
            String body = s.substring(open + 1, j - 1);
            if (head.startsWith("@")) {
                if (!head.contains("print")) {
                    parseBlock(body, out);
                }
            } else {
                Map<String, String> props = new LinkedHashMap<>();
                for (String decl : body.split(";")) {
                    int colon = decl.indexOf(':');
                    if (colon > 0) {
                        props.put(
                                decl.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                decl.substring(colon + 1)
                                        .replace("!important", "")
                                        .trim());
                    }
                }
                for (String sel : head.split(",")) {
                    out.add(new Rule(sel.trim().replaceAll("\\s+", " "), props));
                }
            }
            i = j;
        }
    }
}
