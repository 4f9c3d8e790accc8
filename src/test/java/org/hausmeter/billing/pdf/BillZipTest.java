package org.hausmeter.billing.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class BillZipTest {

    static final LocalDateTime RUN = LocalDateTime.of(2026, 7, 3, 0, 0);

    private static byte[] zip(List<BillZip.Entry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BillZip.write(entries, RUN, out);
        return out.toByteArray();
    }

    private static BillZip.Entry entry(String name, String content) {
        return new BillZip.Entry(name, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void entries_areSortedByName_withTheGivenTime_andReadBackUnchanged() throws IOException {
        BillPdfRenderer renderer = new BillPdfRenderer();
        byte[] de = renderer.render(TestBills.invoice("de").build());
        byte[] en = renderer.render(TestBills.invoice("en").build());
        byte[] zip = zip(
                List.of(new BillZip.Entry("2026-0008_A-3.2_en.pdf", en), new BillZip.Entry("2026-0007_A-3.2.pdf", de)));

        List<String> names = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
                contents.add(in.readAllBytes());
                assertThat(e.getTimeLocal()).isEqualTo(RUN);
            }
        }
        assertThat(names).containsExactly("2026-0007_A-3.2.pdf", "2026-0008_A-3.2_en.pdf");
        assertThat(contents.get(0)).isEqualTo(de);
        assertThat(contents.get(1)).isEqualTo(en);
    }

    @Test
    void sameEntriesInAnyOrder_giveIdenticalBytes() throws IOException {
        byte[] a = zip(List.of(entry("b.pdf", "B"), entry("a.pdf", "A"), entry("c.pdf", "C")));
        byte[] b = zip(List.of(entry("c.pdf", "C"), entry("a.pdf", "A"), entry("b.pdf", "B")));

        assertThat(b).isEqualTo(a);
    }

    @Test
    void duplicateNames_andPaths_areRefused() {
        assertThatThrownBy(() -> zip(List.of(entry("a.pdf", "1"), entry("a.pdf", "2"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[a.pdf] occurs twice");
        assertThatThrownBy(() -> entry("../a.pdf", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> entry("", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () -> BillZip.write(List.of(), LocalDateTime.of(1970, 1, 1, 0, 0), new ByteArrayOutputStream()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noEntries_giveAnEmptyZip() throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip(List.of())))) {
            assertThat(in.getNextEntry()).isNull();
        }
    }
}
