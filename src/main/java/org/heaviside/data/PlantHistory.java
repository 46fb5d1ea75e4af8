package org.heaviside.data;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A seeded synthetic plant history: one row per second, 20 sensors and a rare failure flag. Each
 * row is a function of the seed and its index alone, so any range of rows can be generated where it
 * is needed (a Spark partition, a file) and the same index always gives the same row.
 *
 * <p>Sensors: slow daily and weekly load cycles shared by groups of sensors, a wear level that rises
 * over each 10-day maintenance cycle, and Gaussian noise. A failure occurs when the wear-driven
 * temperature (sensor 1) and vibration (sensor 2) are both high while the load (sensor 3) is high:
 * about 1.4 % of the rows, a non-linear (AND-of-thresholds) rule a two-layer threshold network can
 * represent.
 */
public final class PlantHistory {

    /** Sensors per row. */
    public static final int SENSORS = 20;

    private static final double DAY = 86_400;
    private static final double WEEK = 7 * DAY;
    private static final double CYCLE = 10 * DAY;

    private PlantHistory() {
    }

    /** The sensors of row i (length {@value #SENSORS}) into {@code out}; returns true when it fails. */
    public static boolean row(long seed, long i, double[] out) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        double t = i;
        double daily = Math.sin(2 * Math.PI * t / DAY);
        double weekly = Math.sin(2 * Math.PI * t / WEEK);
        double wear = (t % CYCLE) / CYCLE;
        for (int k = 0; k < SENSORS; k++) {
            double shared = k % 3 == 0 ? daily : k % 3 == 1 ? weekly : 0.5 * (daily + weekly);
            out[k] = 0.6 * shared + 0.3 * Math.sin(0.7 * k + wear) + 0.5 * PaperSynthetic.gaussian(random);
        }
        out[0] += 1.5 * wear;
        out[1] += 1.2 * wear * wear;
        out[2] = daily + 0.3 * PaperSynthetic.gaussian(random);
        return out[0] > 2.1 && out[1] > 1.1 && out[2] > 0.8;
    }

    /** The CSV header: time, s01..s20, failure. */
    public static String header() {
        StringBuilder out = new StringBuilder("time");
        for (int k = 1; k <= SENSORS; k++) {
            out.append(String.format(Locale.ROOT, ",s%02d", k));
        }
        return out.append(",failure").toString();
    }

    /** One CSV line of row i (no line break). */
    public static String line(long seed, long i) {
        double[] x = new double[SENSORS];
        boolean failure = row(seed, i, x);
        StringBuilder out = new StringBuilder(Long.toString(i));
        for (double v : x) {
            out.append(',').append(String.format(Locale.ROOT, "%.4f", v));
        }
        return out.append(',').append(failure ? 1 : 0).toString();
    }
}
