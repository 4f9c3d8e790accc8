package org.hausmeter.ledger.mscons;

import java.util.Optional;
import org.hausmeter.ledger.IntervalQuality;

/**
 * The quality of a value, from the qualifier (DE 6063) of its {@code QTY} segment, after the BDEW MSCONS message
 * implementation guide 2.4c (see docs/mscons.md). Only values that may be billed are accepted: a true value or a
 * substitute/proposed value (marked ESTIMATED); an unusable value or a qualifier this importer does not know rejects
 * the message.
 */
public enum QtyQualifier {
    /** 220, wahrer Wert: measured by the operator's meter. */
    TRUE_VALUE("220", "wahrer Wert / true value", IntervalQuality.IMPORTED),
    /** 67, Ersatzwert: formed by the operator for a missing or implausible measurement. */
    SUBSTITUTE("67", "Ersatzwert / substitute value", IntervalQuality.ESTIMATED),
    /** 201, Vorschlagswert: a value proposed by the operator, not measured. */
    PROPOSED("201", "Vorschlagswert / proposed value", IntervalQuality.ESTIMATED),
    /** 20, nicht verwendbarer Wert: the operator says the value must not be used. */
    UNUSABLE("20", "nicht verwendbarer Wert / unusable value", null);

    private final String code;
    private final String meaning;
    private final IntervalQuality quality;

    QtyQualifier(String code, String meaning, IntervalQuality quality) {
        this.code = code;
        this.meaning = meaning;
        this.quality = quality;
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The ledger quality of such a value; empty when it may not be stored. */
    public Optional<IntervalQuality> quality() {
        return Optional.ofNullable(quality);
    }

    public static Optional<QtyQualifier> of(String code) {
        for (QtyQualifier q : values()) {
            if (q.code.equals(code)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }
}
