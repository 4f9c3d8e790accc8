package org.hausmeter.web.caretaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Month;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The console's pure pieces: bar geometry, month ranges, form parsing, and both languages having every text. */
class CaretakerPiecesTest {

    @Test
    void redirectAfterAChange_putsTheNoticeBeforeTheFragment() {
        assertThat(CaretakerPages.location("/caretaker/chargers#ch-1", "tap_accepted", "STARTED|x y"))
                .isEqualTo("/caretaker/chargers?done=tap_accepted&n=STARTED%7Cx+y#ch-1");
        assertThat(CaretakerPages.location("/caretaker/billing?month=2026-05", "run", null))
                .isEqualTo("/caretaker/billing?month=2026-05&done=run");
        assertThat(CaretakerPages.location("/caretaker/apartments/A-1#handover", null, null))
                .isEqualTo("/caretaker/apartments/A-1#handover");
    }

    @Test
    void groupedBars_scaleToANiceMaximum_andHangBelowTheZeroLineForNegativeValues() {
        Bars.Chart c = Bars.grouped(
                List.of("A", "B"),
                List.of(
                        List.of(new Bars.Value(80, "k0", "a0"), new Bars.Value(40, "k1", "a1")),
                        List.of(new Bars.Value(-20, "k0", "b0"), new Bars.Value(0, "k1", "b1"))),
                v -> Double.toString(v));
        Bars.Bar a0 = c.groups().get(0).bars().get(0);
        Bars.Bar a1 = c.groups().get(0).bars().get(1);
        Bars.Bar b0 = c.groups().get(1).bars().get(0);
        assertThat(a0.height()).isEqualTo(2 * a1.height());
        assertThat(a0.y() + a0.height())
                .as("positive bars stand on the zero line")
                .isEqualTo(b0.y());
        assertThat(b0.height()).isEqualTo(a1.height() / 2);
        assertThat(c.ticks()).extracting(Bars.Tick::label).contains("0.0", "-20.0", "80.0");
        assertThat(c.groups()).extracting(Bars.Group::label).containsExactly("A", "B");
    }

    @Test
    void stackedBars_shareOneScale_andLabelOnlySegmentsWideEnough() {
        Bars.Chart c = Bars.stacked(
                List.of("PV", "Use"),
                List.of(
                        List.of(new Bars.Value(600, "k1", "t", "600 kWh"), new Bars.Value(400, "k3", "t", "400 kWh")),
                        List.of(new Bars.Value(10, "k1", "t", "10 kWh"))));
        List<Bars.Bar> pv = c.groups().get(0).bars();
        assertThat(pv.get(0).width() + pv.get(1).width()).isEqualTo(760.0);
        assertThat(pv.get(1).x()).isEqualTo(pv.get(0).x() + pv.get(0).width());
        assertThat(pv.get(0).label()).isEqualTo("600 kWh");
        assertThat(c.groups().get(1).bars().get(0).label())
                .as("7.6 px is too narrow for a label")
                .isEmpty();
        assertThat(Bars.niceCeiling(83)).isEqualTo(100.0);
        assertThat(Bars.niceCeiling(0.7)).isEqualTo(1.0);
        assertThat(Bars.niceCeiling(2.2)).isEqualTo(2.5);
    }

    @Test
    void monthRuns_keepAWinterAcrossTheNewYearTogether() {
        assertThat(CaretakerTariffsResource.monthsText(EnumSet.range(Month.APRIL, Month.SEPTEMBER)))
                .isEqualTo("4-9");
        Set<Month> winter =
                EnumSet.of(Month.OCTOBER, Month.NOVEMBER, Month.DECEMBER, Month.JANUARY, Month.FEBRUARY, Month.MARCH);
        assertThat(CaretakerTariffsResource.monthsText(winter)).isEqualTo("10-3");
        assertThat(CaretakerTariffsResource.monthsText(EnumSet.of(Month.JANUARY, Month.JUNE, Month.JULY)))
                .isEqualTo("1,6-7");
        assertThat(CaretakerTariffsResource.monthsText(EnumSet.allOf(Month.class)))
                .isEqualTo("1-12");
    }

    @Test
    void forms_parseKwhToWholeWh_andLocalTimesInTheBuildingsZone_orSayWhatIsWrong() {
        // The texts themselves need Qute; here each message is its key and arguments, enough to see the field named.
        CaretakerMessages texts = (CaretakerMessages) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {CaretakerMessages.class},
                (proxy, method, args) -> method.getName() + (args == null ? "" : java.util.Arrays.toString(args)));
        Forms f = new Forms(texts, ZoneId.of("Europe/Berlin"));
        assertThat(f.kwh("1234,5", "Bezug")).isEqualTo(1_234_500L);
        assertThat(f.kwh(" 0.001 ", "Bezug")).isEqualTo(1L);
        assertThat(f.kwh("", "Bezug")).isNull();
        assertThatThrownBy(() -> f.kwh("1.234,5", "Bezug"))
                .isInstanceOf(FormException.class)
                .hasMessageContaining("Bezug");
        assertThatThrownBy(() -> f.kwh("-1", "Bezug")).isInstanceOf(FormException.class);
        assertThatThrownBy(() -> f.kwh("1,2345", "Bezug")).isInstanceOf(FormException.class);
        assertThat(f.amount("-12,5", "Betrag")).isEqualByComparingTo("-12.50");
        assertThatThrownBy(() -> f.amount("1,234", "Betrag")).isInstanceOf(FormException.class);
        assertThat(f.localDateTime("2026-03-29T03:30", "Zeit")).hasToString("2026-03-29T01:30:00Z");
        assertThat(f.localDateTime("2026-07-01 12:00", "Zeit")).hasToString("2026-07-01T10:00:00Z");
        assertThatThrownBy(() -> f.localDateTime("1.7.2026", "Zeit")).hasMessageContaining("Zeit");
        assertThat(Forms.kwhField(1_234_567L)).isEqualTo("1234.567");
    }

    @Test
    void bothLanguages_haveEveryText_withTheSameParameters() throws IOException {
        for (String bundle : List.of("ct", "ctb")) {
            Properties de = load("messages/" + bundle + "_de.properties");
            Properties en = load("messages/" + bundle + "_en.properties");
            assertThat(en.stringPropertyNames())
                    .as(bundle)
                    .containsExactlyInAnyOrderElementsOf(de.stringPropertyNames());
            assertThat(de.size())
                    .as(bundle + ": Qute breaks on bundles of more than 300 texts")
                    .isLessThanOrEqualTo(300);
            for (String key : de.stringPropertyNames()) {
                assertThat(params(en.getProperty(key))).as(bundle + "." + key).isEqualTo(params(de.getProperty(key)));
            }
        }
    }

    private static Set<String> params(String text) {
        Set<String> out = new java.util.TreeSet<>();
        var m = java.util.regex.Pattern.compile("\\{(?:#(?:when|if)\\s+)?([a-z][A-Za-z0-9]*)")
                .matcher(text);
        while (m.find()) {
            if (!Set.of("else", "is").contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static Properties load(String resource) throws IOException {
        Properties p = new Properties();
        try (InputStream in = CaretakerPiecesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
