package org.heaviside.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading a file the workbench saved (a model, a comparison's results), with a message naming the file. */
public final class SavedFiles {

    private SavedFiles() {
    }

    /**
     * The bytes of a saved file.
     *
     * @param kind what the file is, for the message, such as "model file"
     * @throws DataException when the file does not exist or cannot be read
     */
    public static byte[] read(Path file, String kind) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw DataException.of(file.toString(), "no such file", "a " + kind + " saved by Heaviside Workbench");
        } catch (IOException e) {
            throw DataException.of(file.toString(), "unreadable (" + e.getMessage() + ")", "a readable " + kind);
        }
    }
}
