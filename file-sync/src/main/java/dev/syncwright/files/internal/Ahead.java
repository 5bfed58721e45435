package dev.syncwright.files.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A copy made before its write: started ahead of a batch ({@link Disk#copyAhead}) or made by the
 * other folder's scan ({@link ScanCopies}). The write of the same content to its target takes it;
 * anything else deletes it.
 */
record Ahead(FileContent content, Path tmp, CompletableFuture<Copied> copied) {
    /** A checked copy in a temporary file, and its forcing (started as soon as the copy was made), if any. */
    record Copied(Stat stat, CompletableFuture<Void> forced) {}

    /** The copy when it holds {@code c}, checked; else null, and the file is gone. */
    Copied take(FileContent c) {
        if (c.equals(content)) {
            try {
                return copied.join();
            } catch (CompletionException | CancellationException e) {
                // the write copies again itself and reports what it finds
            }
        }
        drop();
        return null;
    }

    void drop() {
        Copied c = copied.handle((s, e) -> s).join(); // never delete under a copy still writing
        if (c != null && c.forced() != null) {
            c.forced().handle((s, e) -> null).join();
        }
        deleteQuietly(tmp);
    }

    /**
     * Deletes {@code copies} and then the folders made for them that stayed empty (deepest first),
     * forgetting those in {@code known}, but not those to {@code keep} (an empty folder's item made
     * one of them its folder meanwhile); clears both collections.
     */
    static void dropAll(java.util.Collection<Ahead> copies, java.util.Set<Path> madeFolders, java.util.Set<Path> known,
            java.util.function.Predicate<Path> keep) {
        copies.forEach(Ahead::drop);
        copies.clear();
        madeFolders.stream().filter(keep.negate()).sorted(java.util.Comparator.comparingInt(Path::getNameCount).reversed()).forEach(d -> {
            try {
                if (Files.isDirectory(d, java.nio.file.LinkOption.NOFOLLOW_LINKS)) { // a folder, never a file put there since
                    Files.delete(d);
                }
                known.remove(d);
            } catch (IOException e) {
                // not empty (a write went there) or gone: either way nothing to undo
            }
        });
        madeFolders.clear();
    }

    static void deleteQuietly(Path tmp) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            // a temporary file left behind is removed by the next scan
        }
    }

    /**
     * The folders from {@code dir} up to {@code root} (not included) that are not folders now and
     * not in {@code known}: those a copy into {@code dir} makes. Only those that are folders once
     * it tried ({@link #madeOf}) are recorded as made, so a drop never deletes a file in the way.
     */
    static java.util.List<Path> missingFolders(Path root, Path dir, java.util.Set<Path> known) {
        java.util.List<Path> missing = new java.util.ArrayList<>();
        for (Path d = dir; d.startsWith(root) && !d.equals(root) && !known.contains(d) && !Files.isDirectory(d, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                d = d.getParent()) {
            missing.add(d);
        }
        return missing;
    }

    /** Of {@link #missingFolders}, those that are folders now: made by the copy (or at once by another). */
    static java.util.stream.Stream<Path> madeOf(java.util.List<Path> missing) {
        return missing.stream().filter(d -> Files.isDirectory(d, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }
}
