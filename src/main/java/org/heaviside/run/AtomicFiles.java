package org.heaviside.run;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files atomically: to a temporary file beside the target, then a move over it. A replaced
 * file keeps its permissions; a new one gets those of any new file (the user's umask).
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Content written to a stream (for files too large to hold in memory). */
    @FunctionalInterface
    public interface Content {
        void writeTo(java.io.OutputStream out) throws IOException;
    }

    /** Writes bytes to a file so that readers see either the old or the whole new content. */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    /** Streams content to a file so that readers see either the old or the whole new content. */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        // created as any new file is (the user's umask), not with a temporary file's owner-only rights
        Path temporary = Files.createFile(directory.resolve("." + absolute.getFileName() + "."
                + java.util.UUID.randomUUID() + ".tmp"));
        try {
            try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(temporary),
                    1 << 16)) {
                content.writeTo(out);
            }
            keepPermissions(absolute, temporary);
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Gives the new content the permissions of the file it replaces (POSIX file systems). */
    private static void keepPermissions(Path target, Path temporary) throws IOException {
        if (Files.exists(target) && Files.getFileStore(target).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(target));
        }
    }
}
