package org.heaviside.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;

/** Small helpers that load CSV text held in a test. */
final class TestTables {

    private TestTables() {
    }

    static Table load(String name, String text) {
        return load(name, text.getBytes(StandardCharsets.UTF_8));
    }

    static Table load(String name, byte[] bytes) {
        return CsvLoader.load(ByteSource.of(name, bytes), ProgressListener.NONE, Cancellation.NEVER);
    }

    static CsvSettings detect(String text, Charset charset) {
        byte[] bytes = text.getBytes(charset);
        return CsvSniffer.detect(bytes, true, "test.csv");
    }
}
