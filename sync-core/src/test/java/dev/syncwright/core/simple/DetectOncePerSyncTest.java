package dev.syncwright.core.simple;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.core.memory.InMemoryMetadataStore;
import dev.syncwright.core.memory.MemoryReplica;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** {@link SimpleProvider#detectOncePerSync}: one listing per two-way sync, and nothing missed or echoed. */
class DetectOncePerSyncTest {
    static final class Counting extends LocalFieldsTest.StampedStore {
        int listings;

        @Override
        public void listItems(Consumer<ItemFields> sink) {
            listings++;
            super.listItems(sink);
        }
    }

    @Test
    void aTwoWaySyncListsTheStoreOnceAndConverges() {
        Counting store = new Counting();
        FullEnumerationSimpleProvider p = new FullEnumerationSimpleProvider(LocalFieldsTest.SCHEMA,
                new InMemoryMetadataStore(ReplicaId.random()), store);
        MemoryReplica server = new MemoryReplica(ReplicaId.random(), 1);
        store.put("local", "mine");
        server.insert(ItemId.ofString("remote"), "theirs");

        SyncOrchestrator.between(p, server).run();
        int everySession = store.listings;
        assertThat(everySession).as("without the option: before each session and enumeration").isGreaterThan(1);

        p.detectOncePerSync(true);
        store.listings = 0;
        store.put("local", "edited");
        SyncResult r = SyncOrchestrator.between(p, server).run();
        assertThat(store.listings).isEqualTo(1);
        assertThat(server.get(ItemId.ofString("local"))).containsExactly("edited");
        assertThat(store.items.get("remote")[0]).isEqualTo("theirs");
        assertThat(r.upload().sent()).isEqualTo(1);

        store.listings = 0;
        SyncResult idle = SyncOrchestrator.between(p, server).run();
        assertThat(idle.upload().sent() + idle.download().sent()).as("the sync's own writes are not echoed").isZero();
        assertThat(store.listings).isEqualTo(1);
    }
}
