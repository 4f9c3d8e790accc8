package org.hausmeter.ledger.mscons;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import io.xlate.edi.stream.Location;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hausmeter.ledger.IntervalQuality;
import org.hausmeter.ledger.Intervals;
import org.hausmeter.ledger.csv.ImportLimits;

/**
 * Reads an MSCONS interchange (EDIFACT load profile messages of a metering point operator) into quarter-hour values.
 * Pure: the EDIFACT syntax (service string advice UNA, separators, release character, segment and element positions)
 * is StAEDI's ({@code io.xlate:staedi}); this class reads the segments a load profile needs and checks them: the
 * envelope (UNB/UNZ, UNH/UNT with their counts and references), {@code BGM} (message reference), {@code LOC+172}
 * (metering point, mapped to a meter), {@code PIA+5} (OBIS code: import or export series), {@code QTY} (qualifier,
 * kWh value, unit) and {@code DTM+163}/{@code DTM+164} (the quarter hour, format 303 with its UTC offset).
 * <p>
 * A problem inside a message rejects that message (the first reason, with its segment number, is kept; the other
 * messages are judged on their own). A problem of the file as a whole (syntax, envelope) refuses the file. Segments
 * are numbered from the file's first segment (the UNA service string advice, when present, is segment 1).
 */
public final class MsconsParser {

    /** A meter that a metering point id maps to. */
    public record MeterRef(long id, String name) {}

    private static final DateTimeFormatter LOCAL_303 = DateTimeFormatter.ofPattern("uuuuMMddHHmm");

    private final Map<String, MeterRef> meters;
    private final ImportLimits limits;

