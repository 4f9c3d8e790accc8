package org.hausmeter.bus.j2mod;

import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.util.ModbusUtil;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.hausmeter.bus.BusRequest;
import org.hausmeter.bus.ModbusFailure;

/**
 * RTU frames over a plain socket, using j2mod's PDU classes but our own framing: j2mod 3.2.1's
 * {@code ModbusRTUTCPTransport} (via {@code ModbusTCPTransport.readResponse}) reads the two CRC
 * bytes of a reply and discards them unchecked, so a corrupted reply would be accepted as data.
 */
final class RtuOverTcpChannel implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int timeoutMillis;

    RtuOverTcpChannel(String host, int port, int timeoutMillis) throws IOException {
        this.timeoutMillis = timeoutMillis;
        socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** One request, one reply; exception replies are returned as j2mod {@code ExceptionResponse}. */
    ModbusResponse exchange(BusRequest busRequest, ModbusRequest request) throws ModbusFailure {
        try {
            byte[] pdu = request.getMessage();
            byte[] frame = new byte[pdu.length + 4];
            frame[0] = (byte) request.getUnitID();
            frame[1] = (byte) request.getFunctionCode();
            System.arraycopy(pdu, 0, frame, 2, pdu.length);
            int[] crc = ModbusUtil.calculateCRC(frame, 0, frame.length - 2);
            frame[frame.length - 2] = (byte) crc[0];
            frame[frame.length - 1] = (byte) crc[1];
            in.skip(in.available());
            out.write(frame);
            out.flush();
            return readReply(busRequest, System.nanoTime() + timeoutMillis * 1_000_000L);
        } catch (SocketTimeoutException e) {
            throw ModbusFailure.timeout(busRequest, timeoutMillis, e);
        } catch (IOException e) {
            throw ModbusFailure.io(busRequest, String.valueOf(e.getMessage()), e);
        }
    }

    private ModbusResponse readReply(BusRequest busRequest, long deadline) throws IOException, ModbusFailure {
        byte[] frame = new byte[256];
        int length = 0;
        frame[length++] = read(deadline);
        frame[length++] = read(deadline);
        int fc = frame[1] & 0xFF;
        int rest;
        if ((fc & 0x80) != 0) {
            rest = 1;
        } else if (fc >= 1 && fc <= 4) {
            frame[length++] = read(deadline);
            rest = frame[2] & 0xFF;
        } else if (fc == 5 || fc == 6 || fc == 15 || fc == 16) {
            rest = 4;
        } else {
            throw ModbusFailure.garbage(busRequest, "unexpected function code " + fc, null);
        }
        for (int i = 0; i < rest + 2; i++) {
            frame[length++] = read(deadline);
        }
        int[] crc = ModbusUtil.calculateCRC(frame, 0, length - 2);
        if ((frame[length - 2] & 0xFF) != crc[0] || (frame[length - 1] & 0xFF) != crc[1]) {
            throw ModbusFailure.crc(busRequest, ModbusUtil.toHex(frame, 0, length), null);
        }
        if ((frame[0] & 0xFF) != busRequest.unitId()) {
            throw ModbusFailure.garbage(busRequest, "reply from unit " + (frame[0] & 0xFF), null);
        }
        ModbusResponse response = ModbusResponse.createModbusResponse(fc);
        response.setHeadless();
        response.readFrom(new DataInputStream(new ByteArrayInputStream(frame, 0, length - 2)));
        return response;
    }

    private byte read(long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left < 1) {
            throw new SocketTimeoutException("reply incomplete");
        }
        socket.setSoTimeout((int) left);
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed by peer");
        }
        return (byte) b;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already broken
        }
    }
}
