/**
 * Bills as PDF: {@link org.hausmeter.billing.pdf.BillDocument} is everything printed on one bill,
 * {@link org.hausmeter.billing.pdf.BillPdfRenderer} renders it deterministically with OpenPDF (texts and
 * layout from {@code templates/bill/}), {@link org.hausmeter.billing.pdf.BillZip} packs many PDFs into one
 * ZIP. No I/O besides reading the templates from the class path; no clock. See docs/bill-pdf.md.
 */
package org.hausmeter.billing.pdf;
