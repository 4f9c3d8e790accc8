package org.hausmeter.bus.j2mod;

import com.fazecast.jSerialComm.SerialPort;
import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.io.ModbusSerialTransaction;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.net.SerialConnection;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import java.io.IOException;
import java.time.Duration;
import org.hausmeter.bus.BusRequest;
import org.hausmeter.bus.ModbusFailure;
import org.hausmeter.bus.RtuTiming;
import org.hausmeter.bus.SerialSettings;
import org.jboss.logging.Logger;

/**
 * {@link org.hausmeter.bus.ModbusBus} on a local RS-485 port (or a pty), Modbus RTU with j2mod.
 *
 * <p>Give the <b>full device path</b> ({@code /dev/ttyUSB0}, {@code /tmp/ttyV1}): jSerialComm opens
 * ptys by path although it does not list them. One attempt per call ({@code setRetries(1)}; j2mod's
 * serial transaction also stops after one attempt with 0). j2mod waits its own t3.5 only after a
 * successful transaction of the same transaction object, truncated to whole milliseconds, so this
 * bus additionally keeps {@code minPause} (default: t3.5 rounded up to the next millisecond) between
 * the end of any request, failed or not, and the next. The port is opened lazily and reopened after
 * a failure.
 */
public final class J2modRtuBus extends J2modBus {

    private static final Logger LOG = Logger.getLogger(J2modRtuBus.class);
    /** How long a port's close may take before it is left to finish (or hang) on its own thread. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    private final SerialSettings settings;
    private SerialConnection connection;
    private ModbusSerialTransaction transaction;

    /**
     * @param timeout  response timeout of one request (time from end of request to a complete reply)
     * @param minPause least idle time between requests; at least t3.5 makes sense
     */
    public J2modRtuBus(String name, SerialSettings settings, Duration timeout, Duration minPause) {
        super(name, timeout, minPause);
        this.settings = settings;
    }

    /** With the minimum pause set to t3.5 of {@code settings}, rounded up to whole milliseconds. */
    public J2modRtuBus(String name, SerialSettings settings, Duration timeout) {
        this(name, settings, timeout, defaultPause(settings));
    }

    /** t3.5 of the line, rounded up to whole milliseconds (5 ms at 9600, 3 ms at 19200, 2 ms above). */
    public static Duration defaultPause(SerialSettings settings) {
        long micros = RtuTiming.of(settings).silenceMicros();
        return Duration.ofMillis((micros + 999) / 1000);
    }

    public SerialSettings settings() {
        return settings;
    }

    @Override
    ModbusResponse exchange(BusRequest request, ModbusRequest j2modRequest) throws ModbusFailure, ModbusException {
        try {
            open();
        } catch (IOException | RuntimeException e) {
            throw ModbusFailure.io(request, "cannot open [" + settings.device() + "]: " + e.getMessage(), e);
        }
        return execute(transaction, j2modRequest);
    }

    private void open() throws IOException {
        if (connection == null || !connection.isOpen()) {
            disconnect();
            SerialParameters parameters = new SerialParameters();
            parameters.setPortName(settings.device());
            parameters.setBaudRate(settings.baud());
            parameters.setDatabits(settings.dataBits());
            parameters.setParity(
                    switch (settings.parity()) {
                        case NONE -> SerialPort.NO_PARITY;
                        case EVEN -> SerialPort.EVEN_PARITY;
                        case ODD -> SerialPort.ODD_PARITY;
                    });
            parameters.setStopbits(settings.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT);
            parameters.setEncoding("rtu");
            parameters.setEcho(false);
            SerialConnection fresh = new SerialConnection(parameters);
            fresh.open();
            fresh.setTimeout(timeoutMillis());
            ModbusSerialTransaction tx = new ModbusSerialTransaction(fresh);
            tx.setRetries(1);
            tx.setTransDelayMS(0);
            connection = fresh;
            transaction = tx;
        }
    }

    /**
     * Only I/O failures reopen the port: j2mod clears the receive buffer before every request, so a
     * late reply cannot be mistaken for the next answer. Reopening is also fragile on ptys: with even
     * or odd parity, jSerialComm 2.10.4 opens a socat pty once, but every later open of the same pty
     * fails with EINVAL (j2mod: "cannot be opened after [3] attempts"); with no parity it reopens.
     */
    @Override
    void afterFailure(ModbusFailure.Kind kind) {
        if (kind == ModbusFailure.Kind.IO) {
            disconnect();
        }
    }

    /**
     * Closes the port on a thread of its own and waits at most {@link #CLOSE_WAIT}. j2mod 3.2.1 listens for
     * jSerialComm's "port disconnected" event and closes the port from jSerialComm's event thread; when that
     * event comes while we close the port (seen on a pty whose peer went away), jSerialComm 2.10.4's
     * {@code closePort} holds the port's lock and waits for the event thread, which waits for the lock: both
     * hang for good. The poller must not hang with them: it goes on (and opens the port anew when asked),
     * and the stuck close is logged.
     */
    @Override
    void disconnect() {
        SerialConnection c = connection;
        connection = null;
        transaction = null;
        if (c == null) {
            return;
        }
        Thread closer = new Thread(c::close, "close-" + name());
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.warnf(
                    "Bus [%s]: closing serial port [%s] did not finish within %d ms (j2mod/jSerialComm lock-order"
                            + " problem on a port that disconnected); left to its own thread",
                    name(), settings.device(), CLOSE_WAIT.toMillis());
        }
    }
}
