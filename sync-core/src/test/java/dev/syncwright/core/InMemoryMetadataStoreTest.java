package dev.syncwright.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.core.memory.InMemoryMetadataStore;
import dev.syncwright.core.spi.ItemMetadata;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryMetadataStoreTest {
    @Test
    void rollbackRestoresIndexEntriesThatARolledBackPutTookOver() {
        InMemoryMetadataStore s = new InMemoryMetadataStore(ReplicaId.random());
        ItemId a = ItemId.ofString("a");
        ItemId b = ItemId.ofString("b");
        s.putItem(ItemMetadata.live(a, Version.local(1), null, 1).withCustomFields(Map.of(1, "x")));
        s.putItem(ItemMetadata.live(b, Version.local(2), null, 2).withCustomFields(Map.of(1, "x")));
        assertThat(s.findByCustomField(1, "x").itemId()).isEqualTo(b);
        s.begin();
        s.putItem(ItemMetadata.live(a, Version.local(3), null, 3).withCustomFields(Map.of(1, "z")));
        s.removeItem(b);
        s.rollback();
        assertThat(s.findByCustomField(1, "x").itemId()).isEqualTo(b);
        assertThat(s.findByCustomField(1, "z")).isNull();
        assertThat(s.item(a).creationVersion()).isEqualTo(Version.local(1));
    }
}
