package dev.syncwright.files.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the folders of a root hold, by name without case, for a store on a case-insensitive volume
 * (macOS and Windows by default, exFAT): each folder is listed once per batch, then kept up to date
 * by {@link Disk}'s own changes, so that checking a path for a clash costs a lookup. Listing the
 * folder for every check made 10,000 new files in one folder cost 24 s against 1.4 s on a
 * case-sensitive volume. Cleared at every flush and discard, so that what the user changed between
 * batches is read again; a file the user creates during a batch at the path of an arriving file is
 * met when the staged file goes into place, and goes to the recycle folder (ADR 050, "Writes").
 */
final class Names {
    private final Map<Path, Map<String, String>> folders = new HashMap<>();

    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The name under which something is at {@code file} in its folder, compared without case; null when nothing is. */
    String stored(Path file) throws IOException {
        Path dir = file.getParent();
        Map<String, String> names = folders.get(dir);
        if (names == null) {
            names = read(dir);
            folders.put(dir, names);
        }
        return names.get(fold(file.getFileName().toString()));
    }

    private static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> names = new HashMap<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return names; // made later by Disk.folder, which then enters it
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path c : ds) {
                String name = c.getFileName().toString();
                names.putIfAbsent(fold(name), name);
            }
        } catch (NoSuchFileException e) {
            // removed meanwhile: empty
        }
        return names;
    }

    /** {@code file} (a file or folder) now exists under this name. */
    void added(Path file) {
        Map<String, String> names = folders.get(file.getParent());
        if (names != null) {
            String name = file.getFileName().toString();
            names.put(fold(name), name);
        }
    }

    /** {@code file} is gone. */
    void removed(Path file) {
        Map<String, String> names = folders.get(file.getParent());
        if (names != null) {
            String name = file.getFileName().toString();
            names.remove(fold(name), name);
        }
        folders.remove(file); // a folder removed: what it held is gone too
    }

    /** What {@code dir} holds is no longer known (a rename over a file, whose resulting name the volume decides). */
    void forget(Path dir) {
        folders.remove(dir);
    }

    void clear() {
        folders.clear();
    }
}
