package dev.syncwright.files.internal;

import dev.syncwright.core.SyncException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * Walks a root and stats its regular files, and finds its empty folders (symbolic links are not
 * followed and not synced). A hash read in the same timestamp tick as the file's last write may
 * miss a second write in that tick (git's "racily clean" problem), so a hash checked less than
 * {@link #RACY_NANOS} after the file's modification time is not trusted: such files are hashed
 * again on the next scan. Two seconds covers FAT's timestamp granularity (the USB-stick relay).
 */
final class Scanner {
    static final long RACY_NANOS = 2_000_000_000L;

    private Scanner() {}

    static boolean racy(long mtime, long checked) {
        return checked - mtime < RACY_NANOS;
    }

    /**
     * The regular files under {@code root} that {@code filter} accepts. With {@code removeTemps},
     * temporary files of writes that never finished ({@code .sw-tmp-*.tmp}: copies whose target
     * still holds what it held; left by a crash or a killed process, and the lock file says no
     * other process writes here) are deleted on the way.
     */
    static List<Stat> scan(Path root, PathFilter filter, boolean removeTemps) {
        return scan(root, filter, removeTemps, (rel, attrs) -> false, (rel, what) -> {}, rel -> {});
    }

    /**
     * As {@link #scan(Path, PathFilter, boolean)}, but a file {@code settled} accepts (the matcher
     * found it unchanged at its recorded path, {@link Matcher#settle}) is not returned: an idle
     * scan of 100,000 files then keeps no stat of them, and looks each up while its path is fresh.
     * {@code skipped} hears of each symbolic link or special file at a synced path, and what it is;
     * {@code emptyFolders} of each synced folder that holds nothing at all (but a write's temporary
     * files): a folder holding a file this replica excludes, or a symbolic link, or a folder, is not
     * empty, so that no replica sends an empty folder another finds full (ADR 050, "Empty folders").
     */
    static List<Stat> scan(Path root, PathFilter filter, boolean removeTemps, BiPredicate<String, BasicFileAttributes> settled,
            BiConsumer<String, String> skipped, Consumer<String> emptyFolders) {
        String prefix = root.toString();
        Deque<int[]> holding = new ArrayDeque<>(); // per open folder: how many entries it holds (its temporary files aside)
        int cut = prefix.endsWith(root.getFileSystem().getSeparator()) ? prefix.length() : prefix.length() + 1;
        boolean slash = root.getFileSystem().getSeparator().equals("/");
        List<Stat> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root)) {
                        holding.peek()[0]++;
                        if (filter.prunes(rel(root, dir))) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                    }
                    holding.push(new int[1]);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    int n = holding.pop()[0];
                    if (e != null && !(e instanceof java.nio.file.NoSuchFileException)) {
                        throw new SyncException("Cannot read folder " + dir + " while scanning " + root + ": " + e.getMessage(), e);
                    }
                    if (dir.equals(root) || e != null) {
                        return FileVisitResult.CONTINUE; // a folder deleted while we walk is simply not there
                    }
                    if (n == 0 && syncsFolder(filter, rel(root, dir))) {
                        emptyFolders.accept(rel(root, dir));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    // The folder holds something, unless this is a write's temporary file: an excluded
                    // file, a link, anything not synced here makes it no empty folder all the same.
                    int[] held = holding.peek();
                    if (attrs.isRegularFile()) {
                        String rel = slash ? file.toString().substring(cut) : rel(root, file); // a child's path starts with the root's
                        if (filter.accepts(rel)) {
                            held[0]++;
                            if (!settled.test(rel, attrs)) {
                                out.add(Stat.of(rel, attrs));
                            }
                        } else if (!rel.startsWith(PathFilter.TEMP_PREFIX, rel.lastIndexOf('/') + 1)) {
                            held[0]++;
                        } else if (removeTemps && rel.endsWith(".tmp")) {
                            try {
                                Files.deleteIfExists(file);
                            } catch (IOException e) {
                                // left for the next scan; it is never synced
                            }
                        }
                        return FileVisitResult.CONTINUE;
                    }
                    held[0]++;
                    if (attrs.isSymbolicLink() || attrs.isOther()) { // not followed: a link to a folder is one entry
                        String rel = rel(root, file);
                        if (filter.accepts(rel)) {
                            skipped.accept(rel, attrs.isSymbolicLink() ? "a symbolic link" : "not a regular file");
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // A file deleted while we walk is simply not there; anything else must not pass
                    // for a deletion, which would then be sent to every replica.
                    if (e instanceof java.nio.file.NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw new SyncException("Cannot read " + file + " while scanning " + root + ": " + e.getMessage(), e);
                }
            });
        } catch (IOException e) {
            throw new SyncException("Cannot scan folder " + root + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** True when an empty folder at {@code rel} syncs: the filter accepts its path and does not prune it. */
    static boolean syncsFolder(PathFilter filter, String rel) {
        return filter.accepts(rel) && !filter.prunes(rel);
    }

    static String rel(Path root, Path p) {
        String s = root.relativize(p).toString();
        return p.getFileSystem().getSeparator().equals("/") ? s : s.replace(p.getFileSystem().getSeparator(), "/");
    }
}
