package org.heaviside.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a result came from: enough to re-run it and to know what may differ. Re-running the same
 * parameters with the same seed on the same platform reproduces every number except the timings.
 *
 * @param seed           the run's seed
 * @param parameters     every parameter as text, sorted by name
 * @param application    application version
 * @param java           Java version and vendor
 * @param platform       operating system and architecture (floating point can differ across them)
 * @param dataset        data set name (file name)
 * @param datasetSha256  SHA-256 of the data file's bytes (hex)
 * @param rows           rows used for training
 * @param columns        raw input columns used
 * @param startedAt      start time, UTC, ISO-8601
 * @param timingsMillis  wall time per phase (patterns, solve, evaluation, ...)
 * @param diagnostics    solver diagnostics (sweeps, gap, status) as text
 */
public record Provenance(long seed, Map<String, String> parameters, String application, String java,
                         String platform, String dataset, String datasetSha256, int rows, int columns,
                         String startedAt, Map<String, Long> timingsMillis, Map<String, String> diagnostics) {

    /** Copies the maps (parameters sorted by name). */
    public Provenance {
        parameters = Collections.unmodifiableMap(new TreeMap<>(parameters));
        timingsMillis = Collections.unmodifiableMap(new LinkedHashMap<>(timingsMillis));
        diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
    }

    /** A provenance for this machine and application, started now. */
    public static Provenance of(long seed, Map<String, String> parameters, String dataset, String datasetSha256,
                                int rows, int columns, Map<String, Long> timingsMillis,
                                Map<String, String> diagnostics) {
        return new Provenance(seed, parameters, applicationVersion(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                dataset, datasetSha256, rows, columns, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                timingsMillis, diagnostics);
    }

    /** The same provenance with other parameters (a setting changed after training, such as a moved cut). */
    public Provenance withParameters(Map<String, String> values) {
        return new Provenance(seed, values, application, java, platform, dataset, datasetSha256, rows, columns,
                startedAt, timingsMillis, diagnostics);
    }

    /** The version from the jar manifest, or "development build". */
    public static String applicationVersion() {
        String version = Provenance.class.getPackage().getImplementationVersion();
        return "Heaviside Workbench " + (version == null ? "(development build)" : version);
    }

    /** SHA-256 of a stream's bytes, as lower-case hex. */
    public static String sha256(InputStream in) {
        try (in) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime.", e);
        }
    }

    /** SHA-256 of bytes, as lower-case hex. */
    public static String sha256(byte[] bytes) {
        return sha256(new java.io.ByteArrayInputStream(bytes));
    }
}
