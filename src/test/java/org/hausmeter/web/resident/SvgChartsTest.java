package org.hausmeter.web.resident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SvgChartsTest {

    @Test
    void barChart_hasAnAccessibleTitleAndDescription_aTooltipPerVisibleBar_andEscapesText() {
        String svg = BarChartSvg.render(
                "c",
                "Verbrauch <Juni> & mehr",
                "Beschreibung \"x\"",
                List.of(
                        new BarChartSvg.Bar(
                                2000, 500, true, true, "Mo: 2,0 kWh", "1", "/me?period=day&date=2026-06-01"),
                        new BarChartSvg.Bar(0, 0, true, false, null, "2", null),
                        new BarChartSvg.Bar(1000, 0, false, true, "Mi: 1,0 kWh", "3", null)),
                v -> v + "",
                "kWh");
        assertThat(svg)
                .startsWith("<svg")
                .endsWith("</svg>")
                .contains("role=\"img\"")
                .contains("aria-labelledby=\"c-title c-desc\"")
                .contains("<title id=\"c-title\">Verbrauch &lt;Juni&gt; &amp; mehr</title>")
                .contains("<desc id=\"c-desc\">Beschreibung &quot;x&quot;</desc>")
                .contains("<title>Mo: 2,0 kWh</title>")
                .contains("<title>Mi: 1,0 kWh</title>")
                .contains("href=\"/me?period=day&amp;date=2026-06-01\"")
                .contains("class=\"unit\"");
        // Stacked PV and grid for the first bar, one unsplit bar where PV is unknown, none for the invisible one.
        assertThat(count(svg, "class=\"pv\"")).isEqualTo(1);
        assertThat(count(svg, "class=\"grid\" x=")).isEqualTo(1);
        assertThat(count(svg, "class=\"use\"")).isEqualTo(1);
        assertThat(count(svg, "<g>")).isEqualTo(2);
        assertThat(count(svg, "class=\"label\"")).isEqualTo(3);
    }

    @Test
    void niceStep_isOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        assertThat(BarChartSvg.niceStep(0)).isEqualTo(1);
        assertThat(BarChartSvg.niceStep(9.2)).isEqualTo(2);
        assertThat(BarChartSvg.niceStep(11)).isEqualTo(2.5);
        assertThat(BarChartSvg.niceStep(240)).isEqualTo(50);
        assertThat(BarChartSvg.niceStep(0.31)).isEqualTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(BarChartSvg.f(12.345)).isEqualTo("12.3");
        assertThat(BarChartSvg.f(-0.06)).isEqualTo("-0.1");
    }

    @Test
    void heatMap_drawsEveryDay_linksTheResidentsDays_andLevelsByQuartiles() {
        LocalDate monday = LocalDate.of(2026, 6, 1);
        List<HeatMapSvg.Cell> cells = List.of(
                new HeatMapSvg.Cell(monday, -1, null, null),
                new HeatMapSvg.Cell(monday.plusDays(1), 2, "Di: 7 kWh", "?period=day&date=2026-06-02"),
                new HeatMapSvg.Cell(monday.plusDays(7), 4, "Mo: 9 kWh", "?period=day&date=2026-06-08"));
        String svg = HeatMapSvg.render(
                "h",
                "Jahr",
                "Kästchen",
                cells,
                List.of("Mo", "Mi", "Fr"),
                List.of(new HeatMapSvg.MonthLabel(0, "Juni")));
        assertThat(svg)
                .contains("<title id=\"h-title\">Jahr</title>")
                .contains("class=\"none\"")
                .contains("class=\"h2\"><title>Di: 7 kWh</title>")
                .contains("href=\"?period=day&amp;date=2026-06-08\" tabindex=\"-1\"")
                .contains(">Juni</text>");
        // The squares are no tab stops: every link inside the picture is out of the tab order.
        assertThat(count(svg, "<a ")).isEqualTo(2).isEqualTo(count(svg, "tabindex=\"-1\""));
        assertThat(count(svg, "<g transform")).isEqualTo(2);
        long[] t = HeatMapSvg.thresholds(new long[] {0, 10, 20, 30, 40, 50});
        assertThat(t).containsExactly(20, 30, 40);
        assertThat(HeatMapSvg.level(0, t)).isZero();
        assertThat(HeatMapSvg.level(10, t)).isEqualTo(1);
        assertThat(HeatMapSvg.level(30, t)).isEqualTo(2);
        assertThat(HeatMapSvg.level(50, t)).isEqualTo(4);
    }

    @Test
    void heatMapTable_isTheTextAlternative_oneRowPerMonthWithLinks() {
        String html = HeatMapSvg.monthTable(
                "Je Monat <Tabelle>",
                List.of("Monat", "Verbrauch", "Tage", "Höchster Tag"),
                List.of(
                        new HeatMapSvg.MonthRow(
                                "Mai 2026",
                                "?period=month&date=2026-05-01",
                                "210,0 kWh",
                                31,
                                "Mo 4. Mai 2026: 9,1 kWh",
                                "?period=day&date=2026-05-04"),
                        new HeatMapSvg.MonthRow(
                                "Juni 2026", "?period=month&date=2026-06-01", "70,5 kWh", 10, null, null)));
        assertThat(html)
                .startsWith("<details class=\"chart-table heat-table\"><summary>Je Monat &lt;Tabelle&gt;</summary>")
                .contains("<th scope=\"row\"><a href=\"?period=month&amp;date=2026-05-01\">Mai 2026</a></th>")
                .contains("<td class=\"num\">210,0 kWh</td><td class=\"num\">31</td>")
                .contains("<a href=\"?period=day&amp;date=2026-05-04\">Mo 4. Mai 2026: 9,1 kWh</a>")
                .endsWith("</tbody></table></details>");
        assertThat(count(html, "<tr>")).isEqualTo(3);
        assertThat(count(html, "<a ")).isEqualTo(3);
    }

    @Test
    void fill_replacesNumberedPlaceholders() {
        assertThat(DashboardBuilder.fill("{0}: {1}, davon Solar {2} ({3})", "Mo", "2 kWh", "1 kWh", "50 %"))
                .isEqualTo("Mo: 2 kWh, davon Solar 1 kWh (50 %)");
        assertThat(DashboardBuilder.fill("{0} {5}", "a")).isEqualTo("a {5}");
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
