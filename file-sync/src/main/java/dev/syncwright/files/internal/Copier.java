package dev.syncwright.files.internal;

import dev.syncwright.core.SyncException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Verified copies of a file's content into a temporary file, and hashing, on the caller's thread or
 * on a small pool. A copy is hashed while it is made and checked against the hash and size the
 * source recorded; a source whose size or mtime changed during the copy is read again (up to
 * {@link #ATTEMPTS} times), one that is stable but holds other bytes than were scanned is refused:
 * never a half or wrong copy. The copy gets the source's mtime.
 *
 * <p>Why a pool: most of a copy's time is the kernel creating, filling and closing the file (and
 * on a busy volume waiting for the journal), not a core; {@code cp -r} pays those latencies one
 * after the other, and {@link #THREADS} copies in flight overlap them. Each pool thread keeps its
 * own hasher (two 1 MiB buffers). Shared by every store in the process; the threads are daemons.
 */
final class Copier {
    static final int ATTEMPTS = 3;
    static final int THREADS = 4;
    private static final ExecutorService POOL = Forcer.daemons("syncwright-files-copy-", THREADS);
    private static final ThreadLocal<ContentHash> HASHERS = ThreadLocal.withInitial(ContentHash::new);

    private Copier() {}

    /** Copies on a pool thread; the future fails as {@link #copy} would throw. */
    static CompletableFuture<Stat> copyAsync(FileContent content, Path tmp, String rel) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return copy(content, tmp, rel, HASHERS.get());
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, POOL);
    }

    /**
     * Copies {@code content} into {@code tmp} (created or truncated), checked, and returns the stat
     * of {@code tmp}. Throws SyncException when the source is gone or no longer what was scanned.
     */
    static Stat copy(FileContent content, Path tmp, String rel, ContentHash hasher) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Stat before = Stat.read(content.source(), "");
            if (before == null) {
                throw new SyncException("Cannot copy " + content.source() + ": it is gone (deleted or moved since the last detection pass;"
                        + " sync again)");
            }
            long n;
            try (FileChannel in = FileChannel.open(content.source(), StandardOpenOption.READ);
                    FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING)) {
                n = hasher.copy(in, out);
            }
            Stat after = Stat.read(content.source(), "");
            boolean stable = after != null && after.size() == before.size() && after.mtime() == before.mtime();
            if (stable && Arrays.equals(hasher.digest(), content.hash()) && n == content.size()) {
                Files.setLastModifiedTime(tmp, FileTime.from(content.mtime(), TimeUnit.NANOSECONDS));
                Stat s = Stat.read(tmp, rel);
                if (s == null) {
                    throw new SyncException("File " + tmp + " vanished right after it was written");
                }
                return s;
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

    /**
     * A scan's hash of a file (null when it is gone since the walk), and where a copy made in the
     * same read waits for the other folder ({@link Speculation}), if one was made.
     */
    record Hashed(byte[] hash, Path target, Path tmp, Stat tmpStat) {}

    /**
     * The hashes of {@code files} (as {@code walked} saw them), computed on the pool (a scan's new
     * files: 10,000 of them are a gigabyte to read). With {@code spec}, a file the other folder
     * lacks is also written there as it is read. I/O errors reading a file are thrown; a copy that
     * cannot be made is simply not made.
     *
     * <p>The pool takes the files in {@linkplain #runs runs} of one folder each, so that its threads
     * work in different folders: creating a file holds its folder's lock while the file system
     * allocates an inode, and four threads creating copies in one folder spent an eighth of a 10,000
     * file initial sync spinning on that lock (kernel profile, 2 cores).
     */
    static Hashed[] hashAll(List<Path> files, List<Stat> walked, Speculation spec) throws IOException {
        Hashed[] out = new Hashed[files.size()];
        List<int[]> runs = runs(files, Math.max(1, files.size() / (THREADS * 4)));
        CompletableFuture<?>[] fs = new CompletableFuture<?>[runs.size()];
        for (int i = 0; i < fs.length; i++) {
            int[] run = runs.get(i);
            fs[i] = CompletableFuture.runAsync(() -> {
                for (int k = run[0]; k < run[1]; k++) {
                    try {
                        out[k] = hashOne(files.get(k), walked.get(k), spec, HASHERS.get());
                    } catch (java.nio.file.NoSuchFileException e) {
                        out[k] = new Hashed(null, null, null, null);
                    } catch (IOException e) {
                        throw new CompletionException(e);
                    }
                }
            }, POOL);
        }
        try {
            CompletableFuture.allOf(fs).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
        return out;
    }

    /**
     * {@code files} cut into runs {@code [from, to)} of consecutive files in one folder, none longer
     * than {@code max} (a walk lists a folder's files together; a folder holding most of the files is
     * still shared out between the threads).
     */
    static List<int[]> runs(List<Path> files, int max) {
        List<int[]> runs = new ArrayList<>();
        int from = 0;
        for (int k = 1; k <= files.size(); k++) {
            if (k == files.size() || k - from >= max || !Objects.equals(files.get(k).getParent(), files.get(from).getParent())) {
                runs.add(new int[] {from, k});
                from = k;
            }
        }
        return runs;
    }

    /** One file of {@link #hashAll}, on the caller's thread. */
    static Hashed hashOne(Path file, Stat walked, Speculation spec, ContentHash hasher) throws IOException {
        Path target = spec == null ? null : spec.target(walked.path());
        Path tmp = target == null ? null : spec.temp(target);
        if (tmp != null) {
            try {
                Stat before = Stat.read(file, "");
                long n;
                try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                        FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                                StandardOpenOption.TRUNCATE_EXISTING)) {
                    n = hasher.copy(in, out);
                }
                byte[] hash = hasher.digest();
                Stat after = Stat.read(file, "");
                // the bytes hashed are the bytes written; they are the walked file's when its stat held still throughout
                if (n == walked.size() && asWalked(before, walked) && asWalked(after, walked)) {
                    Files.setLastModifiedTime(tmp, FileTime.from(walked.mtime(), TimeUnit.NANOSECONDS));
                    Stat s = Stat.read(tmp, walked.path());
                    if (s != null) {
                        return new Hashed(hash, target, tmp, s);
                    }
                }
            } catch (IOException e) {
                // no copy (the other folder's side may have failed): hashed alone below, where a read error is reported
            }
            spec.discard(tmp);
        }
        return new Hashed(hasher.hash(file), null, null, null);
    }

    private static boolean asWalked(Stat s, Stat walked) {
        return s != null && s.size() == walked.size() && s.mtime() == walked.mtime() && Objects.equals(s.key(), walked.key());
    }
}
