package dev.syncwright.files.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * How {@link Disk} moves a file to a new name within a root: never over a file it did not mean to
 * replace, with no window between the look and the move where the volume has hard links (ADR 050,
 * "Writes"). One per {@link Disk}: it learns whether the volume has hard links.
 */
final class Renames {
    /** Until a link fails where a move works: the volume has no hard links (FAT, exFAT). */
    private boolean hardLinks = true;
    private final boolean caseInsensitive;

    Renames(boolean caseInsensitive) {
        this.caseInsensitive = caseInsensitive;
    }

    /**
     * {@code rel} under {@code dir} where nothing is: a name taken gets a variant ({@code a.2},
     * {@code a.3}...), the file's own name when anything is there, a folder's when a file is (a file
     * {@code a} recycled earlier, then a file in a folder {@code a}).
     */
    static Path free(Path dir, String rel) {
        Path to = dir;
        String[] names = rel.split("/");
        for (int i = 0; i < names.length; i++) {
            boolean last = i == names.length - 1;
            Path p = to.resolve(names[i]);
            for (int n = 2; Files.exists(p, LinkOption.NOFOLLOW_LINKS) && (last || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)); n++) {
                p = to.resolve(names[i] + "." + n);
            }
            to = p;
        }
        return to;
    }

    /**
     * Renames {@code from} to {@code to} when nothing is there (a file, a folder or a link), else
     * returns false and changes nothing. Where the volume has hard links, the look and the move are
     * one step: a link at {@code to} (which the kernel refuses when the path is taken), then the
     * old name unlinked; two system calls against the JDK move's three (two looks and a rename),
     * with no window between the look and the rename in which a file created there would be
     * replaced. Elsewhere (FAT, exFAT) a look, then a rename, with that window.
     */
    boolean moveIfFree(Path from, Path to) throws IOException {
        if (hardLinks) {
            try {
                Files.createLink(to, from);
                if (!from.toFile().delete()) { // no look first, unlike Files.delete
                    Files.deleteIfExists(from); // says why it cannot
                }
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | FileSystemException e) {
                // no hard links here, or a real failure, which the move below reports
            }
        }
        if (taken(to)) {
            return false;
        }
        // a rename that does not look again: the JDK's own look would see the stale name too, and onto the
        // same file under another case its move does nothing, silently
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        hardLinks = false; // the move worked where the link did not: no hard links on this volume
        return true;
    }

    /**
     * True when something is at {@code to}. On a case-insensitive volume a name the kernel still
     * holds for a file renamed or deleted since (exFAT through FUSE caches each spelling looked up)
     * is checked against the folder's listing, which only then is read. Not {@link Names}: it
     * learns of a move only once the move is done, so it would still hold the name that the first
     * step of a case-only rename just vacated.
     */
    private boolean taken(Path to) throws IOException {
        if (!Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (!caseInsensitive) {
            return true;
        }
        String name = to.getFileName().toString();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(to.getParent())) {
            for (Path c : ds) {
                if (c.getFileName().toString().equalsIgnoreCase(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Moves a file to {@code to}: over whatever is there when {@code replace}, else only where the
     * path is free (FileAlreadyExistsException otherwise), a case-only rename on a case-insensitive
     * volume included.
     */
    void move(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            } else if (!moveIfFree(from, to)) {
                // On a case-insensitive volume a name that differs only in case is the file itself: there
                // is one. Its file key cannot say so everywhere: exFAT through FUSE gives each spelling its own.
                boolean itself = caseInsensitive && from.toString().equalsIgnoreCase(to.toString());
                if (!itself && !Files.isSameFile(from, to)) {
                    throw new FileAlreadyExistsException(to.toString());
                }
                // a case-only rename on a case-insensitive volume: through a temporary name, which
                // does not end in ".tmp": after a crash between the two renames it holds the
                // user's only copy, so the scan's clean-up of temporary files must leave it alone
                Path tmp = from.resolveSibling(PathFilter.TEMP_PREFIX + UUID.randomUUID() + ".renaming");
                Files.move(from, tmp, StandardCopyOption.ATOMIC_MOVE);
                if (!moveIfFree(tmp, to)) {
                    Files.move(tmp, from, StandardCopyOption.ATOMIC_MOVE); // taken meanwhile: the file keeps its name
                    throw new FileAlreadyExistsException(to.toString());
                }
            }
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, replace ? new StandardCopyOption[] {StandardCopyOption.REPLACE_EXISTING} : new StandardCopyOption[0]);
        }
    }
}
