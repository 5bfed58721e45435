package dev.syncwright.core.simple;

import static dev.syncwright.core.simple.Stores.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.core.memory.InMemoryMetadataStore;
import dev.syncwright.core.memory.MemoryReplica;
import dev.syncwright.core.simple.Stores.FolderStore;
import dev.syncwright.core.simple.Stores.JournalStore;
import dev.syncwright.core.spi.ItemMetadata;
import dev.syncwright.core.spi.SyncProvider;
import dev.syncwright.core.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two change units (a file's title line and its body, each versioned by its own hash), over a
 * full-enumeration folder, an anchor-based journaled folder and a memory replica.
 */
class ChangeUnitAndAnchorTest {
    static final int TITLE = 0;
    static final int BODY = 1;

    static long sent(SyncResult r) {
        return r.upload().sent() + r.download().sent();
    }

    static void assertNoEcho(SyncProvider a, SyncProvider b) {
        SyncResult again = SyncOrchestrator.between(a, b).run();
        assertThat(again.upload().sent()).as("upload sent").isZero();
        assertThat(again.download().sent()).as("download sent").isZero();
        assertThat(again.totalConflicts()).isZero();
    }

    static Map<String, List<Object>> data(MemoryReplica r) {
        Map<String, List<Object>> m = new TreeMap<>();
        r.rows().forEach((k, v) -> m.put(Stores.TWO_UNITS.identity(k).string(Stores.NAME), List.of(v)));
        return m;
    }

    /** The scenarios, run for each kind of simple provider against a memory replica and against the other kind. */
    abstract static class Scenarios {
        @TempDir
        Path root;

        FolderStore store;
        SimpleProvider local;
        /** The peer: a memory replica, or another simple provider over {@link #peerStore}. */
        SyncProvider peer;
        MemoryReplica peerMemory;
        FolderStore peerStore;

        abstract SimpleProvider provider(FolderStore s, InMemoryMetadataStore m);

        abstract FolderStore newStore(Path dir);

        abstract boolean peerIsMemory();

        void setUp() throws Exception {
            Path a = Files.createDirectory(root.resolve("a"));
            store = newStore(a);
            local = provider(store, new InMemoryMetadataStore(ReplicaId.random()));
            if (peerIsMemory()) {
                peerMemory = new MemoryReplica(ReplicaId.random(), 2);
                peer = peerMemory;
            } else {
                Path b = Files.createDirectory(root.resolve("b"));
                // The other kind: full enumeration against anchor, and the other way round.
                if (store instanceof JournalStore) {
                    peerStore = new FolderStore(b, true);
                    peer = new FullEnumerationSimpleProvider(Stores.TWO_UNITS, new InMemoryMetadataStore(ReplicaId.random()), peerStore);
                } else {
                    JournalStore j = new JournalStore(b, true);
                    peerStore = j;
                    peer = new AnchorSimpleProvider(Stores.TWO_UNITS, new InMemoryMetadataStore(ReplicaId.random()), j);
                }
            }
        }

        void peerWrite(String name, String title, String body) {
            if (peerMemory != null) {
                if (peerMemory.get(id(name)) == null) {
                    peerMemory.insert(id(name), title, body);
                } else {
                    peerMemory.update(id(name), TITLE, title);
                    peerMemory.update(id(name), BODY, body);
                }
            } else {
                peerStore.write(name, title, body);
            }
        }

        void peerEdit(String name, int unit, String value) {
            if (peerMemory != null) {
                peerMemory.update(id(name), unit, value);
            } else {
                Object[] row = peerStore.split(peerStore.read(name));
                row[unit] = value;
                peerStore.write(name, (String) row[0], (String) row[1]);
            }
        }

        void peerDelete(String name) {
            if (peerMemory != null) {
                peerMemory.delete(id(name));
            } else {
                peerStore.delete(name);
            }
        }

        void edit(String name, int unit, String value) {
            Object[] row = store.split(store.read(name));
            row[unit] = value;
            store.write(name, (String) row[0], (String) row[1]);
        }

        Map<String, List<Object>> peerData() {
            return peerMemory != null ? data(peerMemory) : peerStore.data();
        }

        SyncResult sync(ConflictPolicy p) {
            return SyncOrchestrator.between(local, peer).conflicts(p).run();
        }

        void assertConverged() {
            assertThat(store.data()).isEqualTo(peerData());
            assertNoEcho(local, peer);
        }

        @Test
        void insertsUpdatesDeletesBothWays() throws Exception {
            setUp();
            store.write("a.md", "A", "alpha body");
            peerWrite("b.md", "B", "beta body\nline 2");
            SyncResult r = sync(ConflictPolicy.SERVER_WINS);
            assertThat(r.upload().sent()).isEqualTo(1);
            assertThat(r.download().sent()).isEqualTo(1);
            assertThat(store.read("b.md")).isEqualTo("B\nbeta body\nline 2");
            assertConverged();

            edit("a.md", BODY, "alpha body v2");
            peerEdit("b.md", TITLE, "B2");
            r = sync(ConflictPolicy.SERVER_WINS);
            assertThat(r.upload().sent()).isEqualTo(1);
            assertThat(r.download().sent()).isEqualTo(1);
            assertThat(store.read("b.md")).isEqualTo("B2\nbeta body\nline 2");
            assertConverged();

            store.delete("a.md");
            peerDelete("b.md");
            r = sync(ConflictPolicy.SERVER_WINS);
            assertThat(sent(r)).isEqualTo(2);
            assertThat(store.names()).isEmpty();
            assertConverged();

            store.write("a.md", "A again", "reborn");
            r = sync(ConflictPolicy.SERVER_WINS);
            assertThat(r.upload().sent()).isEqualTo(1);
            assertThat(r.totalConflicts()).isZero();
            assertThat(peerData()).containsEntry("a.md", List.of("A again", "reborn"));
            assertConverged();
        }

        @Test
        void onlyTheChangedUnitGetsANewVersionAndTravels() throws Exception {
            setUp();
            store.write("a.md", "title", "body");
            sync(ConflictPolicy.SERVER_WINS);
            ItemMetadata before = local.metadataStore().item(id("a.md"));
            edit("a.md", BODY, "new body");
            assertThat(local.detectChanges()).isEqualTo(new SimpleProvider.Detection(0, 1, 0));
            ItemMetadata after = local.metadataStore().item(id("a.md"));
            assertThat(after.creationVersion()).isEqualTo(before.creationVersion());
            assertThat(after.unitVersion(TITLE)).isEqualTo(before.unitVersion(TITLE));
            assertThat(after.unitVersion(BODY)).isNotEqualTo(before.unitVersion(BODY)).isEqualTo(Version.local(after.localTick()));
            edit("a.md", BODY, "new body"); // the same again: nothing
            assertThat(local.detectChanges().total()).isZero();
            SyncResult r = sync(ConflictPolicy.SERVER_WINS);
            assertThat(r.upload().sent()).isEqualTo(1);
            assertThat(r.download().sent()).isZero();
            assertConverged();
        }

        @Test
        void concurrentEditsOfDifferentUnitsMerge() throws Exception {
            setUp();
            store.write("a.md", "title", "body");
            sync(ConflictPolicy.SERVER_WINS);
            edit("a.md", TITLE, "local title");
            peerEdit("a.md", BODY, "peer body");
            SyncResult r = sync(ConflictPolicy.SERVER_WINS);
            assertThat(r.totalConflicts()).isZero();
            assertThat(store.read("a.md")).isEqualTo("local title\npeer body");
            assertConverged();
        }

        @Test
        void concurrentEditsOfTheSameUnitConflictAndResolvePerPolicy() throws Exception {
            setUp();
            store.write("a.md", "title", "body");
            store.write("b.md", "title", "body");
            sync(ConflictPolicy.SERVER_WINS);

            edit("a.md", TITLE, "local title");
            edit("a.md", BODY, "local body");
            peerEdit("a.md", TITLE, "peer title");
            SyncResult r = sync(ConflictPolicy.SERVER_WINS);
            List<Conflict> conflicts = r.upload().conflicts();
            assertThat(conflicts).extracting(Conflict::kind).containsExactly(ConflictKind.UPDATE_UPDATE);
            assertThat(conflicts.get(0).changeUnits()).containsExactly(TITLE);
            // The peer (remote side) won the title; the body, changed on one side only, merged.
            assertThat(store.read("a.md")).isEqualTo("peer title\nlocal body");
            assertConverged();

            edit("b.md", BODY, "local body");
            peerEdit("b.md", BODY, "peer body");
            r = sync(ConflictPolicy.CLIENT_WINS);
            assertThat(r.totalConflicts()).isEqualTo(1);
            assertThat(peerData()).containsEntry("b.md", List.of("title", "local body"));
            assertConverged();
        }

        @Test
        void updateDeleteConflictsResolve() throws Exception {
            setUp();
            store.write("a.md", "title", "body");
            sync(ConflictPolicy.SERVER_WINS);
            store.delete("a.md");
            peerEdit("a.md", BODY, "peer body");
            SyncResult r = sync(ConflictPolicy.CLIENT_WINS);
            assertThat(r.totalConflicts()).isEqualTo(1);
            assertThat(store.exists("a.md")).isFalse();
            assertThat(peerData()).doesNotContainKey("a.md");
            assertConverged();
        }
    }

    @Nested
    class FullEnumerationAgainstMemory extends Scenarios {
        @Override
        SimpleProvider provider(FolderStore s, InMemoryMetadataStore m) {
            return new FullEnumerationSimpleProvider(Stores.TWO_UNITS, m, s);
        }

        @Override
        FolderStore newStore(Path dir) {
            return new FolderStore(dir, true);
        }

        @Override
        boolean peerIsMemory() {
            return true;
        }
    }

    @Nested
    class AnchorAgainstMemory extends Scenarios {
        @Override
        SimpleProvider provider(FolderStore s, InMemoryMetadataStore m) {
            return new AnchorSimpleProvider(Stores.TWO_UNITS, m, (JournalStore) s);
        }

        @Override
        FolderStore newStore(Path dir) {
            return new JournalStore(dir, true);
        }

        @Override
        boolean peerIsMemory() {
            return true;
        }
    }

    @Nested
    class FullEnumerationAgainstAnchor extends Scenarios {
        @Override
        SimpleProvider provider(FolderStore s, InMemoryMetadataStore m) {
            return new FullEnumerationSimpleProvider(Stores.TWO_UNITS, m, s);
        }

        @Override
        FolderStore newStore(Path dir) {
            return new FolderStore(dir, true);
        }

        @Override
        boolean peerIsMemory() {
            return false;
        }
    }

    @Nested
    class AnchorAgainstFullEnumeration extends Scenarios {
        @Override
        SimpleProvider provider(FolderStore s, InMemoryMetadataStore m) {
            return new AnchorSimpleProvider(Stores.TWO_UNITS, m, (JournalStore) s);
        }

        @Override
        FolderStore newStore(Path dir) {
            return new JournalStore(dir, true);
        }

        @Override
        boolean peerIsMemory() {
            return false;
        }
    }

    // ---- anchor specifics ----

    @TempDir
    Path dir;

    @Test
    void theAnchorIsPersistedWithTheVersionsAndHiddenFromTheRuntime() {
        JournalStore journal = new JournalStore(dir, true);
        InMemoryMetadataStore metadata = new InMemoryMetadataStore(ReplicaId.random());
        AnchorSimpleProvider p = new AnchorSimpleProvider(Stores.TWO_UNITS, metadata, journal);
        assertThat(p.anchor()).isNull();
        journal.write("a.md", "t", "b");
        journal.write("b.md", "t", "b");
        assertThat(p.detectChanges()).isEqualTo(new SimpleProvider.Detection(2, 0, 0));
        assertThat(p.anchor()).containsExactly(0, 0, 0, 0, 0, 0, 0, 2);
        // The anchor item is in the user's store, but neither the runtime's view nor a sync sees it.
        assertThat(metadata.size()).isEqualTo(3);
        assertThat(p.metadataStore().items(null, null)).toIterable().extracting(ItemMetadata::itemId).containsExactly(id("a.md"), id("b.md"));
        MemoryReplica m = new MemoryReplica(ReplicaId.random(), 2);
        assertThat(SyncOrchestrator.between(p, m).run().upload().sent()).isEqualTo(2);
        assertThat(m.rows()).hasSize(2);
        assertThat(p.cleanupTombstones(Long.MAX_VALUE)).isZero();
        assertThat(p.anchor()).isNotNull();

        // A new provider over the same metadata starts from the kept anchor: nothing is new.
        AnchorSimpleProvider again = new AnchorSimpleProvider(Stores.TWO_UNITS, metadata, journal);
        assertThat(again.detectChanges().total()).isZero();
        journal.delete("a.md");
        assertThat(again.detectChanges()).isEqualTo(new SimpleProvider.Detection(0, 0, 1));
    }

    @Test
    void aFailedPassKeepsTheOldAnchorSoTheChangesComeAgain() {
        JournalStore journal = new JournalStore(dir, true);
        InMemoryMetadataStore metadata = new InMemoryMetadataStore(ReplicaId.random());
        boolean[] fail = {false};
        AnchorStore flaky = new AnchorStore() {
            @Override
            public Changes changesSince(byte[] anchor) {
                Changes c = journal.changesSince(anchor);
                if (fail[0]) {
                    List<ItemFields> bad = new java.util.ArrayList<>(c.changed());
                    bad.add(ItemFields.of(Stores.NAME, "x.md", Stores.TITLE_CRC, "not a long", Stores.BODY_SHA, new byte[0]));
                    return new Changes(bad, c.deleted(), c.anchor());
                }
                return c;
            }

            @Override
            public Object[] load(ItemFields identity) {
                return journal.load(identity);
            }

            @Override
            public ItemFields insert(ItemFields identity, Object[] values) {
                return journal.insert(identity, values);
            }

            @Override
            public ItemFields update(ItemFields identity, int[] units, Object[] values) {
                return journal.update(identity, units, values);
            }

            @Override
            public void delete(ItemFields identity) {
                journal.delete(identity);
            }
        };
        AnchorSimpleProvider p = new AnchorSimpleProvider(Stores.TWO_UNITS, metadata, flaky);
        journal.write("a.md", "t", "b");
        fail[0] = true;
        assertThatThrownBy(p::detectChanges).isInstanceOf(SyncException.class).hasMessageContaining("declared Long but holds a String");
        assertThat(p.anchor()).isNull();
        assertThat(metadata.size()).isZero();
        fail[0] = false;
        assertThat(p.detectChanges()).isEqualTo(new SimpleProvider.Detection(1, 0, 0));
    }

    @Test
    void anIdentityReportedBothChangedAndDeletedIsRefused() {
        AnchorStore store = new JournalStore(dir, true) {
            @Override
            public Changes changesSince(byte[] anchor) {
                ItemFields a = ItemFields.of(Stores.NAME, "a.md", Stores.TITLE_CRC, 1L, Stores.BODY_SHA, new byte[1]);
                return new Changes(List.of(a), List.of(ItemFields.of(Stores.NAME, "a.md")), null);
            }
        };
        AnchorSimpleProvider p = new AnchorSimpleProvider(Stores.TWO_UNITS, new InMemoryMetadataStore(ReplicaId.random()), store);
        assertThatThrownBy(p::detectChanges).isInstanceOf(SyncException.class).hasMessageContaining("report only its final state");
    }
}
