package org.hausmeter.billing.pdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.hausmeter.billing.BillLine;
import org.hausmeter.billing.VatTotal;
import org.hausmeter.billing.pdf.BillDocument.CancelledBill;
import org.hausmeter.billing.pdf.BillDocument.Kind;
import org.hausmeter.billing.pdf.BillDocument.MeterReading;
import org.hausmeter.billing.pdf.BillDocument.MonthlyConsumption;
import org.hausmeter.billing.pdf.BillDocument.ReadingSource;
import org.hausmeter.tariff.Money;
import org.hausmeter.tariff.TestTariffs;
import org.junit.jupiter.api.Test;

class BillDocumentTest {

    static Money eur(String amount) {
        return Money.of(TestTariffs.EUR, amount);
    }

    /** A copy of {@code d} with other amounts, to check the constructor's sums. */
    static BillDocument withTotals(BillDocument d, Money net, Money vat, Money gross) {
        return new BillDocument(
                d.kind(),
                d.number(),
                d.issueDate(),
                d.dueDate(),
                d.language(),
                d.issuer(),
                d.recipient(),
                d.apartmentCode(),
                d.apartmentName(),
                d.periodFirst(),
                d.periodLast(),
                d.contract(),
                d.meters(),
                d.currency(),
                d.lines(),
                d.vatTotals(),
                net,
                vat,
                gross,
                d.estimatedIntervals(),
                d.totalIntervals(),
                d.history(),
                d.comparison(),
                d.cancels(),
                d.notes());
    }

    @Test
    void invoice_carriesTheDraftsAmounts() {
        BillDocument d = TestBills.invoice("de").build();

        assertThat(d.net()).isEqualTo(eur("16.51"));
        assertThat(d.vat()).isEqualTo(eur("2.66"));
        assertThat(d.gross()).isEqualTo(eur("19.17"));
        assertThat(d.lines()).hasSize(10);
    }

