package org.hausmeter.bus.sim;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.hausmeter.bus.SerialSettings;

/**
 * A simulated Modbus bus: several unit ids, each backed by a {@link RegisterSource}, served as slaves
 * on any number of endpoints at once: Modbus TCP (MBAP), RTU over TCP (raw RTU frames on a socket),
 * and RTU on a serial device such as one end of a socat pty pair.
 *
 * <p>One server is one bus: requests from all endpoints and connections are answered one at a time,
 * and the {@link ReplyDelay} (e.g. {@link ReplyDelay#rtuTimed}) is spent while holding the bus, so
 * concurrent masters queue as on RS-485. TCP endpoints bind 127.0.0.1 on a random port.
 *
 * <p>Unknown unit ids never answer (on RTU and on TCP). RTU requests with a bad CRC are ignored, as a
 * real slave does. Supported function codes: 1, 3, 4, 5, 6; others get exception 1.
 */
public final class ModbusSlaveServer implements AutoCloseable {

    /** Gap that ends a partial RTU frame. Generous: pty and loopback deliver frames in one burst. */
    private static final int FRAME_GAP_MILLIS = 50;

    private final String name;
    private final UnitDispatcher dispatcher = new UnitDispatcher();
    private final ReentrantLock bus = new ReentrantLock(true);
    private final List<Closeable> resources = new CopyOnWriteArrayList<>();
    private volatile ReplyDelay replyDelay = ReplyDelay.NONE;
    private volatile boolean closed;

    /** @param name used in thread names */
    public ModbusSlaveServer(String name) {
        this.name = name;
    }

    public ModbusSlaveServer addUnit(int unitId, RegisterSource source) {
        if (unitId < 0 || unitId > 255) {
            throw new IllegalArgumentException("Unit id [" + unitId + "] out of range");
        }
        dispatcher.addUnit(unitId, source);
        return this;
    }

    public ModbusSlaveServer removeUnit(int unitId) {
        dispatcher.removeUnit(unitId);
        return this;
    }

    /** Takes effect with the next request; {@link SlaveFault#NONE} clears. */
    public ModbusSlaveServer setFault(int unitId, SlaveFault fault) {
        dispatcher.setFault(unitId, fault);
        return this;
    }

    /** Delay applied to every reply on every endpoint; {@link ReplyDelay#NONE} by default. */
    public ModbusSlaveServer setReplyDelay(ReplyDelay delay) {
        this.replyDelay = delay;
        return this;
    }

    /** Requests received so far (all units, all endpoints, including unanswered ones). */
    public long requestCount() {
        return dispatcher.requests();
    }

    /** Serves Modbus TCP (MBAP framing) on 127.0.0.1. @return the bound port */
    public int startTcp() throws IOException {
        return listen(false);
    }

    /** Serves RTU frames (with CRC) over plain TCP on 127.0.0.1, like a transparent serial gateway. @return the bound port */
    public int startRtuOverTcp() throws IOException {
        return listen(true);
    }

    /** Serves RTU on a serial device; the baud rate only matters to real hardware (a pty ignores it). */
    public void startRtu(SerialSettings settings) throws IOException {
        ByteLink link = ByteLink.open(settings);
        resources.add(link);
        start("rtu", () -> serveRtu(link));
    }

    @Override
    public void close() {
        closed = true;
        for (Closeable resource : resources) {
            try {
                resource.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        resources.clear();
    }

    private int listen(boolean rtuFraming) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        resources.add(server);
        start("accept-" + server.getLocalPort(), () -> {
            while (!closed) {
                Socket socket = server.accept();
                ByteLink link = ByteLink.of(socket);
                resources.add(link);
                start("conn-" + socket.getPort(), () -> {
                    try {
                        if (rtuFraming) {
                            serveRtu(link);
                        } else {
                            serveTcp(link);
                        }
                    } finally {
                        resources.remove(link);
                        link.close();
                    }
                });
            }
        });
        return server.getLocalPort();
    }

    private interface IoTask {
        void run() throws IOException;
    }

    private void start(String role, IoTask task) {
        Thread thread = new Thread(
                () -> {
                    try {
                        task.run();
                    } catch (IOException e) {
                        // link closed or server stopped: the thread ends
                    }
                },
                "modbus-slave-" + name + "-" + role);
        thread.setDaemon(true);
        thread.start();
    }

    private void serveTcp(ByteLink link) throws IOException {
        while (!closed) {
            byte[] header = readFully(link, 7, 0);
            int length = ((header[4] & 0xFF) << 8) | (header[5] & 0xFF);
            if (length < 2 || length > 254) {
                throw new EOFException("Bad MBAP length [" + length + "]");
            }
            byte[] pdu = readFully(link, length - 1, FRAME_GAP_MILLIS);
            int unitId = header[6] & 0xFF;
            answer(unitId, pdu, true, reply -> {
                byte[] frame = new byte[7 + reply.pdu().length];
                System.arraycopy(header, 0, frame, 0, 4);
                frame[4] = (byte) ((reply.pdu().length + 1) >>> 8);
                frame[5] = (byte) (reply.pdu().length + 1);
                frame[6] = (byte) unitId;
                System.arraycopy(reply.pdu(), 0, frame, 7, reply.pdu().length);
                link.write(frame);
            });
        }
    }

    private void serveRtu(ByteLink link) throws IOException {
        while (!closed) {
            byte[] frame = RtuFrames.readRequest(link, FRAME_GAP_MILLIS);
            if (frame == null || !Crc16.matches(frame, frame.length)) {
                continue;
            }
            int unitId = frame[0] & 0xFF;
            byte[] pdu = Arrays.copyOfRange(frame, 1, frame.length - 2);
            answer(unitId, pdu, false, reply -> link.write(RtuFrames.frame(unitId, reply.pdu(), reply.garbage())));
        }
    }

    private void answer(int unitId, byte[] pdu, boolean tcp, ReplyWriter writer) throws IOException {
        bus.lock();
        try {
            long start = System.nanoTime();
            SlaveReply reply = dispatcher.dispatch(unitId, pdu, tcp);
            if (reply.silent()) {
                return;
            }
            Duration delay = replyDelay.delay(pdu.length + 3, reply.pdu().length + 3);
            long deadline = start + delay.toNanos();
            for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            writer.write(reply);
        } finally {
            bus.unlock();
        }
    }

    private interface ReplyWriter {
        void write(SlaveReply reply) throws IOException;
    }

    private static byte[] readFully(ByteLink link, int length, int gapMillis) throws IOException {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            int b = link.read(i == 0 && gapMillis == 0 ? 0 : gapMillis);
            if (b == ByteLink.TIMEOUT) {
                throw new EOFException("Truncated MBAP frame");
            }
            bytes[i] = (byte) b;
        }
        return bytes;
    }
}
