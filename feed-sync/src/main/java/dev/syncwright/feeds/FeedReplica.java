package dev.syncwright.feeds;

import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.simple.FullEnumerationSimpleProvider;
import dev.syncwright.core.simple.SimpleProvider;
import dev.syncwright.core.spi.ForwardingMetadataStore;
import dev.syncwright.core.spi.ForwardingSyncProvider;
import dev.syncwright.core.spi.MetadataStore;
import dev.syncwright.feeds.internal.FeedStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Objects;

/**
 * A FeedSync endpoint that takes part in knowledge-based sessions (ADR 051). It keeps its own feed
 * (a file); sync it with any replica of the same change units (a database scope, an in-memory
 * store) through {@link dev.syncwright.core.SyncOrchestrator} to <b>publish</b> that replica's items
 * ({@link #publish}), and {@link #consume} another endpoint's feed (merged as FeedSync says) to bring
 * its changes in, which the next session hands to the replica.
 *
 * <pre>{@code
 * FeedReplica feed = FeedReplica.open(Path.of("todo.xml"), new InMemoryMetadataStore(ReplicaId.random()), "laptop", 2);
 * SyncOrchestrator.between(feed, todoStore).run();   // the store's items into the feed
 * feed.publish(out);                                 // RSS with sx:sync for other endpoints
 * feed.consume(in);                                  // their feed, merged into ours
 * SyncOrchestrator.between(feed, todoStore).run();   // their changes into the store
 * }</pre>
 *
 * <p>The metadata store must survive as long as the feed file does (a SQLite file through
 * {@code JdbcMetadataStore.sqliteFile}, typically). The feed file is saved before every metadata
 * commit, so a crash never leaves metadata that claims writes the feed lacks.
 */
public final class FeedReplica extends ForwardingSyncProvider {
    private final Path file;
    private final FeedStore store;
    private final SimpleProvider provider;

    private FeedReplica(Path file, FeedStore store, SimpleProvider provider) {
        super(provider);
        this.file = file;
        this.store = store;
        this.provider = provider;
    }

    /**
     * Opens the endpoint whose feed is {@code file} (created as an empty RSS feed titled after the
     * file when missing). {@code endpoint} is this endpoint's name in {@code sx:history by}; items
     * have {@code units} change units, as the replicas it syncs with.
     */
    public static FeedReplica open(Path file, MetadataStore metadata, String endpoint, int units) {
        return open(file, metadata, endpoint, units, Clock.systemUTC());
    }

    static FeedReplica open(Path file, MetadataStore metadata, String endpoint, int units, Clock clock) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (units < 1) {
            throw new SyncException("A feed replica needs at least one change unit");
        }
        Feed feed;
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                feed = FeedXml.read(in);
            } catch (IOException e) {
                throw new SyncException("Cannot read feed " + file + ": " + e.getMessage(), e);
            }
        } else {
            feed = new Feed(FeedFormat.RSS, String.valueOf(file.getFileName()), "", java.util.List.of());
        }
        FeedStore store = new FeedStore(feed, endpoint, units, clock);
        FeedReplica[] self = new FeedReplica[1];
        MetadataStore savingFirst = new ForwardingMetadataStore(metadata) {
            @Override
            public void commit() {
                self[0].save(); // the feed before the metadata that describes it
                super.commit();
            }
        };
        SimpleProvider provider = new FullEnumerationSimpleProvider(store.schema(), savingFirst, store);
        self[0] = new FeedReplica(file, store, provider);
        return self[0];
    }

    public ReplicaId replicaId() {
        return provider.replicaId();
    }

    /** The feed as it stands: this endpoint's items with their FeedSync metadata. */
    public Feed feed() {
        return store.feed();
    }

    /** Writes the feed (RSS or Atom, as the file is) for other endpoints or feed readers. */
    public void publish(OutputStream out) {
        FeedXml.write(store.feed(), out);
    }

    /** Merges another endpoint's feed into this one (FeedSync's merge) and saves; returns the merged feed. */
    public Feed consume(Feed incoming) {
        Feed merged = FeedMerge.merge(store.feed(), incoming);
        store.replace(merged);
        save();
        return merged;
    }

    /** Reads another endpoint's feed (untrusted input, see {@link FeedXml}) and merges it in. */
    public Feed consume(InputStream xml) {
        return consume(FeedXml.read(xml));
    }

    private void save() {
        if (!store.takeDirty()) {
            return;
        }
        try {
            Path abs = file.toAbsolutePath();
            Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                FeedXml.write(store.feed(), out);
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SyncException("Cannot save feed " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void endSession(boolean success) {
        try {
            super.endSession(success);
        } finally {
            save();
        }
    }
}
