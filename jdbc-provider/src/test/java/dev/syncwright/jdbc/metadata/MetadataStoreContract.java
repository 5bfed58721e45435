package dev.syncwright.jdbc.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.ClockVector;
import dev.syncwright.core.Conflict;
import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ConflictLogEntry;
import dev.syncwright.core.ConflictResolution;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.ReplicaKeyMap;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.Version;
import dev.syncwright.core.spi.ItemMetadata;
import dev.syncwright.dialect.SqlFailure;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database must do for {@link JdbcMetadataStore}; one small subclass per database. Each
 * test works on tables of its own prefix in the class's database. Pages of 3 items make every
 * iteration cross page boundaries.
 */
abstract class MetadataStoreContract {
    static final ItemId A = ItemId.ofString("a");
    static final ItemId B = ItemId.ofString("b");
    static final ItemId C = ItemId.ofString("c");

    /** The database of the subclass, created in its {@code @BeforeAll}. */
    abstract DataSource dataSource();

    final ReplicaId self = ReplicaId.random();
    final ReplicaId other = ReplicaId.random();
    String prefix;
    final List<JdbcMetadataStore> opened = new ArrayList<>();
    JdbcMetadataStore store;

    @BeforeEach
    void openStore() {
        prefix = "t" + HexFormat.of().toHexDigits((int) System.nanoTime()) + "_";
        store = open(self);
    }

    @AfterEach
    void closeStores() {
        opened.forEach(JdbcMetadataStore::close);
        // the tables stay: the database is dropped with the class
    }

    JdbcMetadataStore open(ReplicaId id) {
        return track(JdbcMetadataStore.on(dataSource()).replicaId(id).tablePrefix(prefix).pageSize(3).open());
    }

    JdbcMetadataStore track(JdbcMetadataStore s) {
        opened.add(s);
        return s;
    }

    /** Closes {@code store} and opens its tables again, as a new process would. */
    JdbcMetadataStore reopen() {
        store.close();
        store = open(null);
        return store;
    }

    Knowledge someKnowledge() {
        ReplicaKeyMap keys = ReplicaKeyMap.forReplica(self).withReplica(other);
        return Knowledge.ofVector(keys, ClockVector.EMPTY.withAtLeast(0, 7).withAtLeast(1, 42)).excludeItem(B);
    }

    static ItemMetadata live(ItemId id, long tick, Version... units) {
        return ItemMetadata.live(id, Version.of(1, 3), units, tick);
    }

