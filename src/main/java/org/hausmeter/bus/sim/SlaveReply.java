package org.hausmeter.bus.sim;

/**
 * What a unit answers to one request PDU.
 *
 * @param pdu     response PDU (function code first); null when silent
 * @param garbage true if the transport must break the frame (bad CRC on RTU)
 */
record SlaveReply(byte[] pdu, boolean garbage) {

    static final SlaveReply SILENT = new SlaveReply(null, false);

    boolean silent() {
        return pdu == null;
    }
}
