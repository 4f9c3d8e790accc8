package org.hausmeter.bus.sim.profile;

/**
 * Stateless, seeded, hash-based noise: the same (seed, salt, index) always gives the same value, on
 * every JVM, independent of call order. SplitMix64 finaliser over the mixed inputs.
 */
public final class Noise {

    private Noise() {}

    /** 64 well-mixed bits for (seed, salt, index). */
    public static long hash(long seed, long salt, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + salt * 0xC2B2AE3D27D4EB4FL + index * 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        z = (z ^ (z >>> 29)) * 0xBF58476D1CE4E5B9L;
        return z ^ (z >>> 32);
    }

    /** Uniform in [0, 1) for (seed, salt, index). */
    public static double unit(long seed, long salt, long index) {
        return (hash(seed, salt, index) >>> 11) * 0x1.0p-53;
    }

    /**
     * Smooth value noise in [0, 1): knots at integer {@code x} carry {@link #unit} values, joined by
     * a smoothstep, so the value is continuous in {@code x}.
     */
    public static double smooth(long seed, long salt, double x) {
        double fl = Math.floor(x);
        long k = (long) fl;
        double f = x - fl;
        double s = f * f * (3 - 2 * f);
        double a = unit(seed, salt, k);
        double b = unit(seed, salt, k + 1);
        return a + (b - a) * s;
    }

    /**
     * {@link #smooth} along increasing or repeated {@code x}, re-hashing only when the knot changes;
     * returns exactly what {@code smooth} returns.
     */
    static final class Track {
        private final long seed;
        private final long salt;
        private long knot = Long.MIN_VALUE;
        private double a;
        private double b;

        Track(long seed, long salt) {
            this.seed = seed;
            this.salt = salt;
        }

        double at(double x) {
            double fl = Math.floor(x);
            long k = (long) fl;
            if (k != knot) {
                a = k == knot + 1 ? b : unit(seed, salt, k);
                b = unit(seed, salt, k + 1);
                knot = k;
            }
            double f = x - fl;
            double s = f * f * (3 - 2 * f);
            return a + (b - a) * s;
        }
    }
}
