package org.hausmeter.charging.pcsc;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * A contactless card for vsmartcard's virtual reader (vpcd, Debian {@code vsmartcard-vpcd}) that
 * answers the PC/SC "Get Data: UID" pseudo-APDU {@code FF CA 00 00 00} with its UID and {@code 90 00},
 * which the stock vicc card does not (docs/domain.md 10).
 *
 * <p>vpcd protocol (vsmartcard documentation, "Creating a virtual smart card"): the card connects to
 * vpcd's TCP port (35963 for reader "Virtual PCD 00 00", 35964 for "00 01"); vpcd sends messages as a
 * 2-byte big-endian length and the bytes. A 1-byte message is a control command: 0 power off, 1 power
 * on, 2 reset (no answer), 4 get ATR (answered with the ATR); anything longer is a command APDU,
 * answered with the response APDU. The card is "on the reader" while the connection is open:
 * {@link #tap} connects, {@link #remove} closes.
 *
 * <p>It also answers the ACR122U LED/buzzer pseudo-APDU {@code FF 00 40 ...} with {@code 90 00} and
 * records every APDU it received, so a test can check the reader feedback.
 */
public final class VirtualCard implements AutoCloseable {

    /** ATR of a contactless storage card as PC/SC readers build it (PC/SC part 3, MIFARE Classic 1K). */
    private static final byte[] ATR = HexFormat.of().parseHex("3B8F8001804F0CA000000306030001000000006A");

    private final byte[] uid;
    private final List<String> apdus = Collections.synchronizedList(new ArrayList<>());
    private volatile Socket socket;
    private Thread thread;
    private volatile boolean failNextUidRead;

    public VirtualCard(String uidHex) {
        this.uid = HexFormat.of().parseHex(uidHex);
    }

    /** Puts the card on the reader whose vpcd port is {@code port} (35963 = "Virtual PCD 00 00"). */
    public synchronized VirtualCard tap(int port) throws IOException {
        if (socket != null) {
            throw new IllegalStateException("card is already on a reader");
        }
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        socket = s;
        thread = new Thread(() -> serve(s), "virtual-card-" + HexFormat.of().formatHex(uid));
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Takes the card off the reader. */
    public synchronized void remove() {
        Socket s = socket;
        socket = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closed already
            }
        }
    }

    /** The next UID read fails with {@code 63 00} (a card pulled away mid-read). */
    public void failNextUidRead() {
        failNextUidRead = true;
    }

    /** Every command APDU received, as upper-case hex. */
    public List<String> apdus() {
        synchronized (apdus) {
            return List.copyOf(apdus);
        }
    }

    private void serve(Socket s) {
        try (DataInputStream in = new DataInputStream(s.getInputStream());
                DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
            while (true) {
                int length = in.readUnsignedShort();
                byte[] message = new byte[length];
                in.readFully(message);
                if (length == 1) {
                    if (message[0] == 4) {
                        send(out, ATR);
                    }
                    continue;
                }
                String apdu = HexFormat.of().withUpperCase().formatHex(message);
                apdus.add(apdu);
                send(out, answer(apdu));
            }
        } catch (EOFException | java.net.SocketException closed) {
            // card removed or vpcd gone
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private byte[] answer(String apdu) {
        if (apdu.equals("FFCA000000")) {
            if (failNextUidRead) {
                failNextUidRead = false;
                return new byte[] {0x63, 0x00};
            }
            byte[] r = new byte[uid.length + 2];
            System.arraycopy(uid, 0, r, 0, uid.length);
            r[uid.length] = (byte) 0x90;
            return r;
        }
        if (apdu.startsWith("FF0040")) {
            return new byte[] {(byte) 0x90, 0x00};
        }
        return new byte[] {0x6D, 0x00};
    }

    private static void send(DataOutputStream out, byte[] data) throws IOException {
        out.writeShort(data.length);
        out.write(data);
        out.flush();
    }

    @Override
    public void close() {
        remove();
    }
}
