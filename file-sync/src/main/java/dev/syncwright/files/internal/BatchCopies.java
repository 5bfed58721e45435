package dev.syncwright.files.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The copies a batch starts ahead of its writes ({@link Disk#copyAhead}), by target, with the
 * folders made for them, and the targets for which a copy the other folder's scan made
 * ({@link ScanCopies}) stands in. All of it lasts one batch: what no write took is dropped at the
 * flush or discard.
 */
final class BatchCopies {
    private final Predicate<Path> keep;
    private final Map<Path, Ahead> copies = new HashMap<>();
    private final Set<Path> made = new HashSet<>();
    private final Set<Path> inScanCopies = new HashSet<>();

    /** {@code keep}: folders that stay when dropped copies leave them empty ({@link Ahead#dropAll}). */
    BatchCopies(Predicate<Path> keep) {
        this.keep = keep;
    }

    boolean isEmpty() {
        return copies.isEmpty();
    }

    /**
     * True when a copy of {@code content} for {@code target} is still to be started: none is, and no
     * copy the other folder's scan made holds it (then that one stands in, noted).
     */
    boolean wants(FileContent content, Path target, ScanCopies scans) {
        if (scans.holds(target, content)) {
            inScanCopies.add(target);
            return false;
        }
        return !copies.containsKey(target);
    }

    /** A folder made for a copy: removed again if no write ends up in it. */
    void madeFolder(Path dir) {
        made.add(dir);
    }

    void put(Path target, Ahead copy) {
        copies.put(target, copy);
    }

    /** The copy started for {@code target}, removed, or null. */
    Ahead take(Path target) {
        return copies.isEmpty() ? null : copies.remove(target);
    }

    /** True when {@code dir} was made for one of this batch's copies. */
    boolean made(Path dir) {
        return made.contains(dir);
    }

    /** True when a copy of this batch, or one standing in for it, is for a file under {@code dir}. */
    boolean anyUnder(Path dir) {
        Predicate<Path> under = t -> t.getParent().startsWith(dir);
        return copies.keySet().stream().anyMatch(under) || inScanCopies.stream().anyMatch(under);
    }

    /** Deletes the copies no write took, and the folders made for them that stayed empty (deepest first), forgetting those in {@code known}. */
    void drop(Set<Path> known) {
        Ahead.dropAll(copies.values(), made, known, keep);
        inScanCopies.clear();
    }
}
