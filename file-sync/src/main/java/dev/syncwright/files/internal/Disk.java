package dev.syncwright.files.internal;

import dev.syncwright.core.SyncException;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Every change the store makes to a root's files. A file is written whole into a temporary file
 * next to its target, hashed while copied and checked against the hash the source recorded (a
 * source that changes during the copy is read again, up to {@link Copier#ATTEMPTS} times, then the
 * write fails: never a half or wrong copy), and given the source's modification time. There it waits,
 * <em>staged</em>, while the batch goes on; with {@code fsync} its forcing starts at once on the
 * {@link Forcer}'s threads. A batch's copies are started together before it is applied
 * ({@link #copyAhead}, on the {@link Copier}'s threads), so that their kernel latencies overlap;
 * each write then takes its finished, checked copy.
 *
 * <p>{@link #flush()} runs before the batch's metadata commits: it waits until every staged file is
 * forced, then renames each over its target atomically (recycling what it replaces), then forces
 * the folders whose entries changed. So a file is renamed into place only once its bytes are
 * durable, and its metadata commits only once the rename is: a crash leaves the old file or the
 * whole new one (never a torn one that the next scan would take for a local edit), plus temporary
 * files that the next scan removes ({@link Scanner}); a renamed file whose metadata did not commit
 * is found by the next scan as the file it is. {@link #discard()} (the batch rolled back) deletes
 * the staged files. Anything that renames, deletes or looks at a staged path settles the staged
 * files first, so the tree is always what the writes so far made it. Replaced and deleted files go
 * to {@code .syncwright/recycle/<date>/<path>} when recycling is on.
 */
final class Disk {
    private record Staged(Path tmp, Path target, String rel, byte[] hash, CompletableFuture<Void> forced) {}

    private final Path root;
    private final boolean fsync;
    private final boolean recycle;
    private final boolean caseInsensitive;
    /** The volume keeps the execute permission: a written file gets its content's bit ({@link Modes}). */
    private final boolean modes;
    private final Renames renames;
    /** Folders that stay when a move or delete empties them: those of empty folders the store keeps (ADR 050, "Empty folders"). */
    private final Predicate<Path> keep;
    /** On a case-insensitive volume, what the folders hold by name without case ({@link #storedName}). */
    private final Names names = new Names();
    private final Map<String, Staged> staged = new LinkedHashMap<>();
    /** Copies the other folder's scan made while hashing ({@link Speculation}): kept for the whole sync run. */
    private final ScanCopies scanCopies;
    /** Copies this batch started ahead of its writes. */
    private final BatchCopies ahead;
    private final Set<Path> unflushed = new LinkedHashSet<>();
    /** Folders known to exist since the last flush: a batch's thousand files in ten folders make ten. */
    private final Set<Path> folders = new HashSet<>();
    private final ContentHash hasher = new ContentHash();
    private final String tempPrefix = PathFilter.TEMP_PREFIX + Long.toHexString(UUID.randomUUID().getMostSignificantBits()) + "-";
    private final java.util.concurrent.atomic.AtomicLong temps = new java.util.concurrent.atomic.AtomicLong();
    long bytesCopied;
    /** Writes that took a copy another folder's scan made ({@link Speculation}), when it held their content. */
    long takenFromScans;

    Disk(Path root, boolean fsync, boolean recycle, boolean caseInsensitive, boolean modes, Predicate<Path> keep) {
        this.root = root;
        this.modes = modes;
        this.keep = keep;
        this.fsync = fsync;
        this.recycle = recycle;
        this.caseInsensitive = caseInsensitive;
        this.renames = new Renames(caseInsensitive);
        this.scanCopies = new ScanCopies(root, fsync, keep);
        this.ahead = new BatchCopies(keep);
    }

    private String key(String rel) {
        return caseInsensitive ? rel.toLowerCase(Locale.ROOT) : rel;
    }

    /**
     * Stages {@code content} for {@code target} (replacing a file there at {@link #flush()}, which is
     * recycled) and returns the stat the target will have: a rename keeps size, mtime and file key.
     */
    Stat write(FileContent content, Path target, String rel) {
        if (staged.containsKey(key(rel))) {
            settle(); // a second write to one path in a batch: the first goes into place first
        }
        Ahead a = ahead.take(target);
        if (a == null && (a = scanCopies.take(target, unflushed, folders)) != null) {
            takenFromScans++;
        }
        if (a != null) {
            Ahead.Copied c = a.take(content);
            if (c != null && mode(a.tmp(), content, target)) {
                bytesCopied += c.stat().size();
                staged.put(key(rel), new Staged(a.tmp(), target, rel, content.hash(), c.forced()));
                return c.stat();
            }
            // not this content, or the copy ahead failed: copied here, where a failure is reported as it happens
        }
        Path tmp = target.resolveSibling(tempName());
        try {
            folder(target.getParent());
            Stat s = Copier.copy(content, tmp, rel, hasher);
            if (modes) {
                Modes.apply(tmp, content.executable(), target);
            }
            bytesCopied += s.size();
            staged.put(key(rel), new Staged(tmp, target, rel, content.hash(), fsync ? Forcer.file(tmp) : null));
            return s;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException x) {
                e.addSuppressed(x);
            }
            if (e instanceof SyncException s) {
                throw s;
            }
            throw new SyncException("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Gives a copy made ahead its content's executable bit; false (the copy dropped) when that fails: the write copies again and reports. */
    private boolean mode(Path tmp, FileContent content, Path target) {
        try {
            if (modes) {
                Modes.apply(tmp, content.executable(), target);
            }
            return true;
        } catch (IOException e) {
            Ahead.deleteQuietly(tmp);
            return false;
        }
    }

    /**
     * Starts copying {@code content} for a write to {@code target} that the batch is about to make,
     * on the {@link Copier}'s pool, so that the copies of a batch overlap. The copy is only a
     * temporary file until {@link #write} of the same content to the same target takes it (anything
     * else copies as before); what no write took is deleted at the flush or discard. Best effort:
     * when the folder cannot be made here (a file in the way, which placement resolves), the write
     * does it all itself.
     */
    void copyAhead(FileContent content, Path target, String rel) {
        if (!ahead.wants(content, target, scanCopies)) {
            return; // copied already (by the other folder's scan, when it holds this content)
        }
        List<Path> missing = Ahead.missingFolders(root, target.getParent(), folders);
        try {
            folder(target.getParent());
        } catch (IOException | RuntimeException e) {
            return;
        } finally {
            Ahead.madeOf(missing).forEach(ahead::madeFolder); // removed again if no write ends up in them
        }
        Path tmp = target.resolveSibling(tempName());
        // the forcing starts on the copying thread the moment the copy is checked (it only queues it)
        CompletableFuture<Ahead.Copied> copied = Copier.copyAsync(content, tmp, rel).thenApply(s -> new Ahead.Copied(s, fsync ? Forcer.file(tmp) : null));
        ahead.put(target, new Ahead(content, tmp, copied));
    }

    /** A temporary file next to {@code target} for a copy made by another folder's scan ({@link ScanCopies#temp}), or null. */
    Path speculativeTemp(Path target) {
        return scanCopies.temp(target, tempName());
    }

    /** Keeps a checked copy of {@code content} for {@code target} until a write takes it or the run ends ({@link ScanCopies#adopt}). */
    void adopt(FileContent content, Path target, Path tmp, Stat stat) {
        scanCopies.adopt(content, target, tmp, stat);
    }

    /** At the end of a sync run: deletes the copies no write took, and the folders made for them that stayed empty. */
    void dropSpeculated() {
        names.clear(); // the next run reads the folders again
        scanCopies.drop(folders);
    }

    private String tempName() {
        return tempPrefix + temps.incrementAndGet() + ".tmp"; // also from the copying threads (speculativeTemp)
    }

    /** True when a write to {@code rel} waits for the next flush. */
    boolean isStaged(String rel) {
        return !staged.isEmpty() && staged.containsKey(key(rel));
    }

    /** The hash a staged write to {@code rel} will put there, or null. */
    byte[] stagedHash(String rel) {
        Staged s = staged.isEmpty() ? null : staged.get(key(rel));
        return s == null ? null : s.hash();
    }

    /** True when {@code dir} was made for copies ahead of writes, which are still to be taken or dropped (with it, if it stays empty). */
    boolean madeForCopies(Path dir) {
        return ahead.made(dir) || scanCopies.made(dir);
    }

    /** True when this batch made sure {@code dir} is a folder (so nothing needs to look). */
    boolean knownFolder(Path dir) {
        return folders.contains(dir);
    }

    /**
     * On a case-insensitive volume, the name under which something is at {@code file} in its folder
     * (compared without case), or null; read once per folder and batch ({@link Names}).
     */
    String storedName(Path file) throws IOException {
        return names.stored(file);
    }

    boolean hasStaged() {
        return !staged.isEmpty() || !ahead.isEmpty() || !scanCopies.isEmpty();
    }

    /**
     * Puts every staged file in place: waits until all are forced (with fsync), then renames them
     * over their targets, recycling what they replace.
     */
    void settle() {
        if (staged.isEmpty()) {
            return;
        }
        Forcer.awaitAll(staged.values().stream().map(Staged::forced).toList(), "a written file");
        Iterator<Staged> it = staged.values().iterator();
        while (it.hasNext()) {
            Staged s = it.next();
            try {
                place(s.tmp(), s.target(), s.rel());
            } catch (IOException e) {
                throw new SyncException("Cannot write " + s.target() + ": " + e.getMessage(), e);
            }
            it.remove();
            unflushed.add(s.target().getParent());
        }
    }

    /** Deletes the staged files (their batch rolled back): the tree keeps what it had. */
    void discard() {
        ahead.drop(folders);
        for (Staged s : staged.values()) {
            try {
                if (s.forced() != null) {
                    s.forced().exceptionally(e -> null).join(); // a file being forced is left alone until it is
                }
                Files.deleteIfExists(s.tmp());
            } catch (IOException e) {
                // a temporary file left behind is removed by the next scan
            }
        }
        staged.clear();
        folders.clear();
        names.clear();
    }

    /** Moves a file to a path that must be free (renames never replace). */
    void moveFile(Path from, Path to) {
        settle();
        try {
            folder(to.getParent());
            renames.move(from, to, false);
            names.removed(from);
            names.added(to);
            unflushed.add(to.getParent());
            unflushed.add(from.getParent());
            removeEmptyParents(from.getParent());
        } catch (IOException e) {
            throw new SyncException("Cannot move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a file (to the recycle folder when recycling) and the folders the deletion emptied. */
    void delete(Path file, String rel) {
        settle();
        try {
            if (recycle) {
                recycle(file, rel);
            } else {
                Files.deleteIfExists(file);
                names.removed(file);
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
        Path to = Renames.free(root.resolve(PathFilter.META_DIR).resolve("recycle").resolve(LocalDate.now(ZoneOffset.UTC).toString()), rel);
        Files.createDirectories(to.getParent());
        try {
            renames.move(file, to, false);
        } catch (NoSuchFileException e) {
            // already gone: nothing to keep
        }
        names.removed(file);
    }

    /** Makes sure a folder exists; a folder it creates is entered in its parent, which is then forced with the batch. */
    private void folder(Path dir) throws IOException {
        if (folders.contains(dir)) {
            return;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            folder(dir.getParent());
            try {
                Files.createDirectory(dir);
                names.added(dir);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    throw e;
                }
            }
            unflushed.add(dir.getParent());
        }
        folders.add(dir);
    }

    /**
     * Puts a staged file in place. Whatever occupies the target is recycled first (the file this
     * write replaces, or one created since the placement looked), and the file goes in only where
     * the path is free, as one step, so a file created in between is recycled in turn, never
     * replaced. Without recycling the rename replaces the occupant, as the user asked.
     */
    private void place(Path tmp, Path target, String rel) throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (renames.moveIfFree(tmp, target)) {
                names.added(target);
                return;
            }
            if (!recycle) {
                break;
            }
            recycle(target, rel);
        }
        renames.move(tmp, target, true);
        names.forget(target.getParent());
    }

    /** Makes the folder {@code dir} and its parents (an empty folder from another replica). */
    void makeFolder(Path dir) {
        settle();
        try {
            folder(dir);
        } catch (IOException e) {
            throw new SyncException("Cannot make folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes the folder {@code dir} if it is empty (its item was deleted), and the parents that
     * leaves empty; true when it went. Not while this batch copies a file under it ahead of its
     * write (a preview sees the folders of those copies, and the copy, on another thread, would
     * race the removal). The other folder's scan may have copied files into it for later writes:
     * those go first, as a preview, which knows nothing of them, expects.
     */
    boolean removeFolder(Path dir) {
        settle();
        if (ahead.anyUnder(dir)) {
            return false;
        }
        scanCopies.dropUnder(dir, folders);
        removeEmptyParents(dir);
        return !Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
    }

    /** Removes {@code dir} and then its parents, as long as each is empty and not one to {@link #keep}. */
    void removeEmptyParents(Path dir) {
        Path meta = root.resolve(PathFilter.META_DIR);
        for (Path d = dir; d != null && d.startsWith(root) && !d.equals(root) && !d.startsWith(meta) && !keep.test(d); d = d.getParent()) {
            try {
                Files.delete(d);
                folders.remove(d);
                names.removed(d);
                unflushed.add(d.getParent()); // a removal that did not reach the disk would bring the folder back as a new empty one
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            } catch (IOException e) {
                return; // a folder we cannot remove is harmless
            }
        }
    }

    /**
     * Before the batch's metadata commits: puts the staged files in place (forced first) and forces
     * the folders whose entries changed, all folders at once.
     */
    void flush() {
        settle();
        ahead.drop(folders); // copies the batch did not take (the applier kept the local side)
        folders.clear();
        names.clear();
        if (fsync && !unflushed.isEmpty()) {
            List<CompletableFuture<Void>> forced = new ArrayList<>(unflushed.size());
            unflushed.forEach(d -> forced.add(Forcer.folder(d)));
            unflushed.clear();
            Forcer.awaitAll(forced, "a folder");
        }
        unflushed.clear();
    }
}
