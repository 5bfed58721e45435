package dev.syncwright.core.simple;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.Version;
import dev.syncwright.core.memory.InMemoryMetadataStore;
import dev.syncwright.core.spi.ItemMetadata;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Findings about the core made while building the simple providers; kept as regression tests. */
class CoreFindingsTest {
    /**
     * {@code InMemoryMetadataStore.findByCustomField} indexes values in a {@code HashMap}, so a
     * {@code byte[]} value (a hash, a binary key) is found only by the very same array instance: a
     * lookup by an equal array returns null. Simple providers allow {@code byte[]} custom fields (and
     * do not rely on this lookup; they derive item ids), but any caller of the SPI that does would miss.
     * A fix: wrap byte arrays in the index (e.g. {@code ByteBuffer.wrap(b)}, which has value equality).
     */
    @Test
    void findByCustomFieldFindsAnEqualByteArray() {
        InMemoryMetadataStore store = new InMemoryMetadataStore(ReplicaId.random());
        ItemId id = ItemId.ofString("a");
        store.putItem(new ItemMetadata(id, Version.local(1), null, null, 1, Map.of(7, new byte[] {1, 2, 3})));
        assertThat(store.findByCustomField(7, new byte[] {1, 2, 3})).isNotNull();
    }
}
