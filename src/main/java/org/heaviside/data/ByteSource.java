package org.heaviside.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Bytes that can be opened more than once (for detection, then for loading), with a name. */
public interface ByteSource {

    /** The name used in messages, usually the file name. */
    String name();

    /** Total size in bytes, or -1 when unknown. */
    long size();

    /** Opens a fresh stream from the first byte. */
    InputStream open() throws IOException;

    /** A file on disk. */
    static ByteSource of(Path file) {
        return new ByteSource() {
            @Override public String name() {
                return file.getFileName().toString();
            }

            @Override public long size() {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return -1;
                }
            }

            @Override public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }
        };
    }

    /** Bytes in memory. */
    static ByteSource of(String name, byte[] bytes) {
        return new ByteSource() {
            @Override public String name() {
                return name;
            }

            @Override public long size() {
                return bytes.length;
            }

            @Override public InputStream open() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }
}
