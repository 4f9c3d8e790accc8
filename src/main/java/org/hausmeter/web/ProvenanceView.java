package org.hausmeter.web;

import org.hausmeter.ledger.Provenance;

/**
 * A value's provenance as texts for the message bundles' {@code provenance(kind, reference, position, who)} (caretaker
 * and resident pages): empty strings where the provenance has nothing.
 */
public record ProvenanceView(String kind, String reference, String position, String who) {

    public static ProvenanceView of(Provenance p) {
        return new ProvenanceView(
                p.kind().name(),
                p.reference() == null ? "" : p.reference(),
                p.position() == null ? "" : p.position().toString(),
                p.who() == null ? "" : p.who());
    }
}
