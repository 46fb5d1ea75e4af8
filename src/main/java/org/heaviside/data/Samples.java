package org.heaviside.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The plant samples packaged with the application. */
public final class Samples {

    /** File name of the AI4I 2020 predictive maintenance sample (Matzka, 2020; UCI, CC BY 4.0). */
    public static final String AI4I = "ai4i2020.csv";
    /** Its target column. */
    public static final String AI4I_TARGET = "Machine failure";
    /** Its failure-mode columns, which reveal the target and are ignored by default. */
    public static final java.util.List<String> AI4I_LEAKS = java.util.List.of("TWF", "HDF", "PWF", "OSF", "RNF");

    private Samples() {
    }

    /** The AI4I sample as bytes from the application's resources. */
    public static ByteSource ai4i() {
        try (InputStream in = Samples.class.getResourceAsStream("/org/heaviside/samples/" + AI4I)) {
            if (in == null) {
                throw new IllegalStateException("The bundled sample " + AI4I + " is missing from the build.");
            }
            return ByteSource.of(AI4I, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
