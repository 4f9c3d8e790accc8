package org.hausmeter.bus.sim;

import java.time.Duration;
import org.hausmeter.bus.RtuTiming;

/**
 * How long a simulated unit takes to answer, measured from the moment the whole request was received
 * to the moment the reply is written. Sizes are always <b>RTU frame sizes</b> (unit id + PDU + CRC),
 * also on the TCP endpoints, so a TCP-served simulated bus behaves like the RS-485 line behind a gateway.
 */
@FunctionalInterface
public interface ReplyDelay {

    ReplyDelay NONE = (requestBytes, responseBytes) -> Duration.ZERO;

    Duration delay(int requestBytes, int responseBytes);

    /** Wire time of both frames + t3.5 + {@code turnaround}, per {@link RtuTiming#replyDelay}. */
    static ReplyDelay rtuTimed(RtuTiming timing, Duration turnaround) {
        return (requestBytes, responseBytes) -> timing.replyDelay(requestBytes, responseBytes, turnaround);
    }

    /** The same delay for every reply. */
    static ReplyDelay fixed(Duration delay) {
        return (requestBytes, responseBytes) -> delay;
    }
}
