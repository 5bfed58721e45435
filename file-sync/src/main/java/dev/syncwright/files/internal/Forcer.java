package dev.syncwright.files.internal;

import dev.syncwright.core.SyncException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Forces files and folders to disk on threads of their own. An fsync waits for the device, not
 * for a core, and a journaling file system commits the forces that wait at the same time together:
 * a batch of files forced from {@link #THREADS} threads costs a journal commit per dozen files, not
 * one per file, and the copying thread goes on writing meanwhile (on this project's 2-core test
 * machine, 8 to 32 threads all did far better than one; 16 sits in the middle). Shared by every
 * store in the process (the threads are daemons and idle between batches).
 */
final class Forcer {
    static final int THREADS = 16;
    private static final ExecutorService POOL = daemons("syncwright-files-force-", THREADS);

    /** A fixed pool of daemon threads (idle between batches, never in the way of the JVM's exit). */
    static ExecutorService daemons(String namePrefix, int threads) {
        AtomicInteger next = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, namePrefix + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private Forcer() {}

    /** Starts forcing a file's bytes and attributes; the future fails with the I/O error, if any. */
    static CompletableFuture<Void> file(Path file) {
        return CompletableFuture.runAsync(() -> force(file, StandardOpenOption.WRITE), POOL);
    }

    /**
     * Starts forcing a folder (its entries: names created, renamed or removed in it). A folder gone
     * since needs nothing; a platform that cannot open a folder to force it is not an error.
     */
    static CompletableFuture<Void> folder(Path dir) {
        return CompletableFuture.runAsync(() -> {
            try {
                force(dir, StandardOpenOption.READ);
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof NoSuchFileException || Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    return;
                }
                throw e;
            }
        }, POOL);
    }

    private static void force(Path p, StandardOpenOption mode) {
        try (FileChannel ch = FileChannel.open(p, mode)) {
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot force " + p + " to disk: " + e.getMessage(), e);
        }
    }

    /** Waits for all of {@code futures} (nulls skipped); a failure is thrown as the SyncException of forcing {@code what}. */
    static void awaitAll(List<CompletableFuture<Void>> futures, String what) {
        try {
            CompletableFuture.allOf(futures.stream().filter(f -> f != null).toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new SyncException("Cannot force " + what + " to disk: " + c.getMessage(), c);
        }
    }
}
