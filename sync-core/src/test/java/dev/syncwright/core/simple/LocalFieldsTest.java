package dev.syncwright.core.simple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.core.memory.InMemoryMetadataStore;
import dev.syncwright.core.memory.MemoryReplica;
import dev.syncwright.core.spi.ItemMetadata;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Local fields: what a store remembers about an item for itself (here a "stamp", as a file's
 * modification time would be). A change of one alone is recorded but mints no version, so nothing
 * travels; a sync write records the stamp the store returns.
 */
class LocalFieldsTest {
    static final int NAME = 1;
    static final int HASH = 2;
    static final int STAMP = 3;
    static final ItemMetadataSchema SCHEMA = new ItemMetadataSchema(
            List.of(CustomFieldDefinition.of(NAME, String.class), CustomFieldDefinition.of(HASH, Long.class),
                    CustomFieldDefinition.of(STAMP, Long.class)),
            IdentityRule.of(NAME), List.of(), List.of(STAMP));

    /** Items as name -> {content, stamp}; the hash is the content's hashCode, the stamp a write counter. */
    static class StampedStore implements FullEnumerationStore {
        final Map<String, Object[]> items = new TreeMap<>();
        long clock;

        void put(String name, String content) {
            items.put(name, new Object[] {content, ++clock});
        }

        void touch(String name) {
            items.get(name)[1] = ++clock;
        }

        ItemFields fields(String name) {
            Object[] v = items.get(name);
            return ItemFields.of(NAME, name, HASH, (long) v[0].hashCode(), STAMP, v[1]);
        }

        @Override
        public void listItems(Consumer<ItemFields> sink) {
            items.keySet().forEach(n -> sink.accept(fields(n)));
        }

        @Override
        public Object[] load(ItemFields identity) {
            Object[] v = items.get(identity.string(NAME));
            return v == null ? null : new Object[] {v[0]};
        }

        @Override
        public ItemFields insert(ItemFields identity, Object[] values) {
            put(identity.string(NAME), (String) values[0]);
            return fields(identity.string(NAME));
        }

        @Override
        public ItemFields update(ItemFields expected, int[] units, Object[] values) {
            put(expected.string(NAME), (String) values[0]);
            return fields(expected.string(NAME));
        }

        @Override
        public void delete(ItemFields expected) {
            items.remove(expected.string(NAME));
        }
    }

    @Test
    void aLocalFieldChangeIsRecordedWithoutANewVersion() {
        StampedStore store = new StampedStore();
        InMemoryMetadataStore metadata = new InMemoryMetadataStore(ReplicaId.random());
        FullEnumerationSimpleProvider provider = new FullEnumerationSimpleProvider(SCHEMA, metadata, store);
        store.put("a", "one");
        assertThat(provider.detectChanges().inserted()).isEqualTo(1);
        long ticks = metadata.tickCount();
        ItemMetadata before = metadata.item(Stores.id("a"));

        store.touch("a");
        assertThat(provider.detectChanges().total()).isZero();
        ItemMetadata after = metadata.item(Stores.id("a"));
        assertThat(metadata.tickCount()).isEqualTo(ticks);
        assertThat(after.localTick()).isEqualTo(before.localTick());
        assertThat(after.creationVersion()).isEqualTo(before.creationVersion());
        assertThat(after.customFields().get(STAMP)).isEqualTo(store.clock).isNotEqualTo(before.customFields().get(STAMP));

        store.put("a", "two");
        assertThat(provider.detectChanges().updated()).isEqualTo(1);
    }

    @Test
    void aSyncWriteRecordsTheReturnedLocalFieldsAndSendsNothingBack() {
        StampedStore store = new StampedStore();
        FullEnumerationSimpleProvider provider = new FullEnumerationSimpleProvider(SCHEMA, new InMemoryMetadataStore(ReplicaId.random()), store);
        MemoryReplica server = new MemoryReplica(ReplicaId.random(), 1);
        server.insert(Stores.id("b"), "from server");
        SyncOrchestrator.between(provider, server).run();
        assertThat(store.items.get("b")[0]).isEqualTo("from server");
        ItemMetadata m = provider.metadataStore().item(Stores.id("b"));
        assertThat(m.customFields().get(STAMP)).isEqualTo(store.items.get("b")[1]);

        SyncResult again = SyncOrchestrator.between(provider, server).run();
        assertThat(again.upload().sent() + again.download().sent()).isZero();
        store.touch("b");
        again = SyncOrchestrator.between(provider, server).run();
        assertThat(again.upload().sent() + again.download().sent()).as("a touch travels nowhere").isZero();
    }

    @Test
    void aLocalFieldCannotAlsoVersionOrIdentify() {
        List<CustomFieldDefinition> f = List.of(CustomFieldDefinition.of(NAME, String.class), CustomFieldDefinition.of(HASH, Long.class),
                CustomFieldDefinition.of(STAMP, Long.class));
        assertThatThrownBy(() -> new ItemMetadataSchema(f, IdentityRule.of(NAME), List.of(ChangeUnitVersionDefinition.of(0, HASH, STAMP)),
                List.of(STAMP))).isInstanceOf(SyncException.class).hasMessageContaining("local field");
        assertThatThrownBy(() -> new ItemMetadataSchema(f, IdentityRule.of(NAME), List.of(), List.of(NAME)))
                .isInstanceOf(SyncException.class).hasMessageContaining("identity field and a local field");
        assertThatThrownBy(() -> new ItemMetadataSchema(f, IdentityRule.of(NAME), List.of(), List.of(9)))
                .isInstanceOf(SyncException.class).hasMessageContaining("not defined");
        assertThat(new ItemMetadataSchema(f, IdentityRule.of(NAME), List.of(), List.of(STAMP)).changeUnitVersionDefinitions().get(0).fieldIds())
                .containsExactly(HASH);
    }
}
