package org.hausmeter.web.resident;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * Everything the dashboard page shows, prepared and formatted in the request's language; the template
 * only lays it out. Charts are finished SVG markup (every text in it escaped).
 *
 * @param apartment   the apartment shown
 * @param others      the resident's other apartments (links), usually none
 * @param tenancy     which of the apartment's time is the resident's
 * @param dataAsOf    "Readings up to …"
 * @param cards       today, this week, this month, this year
 * @param cost        the running month's cost so far, null when the resident has no tenancy in it
 * @param costNone    the text shown instead of a cost when there is no tariff, else null
 * @param report      the chosen period
 * @param heat        the year's heat map
 * @param co2Note     how CO2 is counted
 */
@TemplateData
public record Dashboard(
        Link apartment,
        List<Link> others,
        String tenancy,
        String dataAsOf,
        List<Card> cards,
        Cost cost,
        String costNone,
        Report report,
        Heat heat,
        String co2Note) {

    /** A link; {@code current} marks the page's own choice (aria-current). */
    @TemplateData
    public record Link(String label, String href, boolean current) {}

    /** A figure card: consumption, its solar share and grid CO2 (null when the PV share is not known). */
    @TemplateData
    public record Card(String label, String total, String solar, String co2, String href) {}

    /**
     * Cost so far of the running month.
     *
     * @param gross  total incl. VAT
     * @param month  "November 2026, incl. VAT"
     * @param asOf   "As of …"
     * @param lines  the lines, summed by kind
     * @param vat    one row per VAT rate
     * @param total  the total row
     * @param ev     "of which EV charging: 12,34 € incl. VAT", null without a session in the month
     * @param net    says that the lines are net
     */
    @TemplateData
    public record Cost(
            String gross,
            String month,
            String asOf,
            List<Row> lines,
            List<Row> vat,
            Row total,
            String ev,
            String net) {}

    /** A row of a small table: label, quantity (may be empty), amount. */
    @TemplateData
    public record Row(String label, String quantity, String amount) {}

    /**
     * The chosen period.
     *
     * @param heading      "Consumption: November 2026"
     * @param kinds        day / week / month / year links
     * @param resolutions  resolution links (empty when the period has only one)
     * @param earlier      the previous period
     * @param later        the next period, null when it lies ahead
     * @param now          the period containing today, null when this is it
     * @param visible      false: no data of the resident's in the period (not their time, or no readings)
     * @param running      true when the period contains now
     * @param chartSvg     the bar chart
     * @param pvKnown      true when the bars are split into PV and grid
     * @param total        total consumption
     * @param solar        "38 % of it solar power from the roof", null when not known
     * @param co2          "12.3 kg CO2 from grid power", null when not known
     * @param comparisons  you, last year, median
     * @param notes        why a comparison is missing, running-period note
     * @param table        the bars' values
     * @param phone        the chart's narrow-screen form: one horizontal bar per hour, day or month
     * @param empty        why nothing is shown when {@code visible} is false (not the resident's time, or no readings)
     */
    @TemplateData
    public record Report(
            String heading,
            List<Link> kinds,
            List<Link> resolutions,
            Link earlier,
            Link later,
            Link now,
            boolean visible,
            boolean running,
            String chartSvg,
            boolean pvKnown,
            String total,
            String solar,
            String co2,
            List<Comparison> comparisons,
            List<String> notes,
            List<TableRow> table,
            List<HBar> phone,
            String empty) {}

    /**
     * A horizontal bar of the narrow-screen chart.
     *
     * @param label "10:00", "Mo 1.", "Jan"
     * @param value "1,2 kWh"
     * @param pv    the PV part's length, 0..100 of the longest bar
     * @param grid  the grid part's (or the unsplit bar's) length
     * @param split true when the bar is split into PV and grid
     * @param href  the bar's drill-down, or null
     */
    @TemplateData
    public record HBar(String label, String value, int pv, int grid, boolean split, String href) {}

    /** A comparison row: label, value, difference to the resident, a bar length 0..100 % and a CSS class. */
    @TemplateData
    public record Comparison(String label, String value, String difference, int barPercent, String kind) {}

    /** A row of the values table. */
    @TemplateData
    public record TableRow(String time, String total, String pv, String grid, String co2) {}

    /** The heat map, its legend and heading. */
    @TemplateData
    public record Heat(String heading, String svg, List<Legend> legend) {}

    /** A legend entry of the heat map: level 0..4 and its range. */
    @TemplateData
    public record Legend(int level, String text) {}
}
