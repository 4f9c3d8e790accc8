package org.hausmeter.bus.sim;

import com.fazecast.jSerialComm.SerialPort;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.hausmeter.bus.SerialSettings;

/** A byte pipe to one master: a TCP connection or a serial port. */
interface ByteLink extends Closeable {

    /** Signals that {@link #read} waited {@code timeoutMillis} without a byte. */
    int TIMEOUT = -1;

    /**
     * @param timeoutMillis 0 = until a byte arrives or the link closes
     * @return the next byte 0–255, or {@link #TIMEOUT}
     * @throws EOFException when the link is closed
     */
    int read(int timeoutMillis) throws IOException;

    void write(byte[] bytes) throws IOException;

    static ByteLink of(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        return new ByteLink() {
            @Override
            public int read(int timeoutMillis) throws IOException {
                socket.setSoTimeout(timeoutMillis);
                try {
                    int b = in.read();
                    if (b < 0) {
                        throw new EOFException("Connection closed");
                    }
                    return b;
                } catch (SocketTimeoutException e) {
                    return TIMEOUT;
                }
            }

            @Override
            public void write(byte[] bytes) throws IOException {
                out.write(bytes);
                out.flush();
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
    }

    /** Opens a serial device (a full path; ptys work) with jSerialComm, polling reads every 50 ms. */
    static ByteLink open(SerialSettings settings) throws IOException {
        SerialPort port = SerialPort.getCommPort(settings.device());
        int parity = switch (settings.parity()) {
            case NONE -> SerialPort.NO_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
        };
        port.setComPortParameters(
                settings.baud(),
                settings.dataBits(),
                settings.stopBits() == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT,
                parity);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 50, 0);
        if (!port.openPort()) {
            throw new IOException(
                    "Cannot open serial device [" + settings.device() + "] (error " + port.getLastErrorCode() + ")");
        }
        return new ByteLink() {
            private final byte[] one = new byte[1];
            private volatile boolean closed;

            @Override
            public int read(int timeoutMillis) throws IOException {
                long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
                while (!closed) {
                    int n = port.readBytes(one, 1);
                    if (n == 1) {
                        return one[0] & 0xFF;
                    }
                    if (n < 0) {
                        throw new EOFException("Serial device [" + settings.device() + "] closed");
                    }
                    if (timeoutMillis > 0 && System.nanoTime() - deadline >= 0) {
                        return TIMEOUT;
                    }
                }
                throw new EOFException("Serial device [" + settings.device() + "] closed");
            }

            @Override
            public void write(byte[] bytes) throws IOException {
                if (port.writeBytes(bytes, bytes.length) != bytes.length) {
                    throw new IOException("Short write to [" + settings.device() + "]");
                }
            }

            @Override
            public void close() {
                closed = true;
                port.closePort();
            }
        };
    }
}
