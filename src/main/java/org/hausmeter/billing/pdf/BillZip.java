package org.hausmeter.billing.pdf;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes many bill PDFs into one ZIP file, deterministically: entries sorted by name, every entry with
 * the same given time (DOS date-time, no time zone, no extra timestamp fields), no comments. Equal input
 * gives byte-identical ZIPs.
 */
public final class BillZip {

    private BillZip() {}

    /**
     * One file of the ZIP.
     *
     * @param fileName the name inside the ZIP, e.g. {@code "2026-0007_A-3.2.pdf"}: not blank, at most 200
     *                 characters, no path separator, no control character, not {@code .} or {@code ..}
     * @param pdf      the file's bytes, not null; copied
     */
    public record Entry(String fileName, byte[] pdf) {

        public Entry {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(pdf, "pdf");
            if (fileName.isBlank()
                    || fileName.length() > 200
                    || fileName.equals(".")
                    || fileName.equals("..")
                    || fileName.chars().anyMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c))) {
                throw new IllegalArgumentException("ZIP entry name [" + fileName + "] is not a plain file name");
            }
            pdf = pdf.clone();
        }

        @Override
        public byte[] pdf() {
            return pdf.clone();
        }
    }

    /**
     * Writes the entries as one ZIP to {@code out}. The stream is finished but not closed.
     *
     * @param entries   the files, any order; names must be unique
     * @param entryTime the modification time stored for every entry (e.g. the bill run's issue date at
     *                  00:00), between 1980 and 2107; local, no time zone
     * @param out       where to write, not closed
     * @throws IllegalArgumentException when two entries share a name or the time is outside the ZIP range
     * @throws IOException              when {@code out} fails
     */
    public static void write(List<Entry> entries, LocalDateTime entryTime, OutputStream out) throws IOException {
        Objects.requireNonNull(entryTime, "entryTime");
        Objects.requireNonNull(out, "out");
        if (entryTime.getYear() < 1980 || entryTime.getYear() > 2107) {
            throw new IllegalArgumentException("ZIP entry time [" + entryTime + "] is outside 1980 to 2107");
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::fileName));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).fileName().equals(sorted.get(i - 1).fileName())) {
                throw new IllegalArgumentException(
                        "ZIP entry name [" + sorted.get(i).fileName() + "] occurs twice");
            }
        }
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(java.util.zip.Deflater.DEFAULT_COMPRESSION);
        for (Entry e : sorted) {
            ZipEntry z = new ZipEntry(e.fileName());
            z.setTimeLocal(entryTime.withNano(0));
            zip.putNextEntry(z);
            zip.write(e.pdf);
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }
}
