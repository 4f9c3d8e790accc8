package org.hausmeter.ledger.mscons;

import java.util.List;

/**
 * A parsed MSCONS file (one interchange, UNB … UNZ).
 *
 * @param interchangeRef the interchange control reference of {@code UNB}
 * @param sender         the sender's id in {@code UNB} (the metering point operator's market partner id)
 * @param recipient      the recipient's id in {@code UNB}
 * @param problems       what is wrong with the file as a whole (syntax, envelope, counts); any problem refuses the
 *                       whole file and no message is stored
 * @param messages       every message, accepted or rejected, in file order
 */
public record MsconsFile(
        String interchangeRef, String sender, String recipient, List<String> problems, List<MsconsMessage> messages) {

    public MsconsFile {
        problems = List.copyOf(problems);
        messages = List.copyOf(messages);
    }

    /** True when the file as a whole is readable (messages may still be rejected one by one). */
    public boolean ok() {
        return problems.isEmpty();
    }

    public long acceptedValues() {
        return messages.stream()
                .filter(MsconsMessage::accepted)
                .mapToLong(m -> m.values().size())
                .sum();
    }
}
