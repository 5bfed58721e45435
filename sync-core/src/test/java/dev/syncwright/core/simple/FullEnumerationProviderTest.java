package dev.syncwright.core.simple;

import static dev.syncwright.core.simple.Stores.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.core.memory.InMemoryMetadataStore;
import dev.syncwright.core.memory.MemoryReplica;
import dev.syncwright.core.simple.Stores.FolderStore;
import dev.syncwright.core.spi.ItemMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of text files (one change unit: the whole file, versioned by its SHA-256) against a memory replica. */
class FullEnumerationProviderTest {
    @TempDir
    Path dir;

    FolderStore folder;
    InMemoryMetadataStore metadata = new InMemoryMetadataStore(ReplicaId.random());
    FullEnumerationSimpleProvider files;
    MemoryReplica server = new MemoryReplica(ReplicaId.random(), 1);

    void setUp() {
        folder = new FolderStore(dir, false);
        files = new FullEnumerationSimpleProvider(Stores.ONE_UNIT, metadata, folder);
    }

    SyncResult sync() {
        return sync(ConflictPolicy.SERVER_WINS);
    }

    SyncResult sync(ConflictPolicy p) {
        return SyncOrchestrator.between(files, server).conflicts(p).run();
    }

    static long sent(SyncResult r) {
        return r.upload().sent() + r.download().sent();
    }

    Map<String, List<Object>> serverData() {
        Map<String, List<Object>> m = new TreeMap<>();
        server.rows().forEach((k, v) -> m.put(Stores.ONE_UNIT.identity(k).string(Stores.NAME), List.of(v)));
        return m;
    }

    void assertSame() {
        assertThat(folder.data()).isEqualTo(serverData());
    }

    void assertNoEcho() {
        SyncResult again = sync();
        assertThat(again.upload().sent()).as("upload sent").isZero();
        assertThat(again.download().sent()).as("download sent").isZero();
        assertThat(again.totalConflicts()).isZero();
    }

    @Test
    void insertsTravelBothWaysWithoutEcho() {
        setUp();
        folder.write("a.txt", "alpha");
        server.insert(id("b.txt"), "beta");
        SyncResult r = sync();
        assertThat(r.upload().sent()).isEqualTo(1);
        assertThat(r.download().sent()).isEqualTo(1);
        assertThat(folder.read("b.txt")).isEqualTo("beta");
        assertThat(server.get(id("a.txt"))).containsExactly("alpha");
        assertNoEcho();
        // The write from sync recorded the file's new hash: detection sees nothing.
        assertThat(files.detectChanges().total()).isZero();
        ItemMetadata b = metadata.item(id("b.txt"));
        assertThat(b.customFields()).containsEntry(Stores.NAME, "b.txt").containsKey(Stores.HASH);
        assertThat(metadata.findByCustomField(Stores.NAME, "b.txt").itemId()).isEqualTo(id("b.txt"));
    }

    @Test
    void updatesAndDeletesAreDetectedFromTheListing() {
        setUp();
        folder.write("a.txt", "one");
        folder.write("b.txt", "two");
        sync();
        folder.write("a.txt", "one, edited");
        folder.delete("b.txt");
        SimpleProvider.Detection d = files.detectChanges();
        assertThat(d).isEqualTo(new SimpleProvider.Detection(0, 1, 1));
        SyncResult r = sync();
        assertThat(r.upload().sent()).isEqualTo(2);
        assertThat(server.get(id("a.txt"))).containsExactly("one, edited");
        assertThat(server.get(id("b.txt"))).isNull();
        assertNoEcho();

        server.update(id("a.txt"), 0, "server edit");
        server.delete(id("a.txt"));
        server.insert(id("c.txt"), "gamma");
        r = sync();
        assertThat(r.download().sent()).isEqualTo(2);
        assertThat(folder.exists("a.txt")).isFalse();
        assertThat(folder.read("c.txt")).isEqualTo("gamma");
        assertThat(metadata.item(id("a.txt")).isTombstone()).isTrue();
        assertNoEcho();
        assertSame();
    }

    @Test
    void aDeletedFileCreatedAgainIsANewIncarnation() {
        setUp();
        folder.write("a.txt", "first life");
        sync();
        folder.delete("a.txt");
        sync();
        assertThat(server.get(id("a.txt"))).isNull();
        ItemMetadata tomb = metadata.item(id("a.txt"));
        folder.write("a.txt", "second life");
        assertThat(files.detectChanges()).isEqualTo(new SimpleProvider.Detection(1, 0, 0));
        ItemMetadata reborn = metadata.item(id("a.txt"));
        assertThat(reborn.isTombstone()).isFalse();
        assertThat(reborn.creationVersion()).isNotEqualTo(tomb.creationVersion());
        SyncResult r = sync();
        assertThat(r.upload().sent()).isEqualTo(1);
        assertThat(r.totalConflicts()).isZero();
        assertThat(server.get(id("a.txt"))).containsExactly("second life");
        assertNoEcho();
    }