    @Test
    void amountsThatDoNotAddUp_areRefused() {
        BillDocument d = TestBills.invoice("de").build();

        assertThatThrownBy(() -> withTotals(d, eur("16.52"), eur("2.66"), eur("19.18")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("net [EUR 16.52]");
        assertThatThrownBy(() -> withTotals(d, eur("16.51"), eur("2.67"), eur("19.18")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VAT [EUR 2.67]");
        assertThatThrownBy(() -> withTotals(d, eur("16.51"), eur("2.66"), eur("19.16")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gross [EUR 19.16]");
    }

    @Test
    void cancelledBy_negatesEveryQuantityAndAmount_andRefersToTheBill() {
        BillDocument invoice =
                TestBills.invoice("de").note("only on the invoice").build();
        BillDocument c =
                invoice.cancelledBy("2026-0012", LocalDate.of(2026, 7, 10), LocalDate.of(2026, 7, 24), "wrong reading");

        assertThat(c.kind()).isEqualTo(Kind.CANCELLATION);
        assertThat(c.number()).isEqualTo("2026-0012");
        assertThat(c.cancels()).isEqualTo(new CancelledBill("2026-0007", LocalDate.of(2026, 7, 3), "wrong reading"));
        assertThat(c.net()).isEqualTo(eur("-16.51"));
        assertThat(c.vat()).isEqualTo(eur("-2.66"));
        assertThat(c.gross()).isEqualTo(eur("-19.17"));
        for (int i = 0; i < invoice.lines().size(); i++) {
            BillLine o = invoice.lines().get(i);
            BillLine n = c.lines().get(i);
            assertThat(n.quantity()).isEqualTo(o.quantity().negate());
            assertThat(n.net()).isEqualTo(o.net().negated());
            assertThat(n.unitPrice()).isEqualTo(o.unitPrice());
            assertThat(n.details()).isEqualTo(o.details());
        }
        assertThat(c.vatTotals())
                .extracting(VatTotal::rate, VatTotal::net, VatTotal::vat, VatTotal::gross)
                .containsExactly(
                        tuple(TestBills.VAT_0, eur("-2.50"), eur("0.00"), eur("-2.50")),
                        tuple(TestTariffs.VAT_19, eur("-14.01"), eur("-2.66"), eur("-16.67")));
        assertThat(c.meters()).isEqualTo(invoice.meters());
        assertThat(c.notes()).isEmpty();
    }

    @Test
    void aCancellation_cannotBeCancelled_norDatedBeforeTheBill() {
        BillDocument invoice = TestBills.invoice("de").build();
        BillDocument c = invoice.cancelledBy("2026-0012", LocalDate.of(2026, 7, 10), LocalDate.of(2026, 7, 24), "x");

        assertThatThrownBy(() -> c.cancelledBy("2026-0013", LocalDate.of(2026, 7, 11), LocalDate.of(2026, 7, 25), "y"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() ->
                        invoice.cancelledBy("2026-0012", LocalDate.of(2026, 7, 2), LocalDate.of(2026, 7, 24), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before the cancelled bill [2026-0007]");
        assertThatThrownBy(() ->
                        invoice.cancelledBy("2026-0012", LocalDate.of(2026, 7, 10), LocalDate.of(2026, 7, 24), " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cancellation reason");
    }

    @Test
    void kindAndReference_mustMatch() {
        BillDocument d = TestBills.invoice("de").build();

        assertThatThrownBy(() -> new BillDocument(
                        Kind.CANCELLATION,
                        d.number(),
                        d.issueDate(),
                        d.dueDate(),
                        d.language(),
                        d.issuer(),
                        d.recipient(),
                        d.apartmentCode(),
                        d.apartmentName(),
                        d.periodFirst(),
                        d.periodLast(),
                        d.contract(),
                        d.meters(),
                        d.currency(),
                        d.lines(),
                        d.vatTotals(),
                        d.net(),
                        d.vat(),
                        d.gross(),
                        4,
                        288,
                        d.history(),
                        d.comparison(),
                        null,
                        d.notes()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no cancelled bill");
    }

    @Test
    void readings_mayNotGoBackwards_norBeFinerThanAWh() {
        assertThatThrownBy(() -> new MeterReading(
                        "M1",
                        "Apartment",
                        new BigDecimal("10.000"),
                        ReadingSource.REMOTE,
                        new BigDecimal("9.999"),
                        ReadingSource.REMOTE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("below its start reading");
        assertThatThrownBy(() -> new MeterReading(
                        "M1",
                        "Apartment",
                        new BigDecimal("10.0001"),
                        ReadingSource.REMOTE,
                        new BigDecimal("11"),
                        ReadingSource.REMOTE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 3 decimals");
        assertThat(new MeterReading(
                                "M1",
                                "Apartment",
                                new BigDecimal("10"),
                                ReadingSource.MANUAL,
                                new BigDecimal("12.5"),
                                ReadingSource.IMPORTED)
                        .consumptionKwh())
                .isEqualTo(new BigDecimal("2.500"));
    }

    @Test
    void history_mustAscend_andHoldAtMost12Months() {
        MonthlyConsumption may = new MonthlyConsumption(YearMonth.of(2026, 5), BigDecimal.ONE, BigDecimal.ONE);
        MonthlyConsumption june = new MonthlyConsumption(YearMonth.of(2026, 6), BigDecimal.ONE, BigDecimal.ONE);

        assertThatThrownBy(() ->
                        TestBills.invoice("de").history(List.of(june, may)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not follow");
        List<MonthlyConsumption> thirteen = new java.util.ArrayList<>(TestBills.history12());
        thirteen.add(0, new MonthlyConsumption(YearMonth.of(2025, 6), BigDecimal.ONE, BigDecimal.ONE));
        assertThatThrownBy(() -> TestBills.invoice("de").history(thirteen).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 12");
    }

    @Test
    void onlyGermanAndEnglish() {
        assertThatThrownBy(() -> TestBills.invoice("fr").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("language [fr]");
    }
}