    static List<ItemMetadata> list(Iterator<ItemMetadata> it) {
        List<ItemMetadata> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    static List<ItemId> ids(Iterator<ItemMetadata> it) {
        return list(it).stream().map(ItemMetadata::itemId).toList();
    }

    // ---- replica ----

    @Test
    void aNewStoreHasItsIdAnEmptyClockAndKnowsNothing() {
        assertThat(store.replicaId()).isEqualTo(self);
        assertThat(store.tickCount()).isZero();
        assertThat(store.knowledge()).isEqualTo(Knowledge.empty(ReplicaKeyMap.forReplica(self)));
        assertThat(store.forgottenKnowledge()).isEqualTo(Knowledge.empty(ReplicaKeyMap.forReplica(self)));
        assertThat(store.item(A)).isNull();
        assertThat(store.items(null, null)).isExhausted();
        assertThat(store.itemsChangedAfter(0)).isExhausted();
        assertThat(store.conflictLog()).isEmpty();
        assertThat(store.findByCustomField(1, "x")).isNull();
    }

    @Test
    void clockKnowledgeAndReplicaIdSurviveAReopen() {
        assertThat(store.nextTick()).isEqualTo(1);
        assertThat(store.nextTick()).isEqualTo(2);
        Knowledge k = someKnowledge();
        store.saveKnowledge(k);
        Knowledge f = Knowledge.ofVector(k.keys(), ClockVector.of(1, 5));
        store.saveForgottenKnowledge(f);
        assertThat(store.knowledge()).isEqualTo(k);
        assertThat(store.forgottenKnowledge()).isEqualTo(f);

        reopen();
        assertThat(store.replicaId()).isEqualTo(self);
        assertThat(store.tickCount()).isEqualTo(2);
        assertThat(store.nextTick()).isEqualTo(3);
        assertThat(store.knowledge()).isEqualTo(k);
        assertThat(store.forgottenKnowledge()).isEqualTo(f);
        assertThat(track(open(self)).replicaId()).isEqualTo(self);
    }

    @Test
    void tablesOfAnotherReplicaAreRefused() {
        assertThatThrownBy(() -> open(other)).isInstanceOf(SyncException.class)
                .hasMessageContaining("belong to replica " + self).hasMessageContaining(other.toString());
    }

    @Test
    void tablesOfANewerSchemaVersionAreRefused() throws SQLException {
        sql("UPDATE " + store.tables().replica + " SET schema_version = 99"); // the prefix is a plain lower-case identifier
        assertThatThrownBy(() -> open(null)).isInstanceOf(SyncException.class)
                .hasMessageContaining("newer Syncwright").hasMessageContaining("schema version 99")
                .hasMessageContaining(prefix);
    }

    @Test
    void aBadPrefixIsRefused() {
        assertThatThrownBy(() -> JdbcMetadataStore.on(dataSource()).tablePrefix("x\"; drop").open())
                .isInstanceOf(SyncException.class).hasMessageContaining("prefix");
    }

    // ---- items ----

    @Test
    void itemsArePutReadReplacedAndRemoved() {
        ItemMetadata a = live(A, 5, null, Version.of(2, 9), null, Version.local(4));
        ItemMetadata b = ItemMetadata.tombstone(B, Version.local(1), Version.of(3, Version.MAX_TICK), 6);
        store.putItem(a);
        store.putItem(b);
        assertThat(store.item(A)).isEqualTo(a);
        assertThat(store.item(A).unitVersions()).containsExactly(null, Version.of(2, 9), null, Version.local(4));
        assertThat(store.item(B)).isEqualTo(b);
        assertThat(store.item(B).isTombstone()).isTrue();
        ItemMetadata a2 = live(A, 8);
        store.putItem(a2);
        assertThat(store.item(A)).isEqualTo(a2);
        store.removeItem(A);
        store.removeItem(C); // absent: nothing happens
        assertThat(store.item(A)).isNull();
        assertThat(ids(store.items(null, null))).containsExactly(B);
        assertThat(reopen().item(B)).isEqualTo(b);
    }

    /** Ids with 0x00 and 0xFF bytes, prefixes of each other, and the empty id: bytewise unsigned order. */
    static final List<ItemId> AWKWARD = List.of(ItemId.MIN, ItemId.of(new byte[] {0}), ItemId.of(new byte[] {0, 0}),
            ItemId.of(new byte[] {1}), ItemId.of(new byte[] {0x7f}), ItemId.of(new byte[] {(byte) 0x80}),
            ItemId.of(new byte[] {(byte) 0x80, 0}), ItemId.of(new byte[] {(byte) 0xff}),
            ItemId.of(new byte[] {(byte) 0xff, 0}), ItemId.of(new byte[] {(byte) 0xff, (byte) 0xff}), A, A.successor(),
            ItemId.ofString("a\u0000b"), ItemId.ofString("A"), ItemId.ofString("ab"), ItemId.ofLong(-1), ItemId.ofLong(0),
            ItemId.ofLong(Long.MAX_VALUE), ItemId.ofString("a ")); // trailing space: no padding anywhere

    @Test
    void itemsStreamInUnsignedByteOrderAcrossPages() {
        List<ItemId> shuffled = new ArrayList<>(AWKWARD);
        java.util.Collections.shuffle(shuffled, new java.util.Random(7));
        TreeMap<ItemId, ItemMetadata> expected = new TreeMap<>();
        long tick = 1;
        for (ItemId id : shuffled) {
            ItemMetadata m = live(id, tick++);
            store.putItem(m);
            expected.put(id, m);
        }
        assertThat(list(store.items(null, null))).containsExactlyElementsOf(expected.values());
        for (ItemId from : AWKWARD) {
            assertThat(ids(store.items(from, null))).as("from %s", from).containsExactlyElementsOf(expected.tailMap(from, true).keySet());
            assertThat(ids(store.items(null, from))).as("to %s", from).containsExactlyElementsOf(expected.headMap(from, false).keySet());
            for (ItemId to : List.of(ItemId.of(new byte[] {(byte) 0x80}), A.successor(), ItemId.of(new byte[] {(byte) 0xff, 0}))) {
                List<ItemId> want = from.compareTo(to) < 0 ? List.copyOf(expected.subMap(from, true, to, false).keySet()) : List.of();
                assertThat(ids(store.items(from, to))).as("[%s, %s)", from, to).containsExactlyElementsOf(want);
            }
        }
    }

    @Test
    void itemsChangedAfterFindsTheChangedOnesInIdOrder() {
        checkChangedAfter(store);
    }

    @Test
    void itemsChangedAfterStreamsALargeChangeSetInKeyOrderToo() {
        store.close();
        store = track(JdbcMetadataStore.on(dataSource()).tablePrefix(prefix).pageSize(3).sortBufferLimit(2).open());
        checkChangedAfter(store);
    }

    private void checkChangedAfter(JdbcMetadataStore s) {
        List<ItemId> shuffled = new ArrayList<>(AWKWARD);
        java.util.Collections.shuffle(shuffled, new java.util.Random(11));
        Map<ItemId, Long> ticks = new HashMap<>();
        for (int i = 0; i < shuffled.size(); i++) {
            long tick = (i * 7L) % 20; // ticks out of id order, some equal
            ticks.put(shuffled.get(i), tick);
            s.putItem(live(shuffled.get(i), tick));
        }
        for (long after = -1; after <= 20; after++) {
            long a = after;
            List<ItemId> want = AWKWARD.stream().filter(id -> ticks.get(id) > a).sorted().toList();
            assertThat(ids(s.itemsChangedAfter(after))).as("after %d", after).containsExactlyElementsOf(want);
        }
    }

    // ---- custom fields ----

    static Map<Integer, Object> everyType() {
        Map<Integer, Object> f = new HashMap<>();
        f.put(1, "text with \"quotes\", \\, \u0000, é and 😀");
        f.put(2, 42L);
        f.put(3, 42);
        f.put(4, new byte[] {0, (byte) 0xff, 7});
        f.put(5, true);
        f.put(6, -0.0d);
        f.put(7, UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        f.put(8, new BigDecimal("12345678901234567890.1234567890"));
        f.put(9, new BigDecimal("1.0"));
        f.put(10, Double.NaN);
        f.put(11, Long.MIN_VALUE);
        f.put(12, (short) -3);
        f.put(13, (byte) 9);
        f.put(14, 1.25f);
        f.put(15, new BigInteger("-98765432109876543210"));
        f.put(16, LocalDate.of(2024, 2, 29));
        f.put(17, LocalTime.of(23, 59, 59, 123456789));
        f.put(18, LocalDateTime.of(1999, 12, 31, 23, 59));
        f.put(19, OffsetDateTime.of(2025, 3, 30, 2, 30, 0, 1000, ZoneOffset.ofHoursMinutes(5, 45)));
        f.put(20, Instant.ofEpochSecond(-1, 999_999_999));
        f.put(21, "x".repeat(300)); // longer than an index key: stored as a digest
        f.put(22, "lone \ud800 surrogate");
        f.put(23, null);
        f.put(-5, "");
        return f;
    }

    @Test
    void customFieldsOfEveryTypeRoundTripAndAreIndexed() {
        Map<Integer, Object> fields = everyType();
        store.putItem(live(A, 1).withCustomFields(fields));
        for (ItemMetadata m : List.of(store.item(A), reopen().item(A))) {
            assertThat(m.customFields().keySet()).isEqualTo(fields.keySet());
            fields.forEach((k, v) -> {
                Object back = m.customFields().get(k);
                if (v instanceof byte[] b) {
                    assertThat((byte[]) back).as("field %d", k).isEqualTo(b);
                } else {
                    assertThat(back).as("field %d", k).isEqualTo(v);
                    if (v != null) {
                        assertThat(back.getClass()).isEqualTo(v.getClass());
                    }
                }
            });
        }
        fields.forEach((k, v) -> {
            Object probe = v instanceof byte[] b ? b.clone() : v; // byte arrays are found by content
            assertThat(store.findByCustomField(k, probe)).as("field %d", k).isNotNull()
                    .extracting(ItemMetadata::itemId).isEqualTo(A);
        });
        assertThat(store.findByCustomField(2, 42)).as("Integer 42 is not Long 42, as in memory").isNull();
        assertThat(store.findByCustomField(3, 42L)).isNull();
        assertThat(store.findByCustomField(9, new BigDecimal("1.00"))).as("scale counts, as BigDecimal.equals").isNull();
        assertThat(store.findByCustomField(1, "other")).isNull();
        assertThat(store.findByCustomField(99, "x")).isNull();
    }

    @Test
    void theCustomFieldIndexFollowsPutsAndRemovesAsInMemory() {
        store.putItem(live(A, 1).withCustomFields(Map.of(1, "k1", 2, "shared")));
        store.putItem(live(B, 2).withCustomFields(Map.of(1, "k2", 2, "shared")));
        assertThat(store.findByCustomField(1, "k1").itemId()).isEqualTo(A);
        assertThat(store.findByCustomField(1, "k2").itemId()).isEqualTo(B);
        assertThat(store.findByCustomField(2, "shared").itemId()).as("the last put wins").isEqualTo(B);
        // A changes its key: the old one is gone, the new one found
        store.putItem(live(A, 3).withCustomFields(Map.of(1, "k1b", 2, "shared")));
        assertThat(store.findByCustomField(1, "k1")).isNull();
        assertThat(store.findByCustomField(1, "k1b").itemId()).isEqualTo(A);
        assertThat(store.findByCustomField(2, "shared").itemId()).isEqualTo(A);
        // B removed: its entries go; what A took over stays
        store.removeItem(B);
        assertThat(store.findByCustomField(1, "k2")).isNull();
        assertThat(store.findByCustomField(2, "shared").itemId()).isEqualTo(A);
        // no fields any more
        store.putItem(live(A, 4));
        assertThat(store.findByCustomField(1, "k1b")).isNull();
        assertThat(store.findByCustomField(2, "shared")).isNull();
    }

    @Test
    void withoutTheFieldIndexLookupsAreRefusedAndTheIndexIsRebuiltWhenItComesBack() {
        store.putItem(live(A, 1).withCustomFields(Map.of(1, "old-a")));
        store.close();
        JdbcMetadataStore bare = track(JdbcMetadataStore.on(dataSource()).tablePrefix(prefix).pageSize(3).customFieldIndex(false).open());
        bare.putItem(live(A, 2).withCustomFields(Map.of(1, "a")));
        bare.putItem(live(B, 3).withCustomFields(Map.of(1, "b", 2, "shared")));
        bare.putItem(live(C, 4).withCustomFields(Map.of(2, "shared")));
        assertThatThrownBy(() -> bare.findByCustomField(1, "a")).isInstanceOf(SyncException.class).hasMessageContaining("customFieldIndex(false)");
        assertThat(bare.item(B).customFields()).isEqualTo(Map.of(1, "b", 2, "shared"));
        bare.close();
        store = open(null);
        assertThat(store.findByCustomField(1, "old-a")).as("A's old entry, left behind by the store without index").isNull();
        assertThat(store.findByCustomField(1, "a").itemId()).isEqualTo(A);
        assertThat(store.findByCustomField(1, "b").itemId()).isEqualTo(B);
        assertThat(store.findByCustomField(2, "shared").itemId()).as("after a rebuild, the greatest id").isEqualTo(C);
        store.putItem(live(A, 5).withCustomFields(Map.of(1, "a2")));
        assertThat(store.findByCustomField(1, "a")).as("kept up again").isNull();
        assertThat(reopen().findByCustomField(1, "a2").itemId()).isEqualTo(A);
        assertThat(store.findByCustomField(FieldIndex.UNMAINTAINED, new byte[] {0})).isNull();
    }

    @Test
    void unsupportedValuesAreRefusedNamingTheFieldAndNothingIsWritten() {
        Map<Integer, Object> bad = Map.of(1, "fine", 7, new StringBuilder("no"));
        assertThatThrownBy(() -> store.putItem(live(A, 1).withCustomFields(bad)))
                .isInstanceOf(UnsupportedValueException.class).isInstanceOf(SyncException.class)
                .hasMessageContaining("Custom field 7").hasMessageContaining("java.lang.StringBuilder");
        assertThat(store.item(A)).isNull();
        assertThat(store.findByCustomField(1, "fine")).isNull();
        assertThatThrownBy(() -> store.findByCustomField(3, new Object()))
                .isInstanceOf(UnsupportedValueException.class).hasMessageContaining("Custom field 3");
    }

    // ---- conflict log ----

    Conflict conflict(ItemId id, ConflictResolution r, Object[] src, Object[] dst) {
        return new Conflict(ConflictKind.UPDATE_UPDATE, id, new int[] {0, 2}, other, self, true, src, dst, r);
    }

    @Test
    void conflictsAreLoggedNumberedAndResolved() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Object[] src = everyType().values().toArray();
        store.logConflict(conflict(A, ConflictResolution.DEFER, src, null));
        store.logConflict(new Conflict(ConflictKind.INSERT_INSERT, B, null, null, null, false,
                new Object[] {null, "[\"x\",null]"}, new Object[0], ConflictResolution.SOURCE_WINS));
        store.logConflict(conflict(A, ConflictResolution.DEFER, new Object[] {"s"}, new Object[] {"d"}));
        store.logConflict(conflict(C, ConflictResolution.DEFER, null, null));
        Instant after = Instant.now();

        List<ConflictLogEntry> log = store.conflictLog();
        assertThat(log).extracting(ConflictLogEntry::sequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(log).extracting(ConflictLogEntry::resolved).containsExactly(false, true, false, false);
        assertThat(log).allSatisfy(e -> assertThat(e.detectedAt()).isBetween(before, after));
        Conflict c = log.get(0).conflict();
        assertThat(c.kind()).isEqualTo(ConflictKind.UPDATE_UPDATE);
        assertThat(c.itemId()).isEqualTo(A);
        assertThat(c.changeUnits()).containsExactly(0, 2);
        assertThat(c.source()).isEqualTo(other);
        assertThat(c.destination()).isEqualTo(self);
        assertThat(c.destinationIsRemote()).isTrue();
        assertThat(c.destinationValues()).isNull();
        assertThat(c.resolution()).isEqualTo(ConflictResolution.DEFER);
        assertThat(c.sourceValues()).hasSize(src.length);
        for (int i = 0; i < src.length; i++) {
            if (src[i] instanceof byte[] b) {
                assertThat((byte[]) c.sourceValues()[i]).isEqualTo(b);
            } else {
                assertThat(c.sourceValues()[i]).as("value %d", i).isEqualTo(src[i]);
            }
        }
        Conflict c2 = log.get(1).conflict();
        assertThat(c2.changeUnits()).isEmpty();
        assertThat(c2.source()).isNull();
        assertThat(c2.destinationIsRemote()).isFalse();
        assertThat(c2.sourceValues()).containsExactly(null, "[\"x\",null]");
        assertThat(c2.destinationValues()).isEmpty();

        store.resolveConflicts(A);
        assertThat(store.conflictLog()).extracting(ConflictLogEntry::resolved).containsExactly(true, true, true, false);
        assertThat(reopen().conflictLog()).extracting(ConflictLogEntry::resolved).containsExactly(true, true, true, false);
        assertThat(store.conflictLog().get(3).detectedAt()).isEqualTo(log.get(3).detectedAt());
    }

    @Test
    void anUnsupportedConflictValueIsRefusedNamingIt() {
        assertThatThrownBy(() -> store.logConflict(conflict(A, ConflictResolution.DEFER, new Object[] {"ok", List.of()}, null)))
                .isInstanceOf(UnsupportedValueException.class)
                .hasMessageContaining("Source value 1 of the conflict on item " + A);
        assertThat(store.conflictLog()).isEmpty();
    }

    // ---- transactions ----

    @Test
    void rollbackUndoesEverything() {
        store.nextTick();
        store.saveKnowledge(someKnowledge());
        store.putItem(live(A, 1).withCustomFields(Map.of(1, "a")));
        store.putItem(live(B, 1));
        store.logConflict(conflict(B, ConflictResolution.DEFER, null, null));
        Snapshot before = Snapshot.of(store);

        store.begin();
        assertThat(store.nextTick()).isEqualTo(2);
        store.nextTick();
        store.saveKnowledge(Knowledge.empty(store.knowledge().keys()));
        store.saveForgottenKnowledge(someKnowledge());
        store.putItem(live(A, 3).withCustomFields(Map.of(1, "a2")));
        store.removeItem(B);
        store.putItem(live(C, 3).withCustomFields(Map.of(2, "c")));
        store.logConflict(conflict(C, ConflictResolution.SOURCE_WINS, null, null));
        store.resolveConflicts(B);
        assertThat(Snapshot.of(store)).as("a transaction sees its own writes").isNotEqualTo(before);
        assertThat(ids(store.items(null, null))).containsExactly(A, C);
        store.rollback();

        assertThat(Snapshot.of(store)).isEqualTo(before);
        assertThat(Snapshot.of(reopen())).isEqualTo(before);
        // numbers freed by the rollback are reused, as in memory
        store.logConflict(conflict(C, ConflictResolution.DEFER, null, null));
        assertThat(store.conflictLog()).extracting(ConflictLogEntry::sequence).containsExactly(1L, 2L);
    }

    @Test
    void rollbackRestoresIndexEntriesThatARolledBackPutTookOver() {
        store.putItem(live(A, 1).withCustomFields(Map.of(1, "x")));
        store.putItem(live(B, 2).withCustomFields(Map.of(1, "x"))); // B now owns "x"
        store.begin();
        store.putItem(live(A, 3).withCustomFields(Map.of(1, "z")));
        store.rollback();
        assertThat(store.findByCustomField(1, "x").itemId()).isEqualTo(B);
        assertThat(store.findByCustomField(1, "z")).isNull();
    }

    @Test
    void commitKeepsEverything() {
        store.begin();
        store.nextTick();
        store.putItem(live(A, 1).withCustomFields(Map.of(1, "a")));
        store.saveKnowledge(someKnowledge());
        store.logConflict(conflict(A, ConflictResolution.DEFER, null, null));
        store.commit();
        Snapshot after = Snapshot.of(store);
        assertThat(after.ticks()).isEqualTo(1);
        assertThat(Snapshot.of(reopen())).isEqualTo(after);
    }

    @Test
    void writesOutsideATransactionCommitByThemselves() {
        store.putItem(live(A, 1).withCustomFields(Map.of(1, "a")));
        store.rollback(); // no transaction: nothing to undo
        assertThat(store.item(A)).isNotNull();
        assertThat(track(open(null)).findByCustomField(1, "a")).isNotNull(); // visible to another connection
    }

    @Test
    void aSecondBeginIsRefusedAndCommitWithoutBeginIsHarmless() {
        store.commit();
        store.begin();
        assertThatThrownBy(store::begin).isInstanceOf(SyncException.class).hasMessageContaining("already open");
        store.rollback();
    }

    @Test
    void databaseErrorsAreSqlFailuresNamingTheTable() throws SQLException {
        sql("DROP TABLE " + store.tables().items);
        assertThatThrownBy(() -> store.item(A)).isInstanceOf(SqlFailure.class)
                .hasMessageContaining(prefix + "items")
                .satisfies(e -> assertThat(((SqlFailure) e).object()).isEqualTo(prefix + "items"));
    }

    @Test
    void aClosedStoreSaysSo() {
        store.close();
        store.close();
        assertThatThrownBy(() -> store.item(A)).isInstanceOf(SyncException.class).hasMessageContaining("closed");
    }

    // ---- the same behaviour as the in-memory reference store ----

    /**
     * Random operations, transactions included, on this store and on an {@link InMemoryMetadataStore}
     * side by side; after each one, everything observable must be equal. Seeded: the seed is in the
     * failure message and can be set with {@code -Dsyncwright.seed=N}.
     *
     * <p>A rollback is checked against the state at {@code begin}, and the reference is then rebuilt
     * by replaying only the operations that stayed: the in-memory store's own rollback does not
     * restore custom-field index entries that a rolled-back put took over from another item.
     */
    @Test
    void behavesExactlyLikeTheInMemoryStore() {
        long seed = Long.getLong("syncwright.seed", System.nanoTime());
        java.util.Random rnd = new java.util.Random(seed);
        List<java.util.function.Consumer<dev.syncwright.core.spi.MetadataStore>> kept = new ArrayList<>();
        List<java.util.function.Consumer<dev.syncwright.core.spi.MetadataStore>> pending = new ArrayList<>();
        dev.syncwright.core.memory.InMemoryMetadataStore[] mem = {new dev.syncwright.core.memory.InMemoryMetadataStore(self)};
        List<ItemId> ids = AWKWARD.subList(0, 10);
        Object[] values = {"v1", "v2", 1L, 1, 2L, ""};
        ReplicaKeyMap keys = ReplicaKeyMap.forReplica(self).withReplica(other);
        Snapshot atBegin = null;
        for (int step = 0; step < 150; step++) {
            String op;
            java.util.function.Consumer<dev.syncwright.core.spi.MetadataStore> write = null;
            switch (rnd.nextInt(12)) {
                case 0 -> {
                    op = "nextTick";
                    write = s -> s.nextTick();
                }
                case 1 -> {
                    Knowledge k0 = Knowledge.ofVector(keys, ClockVector.EMPTY.withAtLeast(0, rnd.nextInt(50)).withAtLeast(1, rnd.nextInt(50)));
                    Knowledge k = rnd.nextBoolean() ? k0.excludeItem(ids.get(rnd.nextInt(ids.size()))) : k0;
                    op = "saveKnowledge " + k;
                    write = s -> s.saveKnowledge(k);
                }
                case 2 -> {
                    Knowledge k = Knowledge.ofVector(keys, ClockVector.of(1, rnd.nextInt(9)));
                    op = "saveForgotten";
                    write = s -> s.saveForgottenKnowledge(k);
                }
                case 3, 4, 5 -> {
                    ItemId id = ids.get(rnd.nextInt(ids.size()));
                    Map<Integer, Object> f = new HashMap<>();
                    for (int field = 1; field <= 2; field++) {
                        if (rnd.nextInt(3) > 0) {
                            f.put(field, values[rnd.nextInt(values.length)]);
                        }
                    }
                    Version cv = Version.of(rnd.nextInt(2), 1 + rnd.nextInt(40));
                    ItemMetadata m0 = rnd.nextInt(4) == 0
                            ? ItemMetadata.tombstone(id, cv, Version.local(1 + rnd.nextInt(40)), rnd.nextInt(40))
                            : live(id, rnd.nextInt(40), rnd.nextBoolean() ? null : Version.of(1, rnd.nextInt(9)), Version.local(rnd.nextInt(9)));
                    ItemMetadata m = new ItemMetadata(m0.itemId(), cv, m0.deletionVersion(), m0.unitVersions(), m0.localTick(), f);
                    op = "putItem " + m + " " + f;
                    write = s -> s.putItem(m);
                }
                case 6 -> {
                    ItemId id = ids.get(rnd.nextInt(ids.size()));
                    op = "removeItem " + id;
                    write = s -> s.removeItem(id);
                }
                case 7 -> {
                    ItemId id = ids.get(rnd.nextInt(ids.size()));
                    Conflict c = conflict(id, rnd.nextBoolean() ? ConflictResolution.DEFER : ConflictResolution.MERGE,
                            new Object[] {values[rnd.nextInt(values.length)]}, null);
                    op = "logConflict " + c;
                    write = s -> s.logConflict(c);
                }
                case 8 -> {
                    ItemId id = ids.get(rnd.nextInt(ids.size()));
                    op = "resolveConflicts " + id;
                    write = s -> s.resolveConflicts(id);
                }
                case 9 -> {
                    op = atBegin != null ? "commit" : "begin";
                    if (atBegin != null) {
                        store.commit();
                        kept.addAll(pending);
                        pending.clear();
                        atBegin = null;
                    } else {
                        atBegin = Snapshot.of(store);
                        store.begin();
                    }
                }
                case 10 -> {
                    op = "rollback";
                    store.rollback();
                    if (atBegin != null) {
                        assertThat(Snapshot.of(store)).as("seed %d, step %d: rollback", seed, step).isEqualTo(atBegin);
                        pending.clear();
                        mem[0] = new dev.syncwright.core.memory.InMemoryMetadataStore(self);
                        kept.forEach(w -> w.accept(mem[0]));
                        atBegin = null;
                    }
                }
                default -> {
                    op = "reopen";
                    if (atBegin == null) {
                        reopen();
                    }
                }
            }
            if (write != null) {
                write.accept(store);
                write.accept(mem[0]);
                (atBegin != null ? pending : kept).add(write);
            }
            String at = "seed " + seed + ", step " + step + ": " + op;
            dev.syncwright.core.memory.InMemoryMetadataStore m = mem[0];
            assertThat(store.tickCount()).as(at).isEqualTo(m.tickCount());
            assertThat(store.knowledge()).as(at).isEqualTo(m.knowledge());
            assertThat(store.forgottenKnowledge()).as(at).isEqualTo(m.forgottenKnowledge());
            assertThat(list(store.items(null, null))).as(at).isEqualTo(list(m.items(null, null)));
            ItemId x = ids.get(rnd.nextInt(ids.size()));
            ItemId y = ids.get(rnd.nextInt(ids.size()));
            ItemId from = x.compareTo(y) <= 0 ? x : y; // the in-memory store refuses from > to
            ItemId to = x.compareTo(y) <= 0 ? y : x;
            assertThat(list(store.items(from, to))).as(at + " [%s, %s)", from, to).isEqualTo(list(m.items(from, to)));
            long t = rnd.nextInt(42) - 1;
            assertThat(list(store.itemsChangedAfter(t))).as(at + " after " + t).isEqualTo(list(m.itemsChangedAfter(t)));
            for (int field = 1; field <= 2; field++) {
                for (Object v : values) {
                    assertThat(store.findByCustomField(field, v)).as(at + " find %d=%s", field, v).isEqualTo(m.findByCustomField(field, v));
                }
            }
            assertThat(describe(store.conflictLog())).as(at).isEqualTo(describe(m.conflictLog()));
        }
        store.rollback();
    }

    static List<String> describe(List<ConflictLogEntry> log) {
        return log.stream().map(e -> e.sequence() + " " + e.resolved() + " " + e.conflict() + " "
                + e.conflict().source() + " " + e.conflict().destination() + " " + Arrays.deepToString(e.conflict().sourceValues())
                + " " + Arrays.deepToString(e.conflict().destinationValues())).toList();
    }

    void sql(String sql) throws SQLException {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Everything a store holds, comparable (byte arrays and arrays of conflicts by content). */
    record Snapshot(long ticks, Knowledge knowledge, Knowledge forgotten, List<ItemMetadata> items, List<String> index, List<String> conflicts) {
        static Snapshot of(JdbcMetadataStore s) {
            List<ItemMetadata> items = list(s.items(null, null));
            List<String> index = new ArrayList<>();
            for (ItemMetadata m : items) {
                m.customFields().forEach((f, v) -> {
                    ItemMetadata found = s.findByCustomField(f, v);
                    index.add(f + "=" + v + "->" + (found == null ? null : found.itemId()));
                });
            }
            List<String> conflicts = s.conflictLog().stream().map(e -> e.sequence() + " " + e.resolved() + " " + e.detectedAt()
                    + " " + e.conflict() + " " + Arrays.deepToString(e.conflict().sourceValues())).toList();
            return new Snapshot(s.tickCount(), s.knowledge(), s.forgottenKnowledge(), items, index, conflicts);
        }
    }
}