    @Test
    void anEditThatRestoresTheContentIsNoChange() {
        setUp();
        folder.write("a.txt", "same");
        sync();
        long ticks = metadata.tickCount();
        folder.write("a.txt", "same"); // touched, identical content
        assertThat(files.detectChanges().total()).isZero();
        folder.write("a.txt", "different");
        folder.write("a.txt", "same"); // edited and reverted between two passes
        assertThat(files.detectChanges().total()).isZero();
        assertThat(metadata.tickCount()).as("an idle pass takes no tick").isEqualTo(ticks);
        assertNoEcho();
    }

    @Test
    void concurrentEditsConflictAndResolvePerPolicy() {
        setUp();
        folder.write("a.txt", "base");
        folder.write("b.txt", "base");
        sync();
        folder.write("a.txt", "client a");
        server.update(id("a.txt"), 0, "server a");
        folder.write("b.txt", "client b");
        server.update(id("b.txt"), 0, "server b");
        SyncResult r = sync(ConflictPolicy.SERVER_WINS);
        assertThat(r.totalConflicts()).isEqualTo(2);
        assertThat(r.upload().conflicts()).extracting(c -> c.kind()).containsOnly(ConflictKind.UPDATE_UPDATE);
        assertThat(folder.read("a.txt")).isEqualTo("server a");
        assertSame();
        assertNoEcho();

        folder.write("a.txt", "client wins");
        server.update(id("a.txt"), 0, "server loses");
        sync(ConflictPolicy.CLIENT_WINS);
        assertThat(server.get(id("a.txt"))).containsExactly("client wins");
        assertSame();
        assertNoEcho();
    }

    @Test
    void updateDeleteConflict() {
        setUp();
        folder.write("a.txt", "base");
        sync();
        folder.delete("a.txt");
        server.update(id("a.txt"), 0, "server edit");
        SyncResult r = sync(ConflictPolicy.SERVER_WINS);
        assertThat(r.totalConflicts()).isEqualTo(1);
        assertThat(folder.read("a.txt")).isEqualTo("server edit");
        assertSame();
        assertNoEcho();
    }

    @Test
    void aFileCreatedOnBothSidesIsAnInsertInsertConflict() {
        setUp();
        folder.write("a.txt", "client");
        server.insert(id("a.txt"), "server");
        SyncResult r = sync(ConflictPolicy.SERVER_WINS);
        assertThat(r.upload().conflicts()).extracting(c -> c.kind()).containsExactly(ConflictKind.INSERT_INSERT);
        assertThat(folder.read("a.txt")).isEqualTo("server");
        assertSame();
        assertNoEcho();
    }

    @Test
    void metadataSurvivesANewProviderInstance() {
        setUp();
        folder.write("a.txt", "alpha");
        sync();
        FullEnumerationSimpleProvider again = new FullEnumerationSimpleProvider(Stores.ONE_UNIT, metadata, new FolderStore(dir, false));
        assertThat(again.detectChanges().total()).isZero();
        assertThat(SyncOrchestrator.between(again, server).run().upload().sent()).isZero();
    }

    @Test
    void aBadListingIsRefusedAndRecordsNothing() {
        folder = new FolderStore(dir, false) {
            @Override
            public void listItems(java.util.function.Consumer<ItemFields> sink) {
                sink.accept(ItemFields.of(Stores.NAME, "a.txt", Stores.HASH, "1"));
                sink.accept(ItemFields.of(Stores.NAME, "b.txt", 7, "x"));
            }
        };
        files = new FullEnumerationSimpleProvider(Stores.ONE_UNIT, metadata, folder);
        assertThatThrownBy(files::detectChanges).isInstanceOf(SyncException.class)
                .hasMessageContaining("custom field 7 is not defined in the schema");
        assertThat(metadata.size()).isZero();
        assertThat(metadata.tickCount()).isZero();
    }

    @Test
    void itemsFromAReplicaWithForeignIdsAreRefusedClearly() throws Exception {
        setUp();
        server.insert(dev.syncwright.core.ItemId.of(new byte[] {(byte) 0xC0, 0x00}), "bad name");
        assertThatThrownBy(this::sync).isInstanceOf(SyncException.class).hasMessageContaining("not valid UTF-8");
        try (var s = Files.list(dir)) {
            assertThat(s.count()).isZero();
        }
    }
}
