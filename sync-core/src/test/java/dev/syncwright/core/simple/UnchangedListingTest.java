package dev.syncwright.core.simple;

import static dev.syncwright.core.simple.Stores.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.memory.InMemoryMetadataStore;
import dev.syncwright.core.spi.ItemMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full-enumeration store may report an item whose fields are exactly those recorded by its id
 * alone ({@link FullEnumerationStore#listItems(Consumer, Consumer)}): the pass records nothing for
 * it, and everything else (edits, inserts, deletions) is detected as from a full listing.
 */
class UnchangedListingTest {
    @TempDir
    Path dir;

    final InMemoryMetadataStore metadata = new InMemoryMetadataStore(ReplicaId.random());
    RememberingStore folder;
    FullEnumerationSimpleProvider provider;

    /** Reports a file by id when its fields equal the recorded ones, as a store that remembers its records would. */
    class RememberingStore extends Stores.FolderStore {
        int byId;
        int listings;
        boolean allUnchanged;
        List<ItemId> extra = new ArrayList<>();

        @Override
        public boolean allUnchanged() {
            return allUnchanged;
        }

        RememberingStore(Path dir) {
            super(dir, false);
        }

        @Override
        public void listItems(Consumer<ItemFields> changed, Consumer<ItemId> unchanged) {
            byId = 0;
            listings++;
            for (String n : names()) {
                ItemFields f = fields(n, read(n));
                ItemMetadata m = metadata.item(id(n));
                if (m != null && !m.isTombstone() && ItemFields.of(m.customFields()).equals(f)) {
                    unchanged.accept(id(n));
                    byId++;
                } else {
                    changed.accept(f);
                }
            }
            extra.forEach(unchanged);
        }
    }

    @BeforeEach
    void setUp() {
        folder = new RememberingStore(dir);
        provider = new FullEnumerationSimpleProvider(Stores.ONE_UNIT, metadata, folder);
    }

    @Test
    void unchangedItemsCostNothingAndEverythingElseIsStillDetected() {
        folder.write("a.txt", "alpha");
        folder.write("b.txt", "beta");
        folder.write("c.txt", "gamma");
        assertThat(provider.detectChanges()).isEqualTo(new SimpleProvider.Detection(3, 0, 0));
        long ticks = metadata.tickCount();
        assertThat(provider.detectChanges()).isEqualTo(new SimpleProvider.Detection(0, 0, 0));
        assertThat(folder.byId).isEqualTo(3);
        assertThat(metadata.tickCount()).as("an idle pass takes no tick").isEqualTo(ticks);

        folder.write("b.txt", "beta, edited");
        folder.delete("c.txt");
        folder.write("d.txt", "delta");
        assertThat(provider.detectChanges()).isEqualTo(new SimpleProvider.Detection(1, 1, 1));
        assertThat(folder.byId).as("only a.txt").isEqualTo(1);
        assertThat(metadata.item(id("c.txt")).isTombstone()).isTrue();
        assertThat(metadata.item(id("b.txt")).customFields()).isEqualTo(Stores.ONE_UNIT.storedFields(folder.fields("b.txt", "beta, edited")));
    }

    @Test
    void anUnchangedReportOfAnItemNotRecordedLiveOrTwiceIsRefused() {
        folder.write("a.txt", "alpha");
        provider.detectChanges();
        folder.extra.add(id("never.txt"));
        assertThatThrownBy(provider::detectChanges).isInstanceOf(SyncException.class).hasMessageContaining("as unchanged");
        folder.extra.set(0, id("a.txt"));
        assertThatThrownBy(provider::detectChanges).isInstanceOf(SyncException.class).hasMessageContaining("twice");
        folder.extra.clear();
        folder.delete("a.txt");
        provider.detectChanges();
        folder.extra.add(id("a.txt"));
        assertThatThrownBy(provider::detectChanges).as("a tombstone is not unchanged").isInstanceOf(SyncException.class)
                .hasMessageContaining("as unchanged");
    }

    @Test
    void aStoreThatKnowsEverythingIsAsRecordedIsNotListedAndNothingIsRecorded() {
        folder.write("a.txt", "alpha");
        folder.write("b.txt", "beta");
        provider.detectChanges();
        long ticks = metadata.tickCount();
        int listings = folder.listings;
        folder.allUnchanged = true;
        assertThat(provider.detectChanges()).isEqualTo(new SimpleProvider.Detection(0, 0, 0));
        assertThat(folder.listings).as("not listed").isEqualTo(listings);
        assertThat(metadata.tickCount()).isEqualTo(ticks);
        assertThat(metadata.item(id("a.txt")).isTombstone()).isFalse();

        folder.allUnchanged = false; // the default: a store that does not know lists as before
        folder.delete("b.txt");
        assertThat(provider.detectChanges()).isEqualTo(new SimpleProvider.Detection(0, 0, 1));
        assertThat(folder.listings).isEqualTo(listings + 1);
    }
}
