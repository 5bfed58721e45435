package dev.syncwright.samples.feed;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.memory.InMemoryMetadataStore;
import dev.syncwright.core.memory.MemoryReplica;
import dev.syncwright.feeds.FeedItem;
import dev.syncwright.feeds.FeedReplica;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * FeedSync in one program: an office and a home to-do list (in-memory stores here; a database
 * scope works the same) that never talk directly: each publishes an RSS feed with sx:sync metadata
 * and consumes the other's. Concurrent edits of one item become a FeedSync conflict, kept in the
 * feed under sx:conflicts.
 *
 * <pre>
 * java FeedSample [work-dir]      default: a new temporary folder
 * </pre>
 */
public final class FeedSample {
    public static void main(String[] args) throws IOException {
        Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("syncwright-feeds");
        // 1. Two stores of to-dos: (title, done) per item.
        MemoryReplica office = new MemoryReplica(ReplicaId.random(), 2);
        MemoryReplica home = new MemoryReplica(ReplicaId.random(), 2);
        office.insert(ItemId.ofString("todo-1"), "Buy milk", false);
        office.insert(ItemId.ofString("todo-2"), "Book flights", false);

        // 2. Each store has a feed endpoint: a feed file plus its sync metadata (a SQLite file in practice).
        FeedReplica officeFeed = FeedReplica.open(work.resolve("office.xml"), new InMemoryMetadataStore(ReplicaId.random()), "office", 2);
        FeedReplica homeFeed = FeedReplica.open(work.resolve("home.xml"), new InMemoryMetadataStore(ReplicaId.random()), "home", 2);

        // 3. office -> its feed -> home's feed -> home: a normal session on each side, feeds in between.
        SyncOrchestrator.between(officeFeed, office).run();
        homeFeed.consume(new ByteArrayInputStream(publish(officeFeed)));
        SyncOrchestrator.between(homeFeed, home).run();
        System.out.println("home after the first exchange: " + home.rows().size() + " to-dos");

        // 4. Both change todo-1 before the next exchange: a conflict.
        office.update(ItemId.ofString("todo-1"), 0, "Buy oat milk");
        home.update(ItemId.ofString("todo-1"), 1, true);
        SyncOrchestrator.between(officeFeed, office).run();
        SyncOrchestrator.between(homeFeed, home).run();
        homeFeed.consume(new ByteArrayInputStream(publish(officeFeed)));
        officeFeed.consume(new ByteArrayInputStream(publish(homeFeed)));
        SyncOrchestrator.between(officeFeed, office).run();
        SyncOrchestrator.between(homeFeed, home).run();

        FeedItem t1 = officeFeed.feed().item("todo-1").orElseThrow();
        System.out.println("todo-1 winner: \"" + t1.title() + "\" by " + t1.topmost().by() + ", " + t1.conflicts().size()
                + " conflict kept under sx:conflicts");
        System.out.println("office and home agree: " + office.rows().keySet().equals(home.rows().keySet())
                + " / " + java.util.Arrays.deepEquals(office.rows().values().toArray(), home.rows().values().toArray()));
        System.out.println("the office feed (" + work.resolve("office.xml") + "):");
        System.out.println(new String(publish(officeFeed), StandardCharsets.UTF_8));
    }

    static byte[] publish(FeedReplica feed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        feed.publish(out);
        return out.toByteArray();
    }

    private FeedSample() {}
}
