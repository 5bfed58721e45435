package dev.syncwright.files.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The copies another folder's scan made into this one while hashing its new files
 * ({@link Speculation}), kept by target path for the whole sync run (a batch's flush does not drop
 * them: later batches take them). Filled from that scan's copying threads, taken by this
 * folder's writes on the caller's thread, dropped at the end of the run.
 */
final class ScanCopies {
    private final Path root;
    private final boolean fsync;
    private final java.util.function.Predicate<Path> keep;
    private final Map<Path, Ahead> copies = new ConcurrentHashMap<>();
    /** Folders made for them: entered in their parents, which the batch that takes a copy inside forces. */
    private final Set<Path> made = ConcurrentHashMap.newKeySet();

    ScanCopies(Path root, boolean fsync, java.util.function.Predicate<Path> keep) {
        this.root = root;
        this.keep = keep;
        this.fsync = fsync;
    }

    boolean isEmpty() {
        return copies.isEmpty();
    }

    /** True when {@code dir} was made for copies this run (and is dropped at its end if it stays empty). */
    boolean made(Path dir) {
        return !made.isEmpty() && made.contains(dir);
    }

    /**
     * Deletes the copies waiting for targets under {@code dir}, and the folders made for them there
     * that stay empty: an empty folder's item deleted there wants the folder gone (a later write
     * that wanted one of them copies again).
     */
    void dropUnder(Path dir, Set<Path> known) {
        if (copies.isEmpty() && made.isEmpty()) { // a copy found a move by content is gone already; its folders are not
            return;
        }
        java.util.List<Ahead> under = new java.util.ArrayList<>();
        copies.entrySet().removeIf(c -> c.getKey().getParent().startsWith(dir) && under.add(c.getValue()));
        Set<Path> folders = new java.util.HashSet<>();
        made.removeIf(d -> d.startsWith(dir) && folders.add(d));
        Ahead.dropAll(under, folders, known, keep);
    }

    /** True when a copy of exactly {@code content} waits for {@code target}. */
    boolean holds(Path target, FileContent content) {
        Ahead a = copies.isEmpty() ? null : copies.get(target);
        return a != null && a.content().equals(content);
    }

    /** {@code target}'s sibling {@code tempName}, with the folders made; null when they cannot be (a file in the way). */
    Path temp(Path target, String tempName) {
        java.util.List<Path> missing = Ahead.missingFolders(root, target.getParent(), Set.of());
        if (missing.isEmpty()) { // not createDirectories when the folder is there: it throws (and catches) an exception per call then
            return target.resolveSibling(tempName);
        }
        try {
            Files.createDirectories(target.getParent());
            return target.resolveSibling(tempName);
        } catch (IOException | RuntimeException e) {
            return null;
        } finally {
            Ahead.madeOf(missing).forEach(made::add);
        }
    }

    /** Keeps a checked copy for {@code target}; its forcing starts now. A newer copy (a scan again in the same run) replaces an older one. */
    void adopt(FileContent content, Path target, Path tmp, Stat stat) {
        Ahead old = copies.put(target, new Ahead(content, tmp, CompletableFuture.completedFuture(new Ahead.Copied(stat, fsync ? Forcer.file(tmp) : null))));
        if (old != null) {
            old.drop();
        }
    }

    /**
     * The copy waiting for {@code target}, removed, or null. The folders made for it go into
     * {@code unflushed} (their parents, to be forced with the batch) and {@code known}.
     */
    Ahead take(Path target, Set<Path> unflushed, Set<Path> known) {
        Ahead a = copies.isEmpty() ? null : copies.remove(target);
        if (a != null) {
            for (Path d = target.getParent(); made.contains(d); d = d.getParent()) {
                unflushed.add(d.getParent());
                known.add(d);
            }
        }
        return a;
    }

    /** Deletes the copies nobody took, and the folders made for them that stayed empty (deepest first), but those the store keeps. */
    void drop(Set<Path> known) {
        Ahead.dropAll(copies.values(), made, known, keep);
    }
}
