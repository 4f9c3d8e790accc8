package org.hausmeter.bus.j2mod;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.io.ModbusTCPTransaction;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.net.TCPMasterConnection;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import org.hausmeter.bus.BusRequest;
import org.hausmeter.bus.ModbusFailure;

/**
 * {@link org.hausmeter.bus.ModbusBus} to a Modbus TCP device or gateway, with j2mod.
 *
 * <p>One attempt per call: j2mod 3.2.1's {@code ModbusTCPTransaction.execute()} treats
 * {@code retries <= 0} as "use the default of 5" ({@code retries > 0 ? retries : 5}), so
 * {@code setRetries(0)} gives five attempts with random back-off sleeps in between. We set
 * {@code setRetries(1)}. After any failure other than an exception response the socket is closed,
 * so a late reply to a timed-out request can never be taken for the answer to the next one; the next
 * call reconnects. The connection is opened lazily on the first call.
 */
public final class J2modTcpBus extends J2modBus {

    /** How requests are framed on the socket. */
    public enum Framing {
        /** Modbus TCP: MBAP header, no CRC (port 502). */
        MBAP,
        /**
         * RTU frames with CRC over a raw socket, as transparent serial servers do. Framed by
         * {@link RtuOverTcpChannel} (CRC checked), with j2mod's PDU classes.
         */
        RTU_OVER_TCP
    }

    private final String host;
    private final int port;
    private final Framing framing;
    private TCPMasterConnection connection;
    private ModbusTCPTransaction transaction;
    private RtuOverTcpChannel rtuChannel;

    /**
     * @param timeout  response timeout (also the connect timeout) of one request
     * @param minPause least idle time between the end of one request and the start of the next;
     *                 use the RTU t3.5 (or more) for serial lines behind a gateway
     */
    public J2modTcpBus(String name, String host, int port, Framing framing, Duration timeout, Duration minPause) {
        super(name, timeout, minPause);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("Bus [" + name + "] port [" + port + "] out of range");
        }
        this.host = host;
        this.port = port;
        this.framing = framing;
    }

    public static J2modTcpBus modbusTcp(String name, String host, int port, Duration timeout) {
        return new J2modTcpBus(name, host, port, Framing.MBAP, timeout, Duration.ZERO);
    }

    public static J2modTcpBus rtuOverTcp(String name, String host, int port, Duration timeout) {
        return new J2modTcpBus(name, host, port, Framing.RTU_OVER_TCP, timeout, Duration.ZERO);
    }

    @Override
    ModbusResponse exchange(BusRequest request, ModbusRequest j2modRequest) throws ModbusFailure, ModbusException {
        if (framing == Framing.RTU_OVER_TCP) {
            if (rtuChannel == null) {
                try {
                    rtuChannel = new RtuOverTcpChannel(host, port, timeoutMillis());
                } catch (IOException e) {
                    throw ModbusFailure.io(request, "cannot connect: " + e.getMessage(), e);
                }
            }
            return rtuChannel.exchange(request, j2modRequest);
        }
        try {
            connect();
        } catch (Exception e) {
            throw ModbusFailure.io(request, "cannot connect: " + e.getMessage(), e);
        }
        return execute(transaction, j2modRequest);
    }

    private void connect() throws Exception {
        if (connection == null || !connection.isConnected()) {
            disconnect();
            TCPMasterConnection fresh = new TCPMasterConnection(InetAddress.getByName(host));
            fresh.setPort(port);
            fresh.setTimeout(timeoutMillis());
            fresh.connect();
            ModbusTCPTransaction tx = new ModbusTCPTransaction(fresh);
            tx.setRetries(1);
            tx.setReconnecting(false);
            tx.setCheckingValidity(true);
            connection = fresh;
            transaction = tx;
        }
    }

    /** Any failure but an exception reply drops the socket, so no late reply is taken for the next answer. */
    @Override
    void afterFailure(ModbusFailure.Kind kind) {
        if (kind != ModbusFailure.Kind.EXCEPTION) {
            disconnect();
        }
    }

    @Override
    void disconnect() {
        if (rtuChannel != null) {
            rtuChannel.close();
            rtuChannel = null;
        }
        if (connection != null) {
            connection.close();
            connection = null;
            transaction = null;
        }
    }
}
