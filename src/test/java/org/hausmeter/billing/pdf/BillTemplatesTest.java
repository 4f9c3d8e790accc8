package org.hausmeter.billing.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hausmeter.billing.BillCalculator;
import org.hausmeter.billing.QuantityUnit;
import org.hausmeter.billing.pdf.BillDocument.ReadingSource;
import org.junit.jupiter.api.Test;

/** The wording files under templates/bill/ are complete in every language and safe for the Qute build. */
class BillTemplatesTest {

    @Test
    void everyLanguage_hasATextForEveryLineKeyUnitAndReadingSource() {
        new BillPdfRenderer(); // fails when the languages define different keys
        for (String language : BillDocument.LANGUAGES) {
            BillTexts t = BillTexts.load(BillTemplatesTest.class.getClassLoader(), language);
            for (String key : List.of(
                    BillCalculator.GRID_ENERGY,
                    BillCalculator.PV_ENERGY,
                    BillCalculator.BASE_FEE,
                    BillCalculator.COMMON_GRID,
                    BillCalculator.COMMON_PV,
                    BillCalculator.EV_SESSION)) {
                assertThat(t.has("line." + key)).as(language + " line." + key).isTrue();
            }
            for (QuantityUnit u : QuantityUnit.values()) {
                assertThat(t.has("unit." + u.name()))
                        .as(language + " unit." + u)
                        .isTrue();
                assertThat(t.has("unit.per." + u.name()))
                        .as(language + " unit.per." + u)
                        .isTrue();
            }
            for (ReadingSource s : ReadingSource.values()) {
                assertThat(t.has("source." + s.name()))
                        .as(language + " source." + s)
                        .isTrue();
            }
        }
    }

    @Test
    void noCurlyBraces_becauseQuteParsesEveryFileUnderTemplates() throws IOException {
        io.quarkus.qute.Engine qute =
                io.quarkus.qute.Engine.builder().addDefaults().build();
        try (Stream<Path> files = Files.list(Path.of("templates", "bill"))) {
            for (Path p : files.toList()) {
                String content = Files.readString(p);
                assertThat(content).as(p.toString()).doesNotContain("{", "}");
                assertThat(qute.parse(content).render())
                        .as(p + " as Qute sees it")
                        .isEqualTo(content);
            }
        }
    }

    @Test
    void noText_callsACancellationGutschrift() throws IOException {
        for (String language : BillDocument.LANGUAGES) {
            BillTexts t = BillTexts.load(BillTemplatesTest.class.getClassLoader(), language);
            for (String key : t.keys()) {
                assertThat(t.get(key, anyValues())).as(key).doesNotContainIgnoringCase("gutschrift");
            }
        }
    }

    private static java.util.Map<String, String> anyValues() {
        return new java.util.AbstractMap<>() {
            @Override
            public java.util.Set<Entry<String, String>> entrySet() {
                return java.util.Set.of();
            }

            @Override
            public String get(Object key) {
                return "x";
            }
        };
    }
}