    /**
     * @param meters metering point id (stored form, see {@link MeteringPoint}) to meter
     * @param limits the ledger's window and installation dates
     */
    public MsconsParser(Map<String, MeterRef> meters, ImportLimits limits) {
        this.meters = Map.copyOf(meters);
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** One segment as read: its position, tag and elements (each a list of components, 0-based here). */
    record Segment(int position, String tag, List<List<String>> elements) {
        /** Element {@code e}, component {@code c} (both 1-based as in the guides); "" when absent. */
        String get(int e, int c) {
            if (e < 1 || e > elements.size()) {
                return "";
            }
            List<String> comps = elements.get(e - 1);
            return c < 1 || c > comps.size() || comps.get(c - 1) == null ? "" : comps.get(c - 1);
        }

        String where() {
            return "segment " + position + " (" + tag + ")";
        }
    }

    /** Reads the whole stream (the caller closes it). */
    public MsconsFile parse(InputStream in) throws IOException {
        State s = new State();
        EDIInputFactory factory = EDIInputFactory.newFactory();
        try (EDIStreamReader r = factory.createEDIStreamReader(in)) {
            String tag = null;
            int position = 0;
            List<List<String>> elements = new ArrayList<>();
            boolean any = false;
            while (r.hasNext()) {
                EDIStreamEvent e = r.next();
                any = true;
                Location l = r.getLocation();
                if (e.isError()) {
                    s.fileProblem("segment " + l.getSegmentPosition() + " (" + l.getSegmentTag() + "): "
                            + String.valueOf(r.getErrorType())
                                    .toLowerCase(java.util.Locale.ROOT)
                                    .replace('_', ' '));
                    continue;
                }
                switch (e) {
                    case START_SEGMENT -> {
                        tag = r.getText();
                        position = l.getSegmentPosition();
                        elements = new ArrayList<>();
                    }
                    case ELEMENT_DATA -> {
                        int el = l.getElementPosition();
                        int comp = Math.max(1, l.getComponentPosition());
                        while (elements.size() < el) {
                            elements.add(new ArrayList<>());
                        }
                        List<String> comps = elements.get(el - 1);
                        while (comps.size() < comp) {
                            comps.add("");
                        }
                        comps.set(comp - 1, r.getText());
                    }
                    case END_SEGMENT -> s.segment(new Segment(position, tag, elements));
                    default -> {
                        // interchange, transaction and composite boundaries: the segments say all this class needs
                    }
                }
            }
            if (!any) {
                s.fileProblem("the file is empty");
            }
        } catch (EDIStreamException e) {
            Location l = e.getLocation();
            s.fileProblem((l == null ? "" : "segment " + l.getSegmentPosition() + ": ") + "not readable as EDIFACT: "
                    + e.getMessage());
        }
        return s.finish();
    }

    /** The parser's state across one file. */
    private final class State {
        final List<String> problems = new ArrayList<>();
        final List<MsconsMessage> messages = new ArrayList<>();
        /** (meter, direction, start) → segment of the value already read (duplicates across the file). */
        final Map<String, Integer> seen = new HashMap<>();

        String interchangeRef;
        String sender;
        String recipient;
        boolean unbSeen;
        boolean unzSeen;
        Message current;

        void fileProblem(String p) {
            if (problems.size() < 100) {
                problems.add(p);
            }
        }

        void segment(Segment seg) {
            if (unzSeen) {
                fileProblem(seg.where() + ": after the end of the interchange (UNZ)");
                return;
            }
            switch (seg.tag()) {
                case "UNA" -> {
                    // service string advice: StAEDI applies it
                }
                case "UNB" -> {
                    if (unbSeen) {
                        fileProblem(seg.where() + ": a second interchange header; send one interchange per file");
                    }
                    unbSeen = true;
                    sender = seg.get(2, 1);
                    recipient = seg.get(3, 1);
                    interchangeRef = seg.get(5, 1);
                    if (sender.isBlank() || interchangeRef.isBlank()) {
                        fileProblem(seg.where() + ": the interchange header needs a sender and a control reference");
                    }
                }
                case "UNG", "UNE" -> fileProblem(seg.where() + ": functional groups are not supported in MSCONS");
                case "UNH" -> {
                    requireUnb(seg);
                    if (current != null) {
                        fileProblem(seg.where() + ": a new message starts before message [" + current.unhRef
                                + "] ended (no UNT)");
                    }
                    current = new Message(seg);
                }
                case "UNT" -> {
                    if (current == null) {
                        fileProblem(seg.where() + ": message trailer without a message header (UNH)");
                        return;
                    }
                    current.segment(seg);
                    messages.add(current.finish(seg));
                    current = null;
                }
                case "UNZ" -> {
                    requireUnb(seg);
                    unzSeen = true;
                    if (current != null) {
                        fileProblem(seg.where() + ": the interchange ends inside message [" + current.unhRef
                                + "] (no UNT)");
                        current = null;
                    }
                    String count = seg.get(1, 1);
                    if (!count.equals(Integer.toString(messages.size()))) {
                        fileProblem(seg.where() + ": the interchange trailer counts [" + count
                                + "] messages, the file has [" + messages.size() + "]");
                    }
                    if (!seg.get(2, 1).equals(interchangeRef)) {
                        fileProblem(seg.where() + ": control reference [" + seg.get(2, 1)
                                + "] differs from the header's [" + interchangeRef + "]");
                    }
                }
                default -> {
                    if (current == null) {
                        fileProblem(seg.where() + ": outside a message (UNH … UNT)");
                        return;
                    }
                    current.segment(seg);
                }
            }
        }

        void requireUnb(Segment seg) {
            if (!unbSeen) {
                fileProblem(seg.where() + ": the file does not start with an interchange header (UNB)");
                unbSeen = true;
            }
        }

        MsconsFile finish() {
            if (current != null) {
                fileProblem("the file ends inside message [" + current.unhRef + "] (no UNT): truncated?");
            }
            if (unbSeen && !unzSeen && problems.isEmpty()) {
                fileProblem("the file ends without the interchange trailer (UNZ): truncated?");
            }
            if (!unbSeen && problems.isEmpty()) {
                fileProblem("no interchange header (UNB): not an EDIFACT interchange");
            }
            return new MsconsFile(interchangeRef, sender, recipient, problems, messages);
        }

        /** One message being read. */
        private final class Message {
            final int first;
            final String unhRef;
            String version = "";
            String messageRef;
            String reason;
            int count;
            final List<String> points = new ArrayList<>();
            final List<MsconsValue> values = new ArrayList<>();
            final Map<String, Integer> seenHere = new HashMap<>();
            MeterRef meter;
            Direction direction;
            Pending pending;

            Message(Segment unh) {
                first = unh.position();
                unhRef = unh.get(1, 1);
                count = 1;
                String type = unh.get(2, 1);
                version = unh.get(2, 5);
                if (!type.equals("MSCONS")) {
                    reject(unh, "message type [" + type + "] is not MSCONS");
                }
            }

            void reject(Segment seg, String why) {
                if (reason == null) {
                    reason = seg.where() + ": " + why;
                }
            }

            void segment(Segment seg) {
                count++;
                if (!seg.tag().equals("DTM") && !seg.tag().equals("STS")) {
                    closeValue(seg);
                }
                switch (seg.tag()) {
                    case "BGM" -> {
                        messageRef = seg.get(2, 1);
                        if (messageRef.isBlank()) {
                            reject(seg, "no document number (the message's reference)");
                        }
                    }
                    case "LOC" -> {
                        direction = null;
                        meter = null;
                        if (!seg.get(1, 1).equals("172")) {
                            reject(seg, "location qualifier [" + seg.get(1, 1) + "] is not 172 (Meldepunkt)");
                            return;
                        }
                        String raw = seg.get(2, 1);
                        MeteringPoint.Checked id = MeteringPoint.check(raw);
                        points.add(id.ok() ? id.id() : raw);
                        if (!id.ok()) {
                            reject(seg, id.problem());
                            return;
                        }
                        meter = meters.get(id.id());
                        if (meter == null) {
                            reject(
                                    seg,
                                    "metering point [" + id.id() + "] is not assigned to any meter (building file key"
                                            + " meteringPoint, or PUT /api/meters/{meter}/metering-point)");
                        }
                    }
                    case "LIN" -> direction = null;
                    case "PIA" -> {
                        String obis = seg.get(2, 1);
                        Optional<Direction> d = Direction.ofObis(obis);
                        if (d.isEmpty()) {
                            reject(
                                    seg,
                                    "OBIS code [" + obis
                                            + "] is no 15-minute energy series (1-1:1.29.0 import, 1-1:2.29.0"
                                            + " export)");
                        } else if (meter == null && reason == null) {
                            reject(seg, "a series without a metering point (LOC+172) before it");
                        }
                        direction = d.orElse(null);
                    }
                    case "QTY" -> value(seg);
                    case "DTM" -> period(seg);
                    default -> {
                        // UNS, NAD, RFF, CTA, COM, CCI, STS and the like carry nothing the ledger stores
                    }
                }
            }

            void value(Segment seg) {
                if (direction == null) {
                    reject(seg, "a value without a series (LIN/PIA with an OBIS code) before it");
                    return;
                }
                String code = seg.get(1, 1);
                Optional<QtyQualifier> q = QtyQualifier.of(code);
                if (q.isEmpty()) {
                    reject(seg, "quantity qualifier [" + code + "] is not one of 220, 67, 201 (see docs/mscons.md)");
                    return;
                }
                if (q.get().quality().isEmpty()) {
                    reject(seg, "quantity qualifier [" + code + "] (" + q.get().meaning() + ") may not be billed");
                    return;
                }
                String unit = seg.get(1, 3);
                if (!unit.equals("KWH") && !unit.equals("WHR")) {
                    reject(seg, "unit [" + unit + "] is not KWH (kWh) or WHR (Wh)");
                    return;
                }
                String text = seg.get(1, 2);
                BigDecimal amount;
                try {
                    amount = new BigDecimal(text.replace(',', '.'));
                } catch (NumberFormatException e) {
                    reject(seg, "quantity [" + text + "] is not a number");
                    return;
                }
                if (amount.signum() < 0) {
                    reject(seg, "quantity [" + text + "] is negative");
                    return;
                }
                BigDecimal wh = unit.equals("KWH") ? amount.movePointRight(3) : amount;
                long whole;
                try {
                    whole = wh.stripTrailingZeros().longValueExact();
                } catch (ArithmeticException e) {
                    reject(
                            seg,
                            "quantity [" + text + "] " + unit
                                    + " is not a whole number of Wh; the ledger stores whole Wh"
                                    + " and refuses to round");
                    return;
                }
                pending = new Pending(seg, whole, q.get());
            }

            void period(Segment seg) {
                String qualifier = seg.get(1, 1);
                if (!qualifier.equals("163") && !qualifier.equals("164")) {
                    return;
                }
                if (pending == null) {
                    return; // the period of the whole message or location: the values carry their own
                }
                Instant at = instant(seg);
                if (at == null) {
                    return;
                }
                if (qualifier.equals("163")) {
                    if (pending.start != null) {
                        reject(seg, "a second start of the same value's period");
                    }
                    pending.start = at;
                } else {
                    if (pending.end != null) {
                        reject(seg, "a second end of the same value's period");
                    }
                    pending.end = at;
                }
            }

            Instant instant(Segment seg) {
                String text = seg.get(1, 2);
                String format = seg.get(1, 3);
                if (!format.equals("303")) {
                    reject(seg, "date format [" + format + "] is not 303 (CCYYMMDDHHMMZZZ with the UTC offset)");
                    return null;
                }
                if (!text.matches("[0-9]{12}[+-][0-9]{2}")) {
                    reject(seg, "date [" + text + "] is not CCYYMMDDHHMM followed by the UTC offset like +00");
                    return null;
                }
                try {
                    LocalDateTime local = LocalDateTime.parse(text.substring(0, 12), LOCAL_303);
                    int hours = Integer.parseInt(text.substring(13, 15));
                    ZoneOffset offset = ZoneOffset.ofHours(text.charAt(12) == '-' ? -hours : hours);
                    return local.toInstant(offset);
                } catch (DateTimeException e) {
                    reject(seg, "date [" + text + "] does not exist");
                    return null;
                }
            }

            /** Completes the value read last, if any, at the segment after its DTMs. */
            void closeValue(Segment next) {
                Pending p = pending;
                pending = null;
                if (p == null || reason != null) {
                    return;
                }
                if (p.start == null || p.end == null) {
                    reject(p.qty, "the value has no period (DTM+163 start and DTM+164 end after it)");
                    return;
                }
                if (!Intervals.isBoundary(p.start)
                        || p.end.getEpochSecond() - p.start.getEpochSecond() != Intervals.SECONDS) {
                    reject(
                            p.qty,
                            "the value's period [" + p.start + ", " + p.end
                                    + ") is not one quarter hour on a quarter-hour" + " boundary");
                    return;
                }
                String refusal = limits.refusal(meter.id(), meter.name(), p.start, "interval");
                if (refusal != null) {
                    reject(p.qty, refusal);
                    return;
                }
                String key = meter.id() + "/" + direction + "/" + p.start.getEpochSecond();
                Integer before = seenHere.putIfAbsent(key, p.qty.position());
                if (before == null) {
                    before = seen.get(key);
                }
                if (before != null) {
                    reject(
                            p.qty,
                            "meter [" + meter.name() + "] already has a "
                                    + direction.name().toLowerCase(java.util.Locale.ROOT)
                                    + " value for the quarter hour from " + p.start + " in segment " + before);
                    return;
                }
                IntervalQuality quality = p.qualifier.quality().orElseThrow();
                values.add(new MsconsValue(
                        meter.id(),
                        meter.name(),
                        p.start,
                        direction,
                        p.wh,
                        quality,
                        p.qualifier.code(),
                        messageRef == null ? "" : messageRef,
                        p.qty.position()));
            }

            MsconsMessage finish(Segment unt) {
                String counted = unt.get(1, 1);
                if (!counted.equals(Integer.toString(count))) {
                    reject(
                            unt,
                            "the message trailer counts [" + counted + "] segments, the message has [" + count + "]");
                }
                if (!unt.get(2, 1).equals(unhRef)) {
                    reject(unt, "message reference [" + unt.get(2, 1) + "] differs from the header's [" + unhRef + "]");
                }
                if (messageRef == null) {
                    reject(unt, "the message has no BGM segment (its reference)");
                }
                if (reason == null && values.isEmpty()) {
                    reject(unt, "the message holds no quarter-hour value");
                }
                String ref = messageRef == null ? "UNH " + unhRef : messageRef;
                if (reason != null) {
                    return new MsconsMessage(
                            first, unhRef, ref, version, points, MsconsMessage.Status.REJECTED, reason, List.of());
                }
                seenHere.forEach(seen::putIfAbsent);
                List<MsconsValue> stamped = new ArrayList<>(values.size());
                for (MsconsValue v : values) {
                    stamped.add(
                            v.messageRef().equals(ref)
                                    ? v
                                    : new MsconsValue(
                                            v.meterId(),
                                            v.meterName(),
                                            v.intervalStart(),
                                            v.direction(),
                                            v.wh(),
                                            v.quality(),
                                            v.qualifier(),
                                            ref,
                                            v.segment()));
                }
                return new MsconsMessage(
                        first, unhRef, ref, version, points, MsconsMessage.Status.ACCEPTED, null, stamped);
            }
        }
    }

    /** A value read from QTY, waiting for its DTM+163/164. */
    private static final class Pending {
        final Segment qty;
        final long wh;
        final QtyQualifier qualifier;
        Instant start;
        Instant end;

        Pending(Segment qty, long wh, QtyQualifier qualifier) {
            this.qty = qty;
            this.wh = wh;
            this.qualifier = qualifier;
        }
    }
}
