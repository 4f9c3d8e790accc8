package org.hausmeter.bus.sim.profile;

/**
 * A PV array, simplified to one plane.
 *
 * @param latitudeDeg  degrees north
 * @param longitudeDeg degrees east
 * @param peakW        rated power in W (kWp · 1000)
 * @param tiltDeg      plane tilt from horizontal in degrees (0 flat, 90 façade)
 * @param azimuthDeg   plane azimuth in degrees from south, west positive (−90 east, 0 south, 90 west)
 */
public record PvSite(double latitudeDeg, double longitudeDeg, long peakW, double tiltDeg, double azimuthDeg) {

    public PvSite {
        if (latitudeDeg < -66 || latitudeDeg > 66 || longitudeDeg < -180 || longitudeDeg > 180) {
            throw new IllegalArgumentException("unsupported location " + latitudeDeg + ", " + longitudeDeg);
        }
        if (peakW < 0 || tiltDeg < 0 || tiltDeg > 90 || azimuthDeg < -180 || azimuthDeg > 180) {
            throw new IllegalArgumentException("bad PV plane: " + peakW + " W, " + tiltDeg + "°, " + azimuthDeg + "°");
        }
    }
}
