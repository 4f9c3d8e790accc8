package org.hausmeter.bus;

import java.time.Duration;
import java.util.List;

/**
 * Wire-time arithmetic for Modbus RTU (docs/domain.md 2.1/2.2, MODBUS over Serial Line V1.02 2.5.1.1).
 * Pure: no clock, no I/O. All results are in microseconds, rounded half-up once at the end.
 *
 * <p>Model of one transaction: (request bytes + response bytes) × character time + 2 × t3.5 + slave
 * turnaround. t3.5 is 3.5 character times up to 19200 baud and fixed at 1750 µs above.
 *
 * @param baud        bits per second
 * @param bitsPerChar bits per character on the wire: 11 for 8E1/8O1/8N2 (the Modbus norm), 10 for 8N1
 */
public record RtuTiming(int baud, int bitsPerChar) {

    /** FC03/FC04 request: unit 1 + FC 1 + address 2 + count 2 + CRC 2. */
    public static final int READ_REQUEST_BYTES = 8;
    /** Above this baud rate t1.5 and t3.5 are fixed. */
    public static final int FIXED_SILENCE_ABOVE_BAUD = 19200;
    /** t3.5 above 19200 baud, in µs. */
    public static final double FIXED_T35_MICROS = 1750;
    /** t1.5 above 19200 baud, in µs. */
    public static final double FIXED_T15_MICROS = 750;

    public RtuTiming {
        if (baud <= 0 || bitsPerChar < 7 || bitsPerChar > 12) {
            throw new IllegalArgumentException("RTU timing [" + baud + " baud, " + bitsPerChar + " bits] invalid");
        }
    }

    /** The Modbus norm: 11 bits per character. */
    public static RtuTiming of(int baud) {
        return new RtuTiming(baud, 11);
    }

    public static RtuTiming of(SerialSettings settings) {
        return new RtuTiming(settings.baud(), settings.bitsPerCharacter());
    }

    /** FC03/FC04 response for {@code registers} registers: 5 + 2N bytes. */
    public static int readResponseBytes(int registers) {
        return 5 + 2 * registers;
    }

    /** Time to send one character, µs (1145.83 at 9600 baud, 11 bits). */
    public double characterMicros() {
        return bitsPerChar * 1_000_000.0 / baud;
    }

    /** Time to send {@code bytes} back-to-back characters, µs. */
    public long wireMicros(int bytes) {
        return Math.round(bytes * characterMicros());
    }

    /** Inter-frame silence t3.5, µs: 4010 at 9600, 2005 at 19200, 1750 above 19200. */
    public long silenceMicros() {
        return Math.round(t35());
    }

    /** Inter-character timeout t1.5, µs: 1719 at 9600, 750 above 19200. */
    public long interCharacterTimeoutMicros() {
        return Math.round(baud > FIXED_SILENCE_ABOVE_BAUD ? FIXED_T15_MICROS : 1.5 * characterMicros());
    }

    /** One transaction: both frames on the wire, two t3.5 silences, and the slave turnaround, µs. */
    public long transactionMicros(int requestBytes, int responseBytes, Duration turnaround) {
        return Math.round(transaction(requestBytes, responseBytes, turnaround));
    }

    /** {@link #transactionMicros} for one FC03/FC04 read of {@code registers} registers. */
    public long readMicros(int registers, Duration turnaround) {
        return transactionMicros(READ_REQUEST_BYTES, readResponseBytes(registers), turnaround);
    }

    /**
     * Theoretical minimum time for a sequence of reads on one line, one after the other, µs.
     *
     * @param registerCounts registers per read, one entry per request (e.g. 60 × [4] for 60 SDMs)
     * @param turnaround     slave turnaround per request ({@link Duration#ZERO} = theoretical minimum)
     */
    public long minimumReadMicros(List<Integer> registerCounts, Duration turnaround) {
        double total = 0;
        for (int registers : registerCounts) {
            total += transaction(READ_REQUEST_BYTES, readResponseBytes(registers), turnaround);
        }
        return Math.round(total);
    }

    /** {@link #transactionMicros} as a {@link Duration} with nanosecond resolution, for simulators. */
    public Duration transactionTime(int requestBytes, int responseBytes, Duration turnaround) {
        return Duration.ofNanos(Math.round(transaction(requestBytes, responseBytes, turnaround) * 1000));
    }

    /**
     * What a simulated slave should wait before its reply is "complete" at the master: both frames on
     * the wire, one t3.5 (end-of-request detection) and the turnaround. The second t3.5 of the
     * transaction model, before the next request, is the master's to keep.
     */
    public Duration replyDelay(int requestBytes, int responseBytes, Duration turnaround) {
        double micros = transaction(requestBytes, responseBytes, turnaround) - t35();
        return Duration.ofNanos(Math.round(micros * 1000));
    }

    private double t35() {
        return baud > FIXED_SILENCE_ABOVE_BAUD ? FIXED_T35_MICROS : 3.5 * characterMicros();
    }

    private double transaction(int requestBytes, int responseBytes, Duration turnaround) {
        if (requestBytes < 0 || responseBytes < 0 || turnaround.isNegative()) {
            throw new IllegalArgumentException("Frame sizes [" + requestBytes + ", " + responseBytes
                    + "] and turnaround [" + turnaround + "] must not be negative");
        }
        return (requestBytes + responseBytes) * characterMicros() + 2 * t35() + turnaround.toNanos() / 1000.0;
    }
}
