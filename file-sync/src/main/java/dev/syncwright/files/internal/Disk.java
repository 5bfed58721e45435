package dev.syncwright.files.internal;

import dev.syncwright.core.SyncException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Every change the store makes to a root's files. A file is written whole into a temporary file
 * next to its target, hashed while copied and checked against the hash the source recorded (a
 * source that changes during the copy is read again, up to {@link #ATTEMPTS} times, then the write
 * fails: never a half or wrong copy), given the source's modification time, and renamed over the
 * target atomically. With {@code fsync}, each file is forced to disk before that rename (so a crash
 * leaves the old file or the whole new one, never a torn one that the next scan would take for a
 * local edit), and the changed directories before the metadata that describes them commits
 * ({@link #flush}). Replaced and deleted files go
 * to {@code .syncwright/recycle/<date>/<path>} when recycling is on.
 */
final class Disk {
    static final int ATTEMPTS = 3;

    private final Path root;
    private final boolean fsync;
    private final boolean recycle;
    private final Set<Path> unflushed = new LinkedHashSet<>();
    private final byte[] buffer = new byte[ContentHash.CHUNK];
    long bytesCopied;

    Disk(Path root, boolean fsync, boolean recycle) {
        this.root = root;
        this.fsync = fsync;
        this.recycle = recycle;
    }

    /** Writes {@code content} at {@code target} (replacing a file there, which is recycled) and returns the target's stat. */
    Stat write(FileContent content, Path target, String rel) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(PathFilter.TEMP_PREFIX + UUID.randomUUID() + ".tmp");
            try {
                copyVerified(content, tmp);
                if (Files.exists(target)) {
                    recycle(target, rel);
                }
                move(tmp, target, true);
            } finally {
                Files.deleteIfExists(tmp);
            }
            unflushed.add(target.getParent());
            Stat s = Stat.read(target, rel);
            if (s == null) {
                throw new SyncException("File " + target + " vanished right after it was written");
            }
            return s;
        } catch (IOException e) {
            throw new SyncException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    private void copyVerified(FileContent content, Path tmp) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Stat before = Stat.read(content.source(), "");
            if (before == null) {
                throw new SyncException("Cannot copy " + content.source() + ": it is gone (deleted or moved since the last detection pass;"
                        + " sync again)");
            }
            ContentHash h = new ContentHash();
            long n = 0;
            try (FileChannel in = FileChannel.open(content.source(), StandardOpenOption.READ);
                    FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(buffer);
                int r;
                while ((r = in.read(buf.clear())) >= 0) {
                    h.update(buffer, 0, r);
                    buf.flip();
                    while (buf.hasRemaining()) {
                        out.write(buf);
                    }
                    n += r;
                }
                if (fsync) {
                    out.force(true);
                }
            }
            Stat after = Stat.read(content.source(), "");
            boolean stable = after != null && after.size() == before.size() && after.mtime() == before.mtime();
            if (stable && Arrays.equals(h.digest(), content.hash()) && n == content.size()) {
                bytesCopied += n;
                Files.setLastModifiedTime(tmp, FileTime.from(content.mtime(), TimeUnit.NANOSECONDS));
                return;
            }
            if (stable || attempt >= ATTEMPTS) {
                // Stable but different: the source was edited after it was scanned. Its next scan
                // gives the edit a version of its own; until then this content cannot be sent.
                throw new SyncException("File " + content.source() + " changed since the last detection pass (it no longer has the"
                        + " content that was scanned); sync again to send the new content");
            }
            try {
                Thread.sleep(50L * attempt); // still being written: give the writer a moment
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyncException("Interrupted while copying " + content.source(), e);
            }
        }
    }

    /** Moves a file to a path that must be free (renames never replace). */
    void moveFile(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            move(from, to, false);
            unflushed.add(to.getParent());
            unflushed.add(from.getParent());
            removeEmptyParents(from.getParent());
        } catch (IOException e) {
            throw new SyncException("Cannot move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a file (to the recycle folder when recycling) and the folders the deletion emptied. */
    void delete(Path file, String rel) {
        try {
            if (recycle) {
                recycle(file, rel);
            } else {
                Files.deleteIfExists(file);
            }
            unflushed.add(file.getParent());
            removeEmptyParents(file.getParent());
        } catch (IOException e) {
            throw new SyncException("Cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    private void recycle(Path file, String rel) throws IOException {
        if (!recycle) {
            return; // the atomic rename over it replaces it
        }
        Path dir = root.resolve(PathFilter.META_DIR).resolve("recycle").resolve(LocalDate.now(ZoneOffset.UTC).toString());
        Path to = dir.resolve(rel);
        for (int n = 2; Files.exists(to); n++) {
            to = dir.resolve(rel + "." + n);
        }
        Files.createDirectories(to.getParent());
        try {
            move(file, to, false);
        } catch (NoSuchFileException e) {
            // already gone: nothing to keep
        }
    }

    private static void move(Path from, Path to, boolean replace) throws IOException {
        try {
            if (replace) {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            } else {
                if (Files.exists(to)) {
                    if (!Files.isSameFile(from, to)) {
                        throw new FileAlreadyExistsException(to.toString());
                    }
                    // a case-only rename on a case-insensitive volume: through a temporary name
                    Path tmp = from.resolveSibling(PathFilter.TEMP_PREFIX + UUID.randomUUID() + ".tmp");
                    Files.move(from, tmp, StandardCopyOption.ATOMIC_MOVE);
                    from = tmp;
                }
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, replace ? new StandardCopyOption[] {StandardCopyOption.REPLACE_EXISTING} : new StandardCopyOption[0]);
        }
    }

    void removeEmptyParents(Path dir) {
        Path meta = root.resolve(PathFilter.META_DIR);
        for (Path d = dir; d != null && d.startsWith(root) && !d.equals(root) && !d.startsWith(meta); d = d.getParent()) {
            try {
                Files.delete(d);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            } catch (IOException e) {
                return; // a folder we cannot remove is harmless
            }
        }
    }

    /** Forces written files and changed directories to disk (before their metadata commits). */
    void flush() {
        if (!fsync) {
            unflushed.clear();
            return;
        }
        for (Path p : unflushed) {
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                ch.force(true);
            } catch (NoSuchFileException e) {
                // moved or deleted again since: nothing to force
            } catch (IOException e) {
                if (!Files.isDirectory(p)) { // some platforms cannot open a directory to force it
                    throw new UncheckedIOException("Cannot force " + p + " to disk", e);
                }
            }
        }
        unflushed.clear();
    }
}
