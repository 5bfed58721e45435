package dev.syncwright.files;

import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.simple.FullEnumerationSimpleProvider;
import dev.syncwright.core.simple.SimpleProvider;
import dev.syncwright.core.spi.ApplyPlan;
import dev.syncwright.core.spi.BatchApplier;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.ForwardingSyncProvider;
import dev.syncwright.core.spi.MetadataStore;
import dev.syncwright.files.internal.FileSchema;
import dev.syncwright.files.internal.FolderOptions;
import dev.syncwright.files.internal.FolderStore;
import dev.syncwright.files.internal.Modes;
import dev.syncwright.files.internal.PathFilter;
import dev.syncwright.jdbc.metadata.JdbcMetadataStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A folder tree as a replica: Sync Services for File Systems on the full-enumeration simple
 * provider. Its sync metadata lives in {@code .syncwright/metadata.db} (a SQLite file, the
 * Metadata Storage Service) under the root, which is never synced; so does the recycle folder.
 * It is a {@link dev.syncwright.core.spi.SyncProvider}: sync it with another folder replica through
 * {@link FolderSync} (which adds conflict copies, retries and previews), or through
 * {@link dev.syncwright.core.SyncOrchestrator} with {@link FileConflictPolicy#toConflictPolicy()}.
 *
 * <pre>{@code
 * try (FolderReplica laptop = FolderReplica.open(Path.of("~/docs"));
 *      FolderReplica stick = FolderReplica.at(Path.of("/media/usb/docs")).name("usb").exclude("**}{@code /*.tmp").open()) {
 *     FolderSyncResult r = FolderSync.between(laptop, stick).run();
 * }
 * }</pre>
 *
 * <p>One process at a time may open a root (a lock file says so). Symbolic links are not followed
 * and not synced. A folder exists where its files are; a folder that holds nothing at all is an item
 * of its own, made and removed on every replica.
 */
public final class FolderReplica extends ForwardingSyncProvider {
    private final Path root;
    private final String name;
    private final FolderStore store;
    private final SimpleProvider provider;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private FolderReplica(Path root, String name, FolderStore store, SimpleProvider provider, FileChannel lockChannel, FileLock lock) {
        super(provider);
        this.root = root;
        this.name = name;
        this.store = store;
        this.provider = provider;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens the folder with the defaults (see {@link Builder}). */
    public static FolderReplica open(Path root) {
        return at(root).open();
    }

    public static Builder at(Path root) {
        return new Builder(root);
    }

    public Path root() {
        return root;
    }

    /** The name conflict copies carry: {@code (conflict from <name> ...)}. */
    public String name() {
        return name;
    }

    public ReplicaId replicaId() {
        return provider.replicaId();
    }

    /** Scans the folder now and records what changed since the last scan (every sync does this by itself). */
    public SimpleProvider.Detection detectChanges() {
        try {
            return provider.detectChanges();
        } finally {
            store.endRun();
        }
    }

    FolderStore store() {
        return store;
    }

    /** Copies the batch's new contents several at once, then applies it as the simple provider does. */
    @Override
    public ApplyPlan applyChanges(ChangeBatch batch, BatchApplier applier) {
        store.copyAhead(batch.changes());
        return super.applyChanges(batch, applier);
    }

    @Override
    public void endSession(boolean success) {
        try {
            super.endSession(success);
        } finally {
            store.endRun(); // the next sync scans afresh
        }
    }

    @Override
    public void close() {
        try {
            store.metadataStore().close();
        } finally {
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException e) {
                // closing a lock file cannot lose anything
            }
        }
    }

    @Override
    public String toString() {
        return "FolderReplica[" + name + " at " + root + "]";
    }

    /** Options of a folder replica. */
    public static final class Builder {
        private final Path root;
        private String name;
        private final List<String> include = new ArrayList<>();
        private final List<String> exclude = new ArrayList<>();
        private boolean recycle = true;
        private boolean fsync = true;
        private boolean alwaysHash;
        private Boolean caseInsensitive;

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        }

        /** The replica's name in conflict copies; default: the root folder's name. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Only paths matching one of these globs (relative, '/'-separated) are synced. */
        public Builder include(String... globs) {
            include.addAll(List.of(globs));
            return this;
        }

        /**
         * Paths matching one of these globs are not synced: neither read nor written here, and a
         * file already synced that becomes excluded keeps its last state (it is not deleted elsewhere).
         */
        public Builder exclude(String... globs) {
            exclude.addAll(List.of(globs));
            return this;
        }

        /** Deleted and overwritten files go to {@code .syncwright/recycle/<date>/} (default) or are gone. */
        public Builder recycle(boolean recycle) {
            this.recycle = recycle;
            return this;
        }

        /** Force every written file and folder to disk before its metadata commits (default true). */
        public Builder fsync(boolean fsync) {
            this.fsync = fsync;
            return this;
        }

        /** Hash every file on every scan instead of trusting an unchanged size and modification time. */
        public Builder alwaysHash(boolean alwaysHash) {
            this.alwaysHash = alwaysHash;
            return this;
        }

        /** Treat names that differ only in case as one (default: probed on the volume). */
        public Builder caseInsensitive(boolean caseInsensitive) {
            this.caseInsensitive = caseInsensitive;
            return this;
        }

        public FolderReplica open() {
            if (!Files.isDirectory(root)) {
                throw new SyncException("Folder " + root + " does not exist (or is not a folder)");
            }
            Path meta = root.resolve(".syncwright");
            FileChannel ch = null;
            try {
                Files.createDirectories(meta);
                ch = FileChannel.open(meta.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (OverlappingFileLockException e) {
                    l = null;
                }
                if (l == null) {
                    throw new SyncException("Folder " + root + " is being synced by another process (or replica); wait for it to finish");
                }
                boolean ci = caseInsensitive != null ? caseInsensitive : probeCaseInsensitive(meta);
                // No custom-field index: the store looks items up in its own memory (CachedMetadataStore),
                // and the index would cost each item write five more statements. Pages as large as a
                // scan reads anyway: the whole metadata is read into memory at open.
                MetadataStore metadata = JdbcMetadataStore.on(JdbcMetadataStore.sqliteDataSource(meta.resolve("metadata.db")))
                        .customFieldIndex(false).pageSize(5_000).open();
                String n = name != null ? name : root.getFileName() == null ? "root" : root.getFileName().toString();
                FolderStore store = new FolderStore(root, n, new FolderOptions(new PathFilter(include, exclude), recycle, fsync, alwaysHash, ci,
                        Modes.keptIn(meta)),
                        metadata);
                SimpleProvider provider = new FullEnumerationSimpleProvider(FileSchema.SCHEMA, store.metadataStore(), store);
                provider.detectOncePerSync(true); // one walk and one pass per sync, not three
                return new FolderReplica(root, n, store, provider, ch, l);
            } catch (IOException e) {
                closeQuietly(ch);
                throw new SyncException("Cannot open folder " + root + " for sync: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                closeQuietly(ch);
                throw e;
            }
        }

        private static void closeQuietly(FileChannel ch) {
            try {
                if (ch != null) {
                    ch.close();
                }
            } catch (IOException e) {
                // already failing
            }
        }

        private static boolean probeCaseInsensitive(Path meta) throws IOException {
            Path probe = meta.resolve("case-probe");
            Files.writeString(probe, "");
            try {
                return Files.exists(meta.resolve("CASE-PROBE"));
            } finally {
                Files.deleteIfExists(probe);
            }
        }
    }
}
