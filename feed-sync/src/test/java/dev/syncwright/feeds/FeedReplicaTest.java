package dev.syncwright.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.core.memory.InMemoryMetadataStore;
import dev.syncwright.core.memory.MemoryReplica;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feed endpoints in knowledge-based sessions: a store's items published as a feed, consumed by
 * another endpoint and synced into another store; changes flow back the same way.
 */
class FeedReplicaTest {
    @TempDir
    Path tmp;

    static Map<String, String> rows(MemoryReplica r) {
        Map<String, String> m = new TreeMap<>();
        r.rows().forEach((k, v) -> m.put(k.toString(), Arrays.deepToString(v)));
        return m;
    }

    static byte[] publish(FeedReplica f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.publish(out);
        return out.toByteArray();
    }

    @Test
    void aStorePublishedAsAFeedReachesAnotherStoreAndChangesComeBack() throws Exception {
        MemoryReplica office = new MemoryReplica(ReplicaId.random(), 2);
        office.insert(ItemId.ofString("task-1"), "Buy milk", new BigDecimal("2.50"));
        office.insert(ItemId.ofString("task-2"), "Call Ann", null);
        office.insert(ItemId.ofLong(42), "binary id", LocalDate.of(2026, 1, 31));
        FeedReplica officeFeed = FeedReplica.open(tmp.resolve("office.xml"), new InMemoryMetadataStore(ReplicaId.random()), "office", 2);
        FeedReplica homeFeed = FeedReplica.open(tmp.resolve("home.xml"), new InMemoryMetadataStore(ReplicaId.random()), "home", 2);
        MemoryReplica home = new MemoryReplica(ReplicaId.random(), 2);

        SyncOrchestrator.between(officeFeed, office).run();
        assertThat(Files.readString(tmp.resolve("office.xml"))).contains("<sx:sync id=\"task-1\"").contains("Buy milk")
                .contains("b64:");
        homeFeed.consume(new ByteArrayInputStream(publish(officeFeed)));
        SyncOrchestrator.between(homeFeed, home).run();
        assertThat(rows(home)).isEqualTo(rows(office));
        assertThat(home.get(ItemId.ofString("task-1"))[1]).isEqualTo(new BigDecimal("2.50"));

        home.update(ItemId.ofString("task-1"), 0, "Buy oat milk");
        home.delete(ItemId.ofString("task-2"));
        SyncOrchestrator.between(homeFeed, home).run();
        officeFeed.consume(new ByteArrayInputStream(publish(homeFeed)));
        SyncResult back = SyncOrchestrator.between(officeFeed, office).run();
        assertThat(back.download().sent() + back.upload().sent()).isPositive();
        assertThat(rows(office)).isEqualTo(rows(home));
        assertThat(office.get(ItemId.ofString("task-1"))[0]).isEqualTo("Buy oat milk");
        FeedItem t1 = officeFeed.feed().item("task-1").orElseThrow();
        assertThat(t1.topmost().by()).isEqualTo("home");
        assertThat(officeFeed.feed().item("task-2").orElseThrow().deleted()).isTrue();

        SyncResult idle = SyncOrchestrator.between(officeFeed, office).run();
        assertThat(idle.upload().sent() + idle.download().sent()).isZero();
    }

    @Test
    void concurrentEditsAtTwoEndpointsAreAFeedSyncConflictKeptUnderSxConflicts() {
        MemoryReplica a = new MemoryReplica(ReplicaId.random(), 2);
        MemoryReplica b = new MemoryReplica(ReplicaId.random(), 2);
        a.insert(ItemId.ofString("doc"), "v1", "body");
        FeedReplica fa = FeedReplica.open(tmp.resolve("a.xml"), new InMemoryMetadataStore(ReplicaId.random()), "a", 2);
        FeedReplica fb = FeedReplica.open(tmp.resolve("b.xml"), new InMemoryMetadataStore(ReplicaId.random()), "b", 2);
        SyncOrchestrator.between(fa, a).run();
        fb.consume(fa.feed());
        SyncOrchestrator.between(fb, b).run();

        a.update(ItemId.ofString("doc"), 0, "a's title");
        b.update(ItemId.ofString("doc"), 1, "b's body");
        SyncOrchestrator.between(fa, a).run();
        SyncOrchestrator.between(fb, b).run();
        Feed mergedAtA = fa.consume(fb.feed());
        Feed mergedAtB = fb.consume(fa.feed());
        assertThat(mergedAtA.items()).isEqualTo(mergedAtB.items());
        FeedItem doc = mergedAtA.item("doc").orElseThrow();
        assertThat(doc.conflicts()).hasSize(1);
        SyncOrchestrator.between(fa, a).run();
        SyncOrchestrator.between(fb, b).run();
        assertThat(rows(a)).isEqualTo(rows(b));
    }

    @Test
    void publishConsumePublishIsStable() throws Exception {
        MemoryReplica a = new MemoryReplica(ReplicaId.random(), 2);
        a.insert(ItemId.ofString("x"), "one", 1L);
        a.insert(ItemId.ofString("y"), "two", true);
        FeedReplica fa = FeedReplica.open(tmp.resolve("same.xml"), new InMemoryMetadataStore(ReplicaId.random()), "a", 2);
        SyncOrchestrator.between(fa, a).run();
        byte[] first = publish(fa);
        FeedReplica fb = FeedReplica.open(Files.createDirectory(tmp.resolve("other")).resolve("same.xml"),
                new InMemoryMetadataStore(ReplicaId.random()), "b", 2);
        fb.consume(new ByteArrayInputStream(first));
        assertThat(new String(publish(fb), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(first, java.nio.charset.StandardCharsets.UTF_8));
        MemoryReplica b = new MemoryReplica(ReplicaId.random(), 2);
        SyncOrchestrator.between(fb, b).run();
        assertThat(publish(fb)).as("syncing the consumed feed into a store changes nothing in it").isEqualTo(first);
    }
}
