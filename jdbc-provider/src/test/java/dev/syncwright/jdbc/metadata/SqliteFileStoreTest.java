package dev.syncwright.jdbc.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.ClockVector;
import dev.syncwright.core.Conflict;
import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ConflictResolution;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.Version;
import dev.syncwright.core.spi.ItemMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default store: a SQLite file that keeps everything, its replica id first, across reopening. */
class SqliteFileStoreTest {
    @TempDir
    Path dir;

    @Test
    void aNewFileGetsAReplicaIdThatIsKeptWithEverythingElse() throws SQLException {
        Path file = dir.resolve("nested/deeper/app.sync.db");
        ReplicaId id;
        Knowledge k;
        ItemMetadata a = ItemMetadata.live(ItemId.ofString("a"), Version.local(2), new Version[] {null, Version.local(3)}, 3)
                .withCustomFields(Map.of(1, "path/a.txt"));
        try (JdbcMetadataStore s = JdbcMetadataStore.sqliteFile(file, null)) {
            id = s.replicaId();
            assertThat(id).isNotNull();
            s.nextTick();
            s.nextTick();
            s.nextTick();
            k = Knowledge.ofVector(s.knowledge().keys().withReplica(ReplicaId.random()), ClockVector.of(1, 9));
            s.saveKnowledge(k);
            s.putItem(a);
            s.logConflict(new Conflict(ConflictKind.UPDATE_DELETE, a.itemId(), new int[] {1}, id, null, false,
                    new Object[] {"x", 1L}, null, ConflictResolution.DEFER));
        }
        assertThat(file).isRegularFile();

        try (JdbcMetadataStore s = JdbcMetadataStore.sqliteFile(file, null)) {
            assertThat(s.replicaId()).isEqualTo(id);
            assertThat(s.tickCount()).isEqualTo(3);
            assertThat(s.knowledge()).isEqualTo(k);
            assertThat(s.item(a.itemId())).isEqualTo(a);
            assertThat(s.findByCustomField(1, "path/a.txt")).isEqualTo(a);
            assertThat(s.conflictLog()).hasSize(1);
            assertThat(s.conflictLog().get(0).conflict().sourceValues()).containsExactly("x", 1L);
            assertThat(s.nextTick()).isEqualTo(4);
        }
        try (JdbcMetadataStore s = JdbcMetadataStore.sqliteFile(file, id)) {
            assertThat(s.tickCount()).isEqualTo(4);
        }
        ReplicaId other = ReplicaId.random();
        assertThatThrownBy(() -> JdbcMetadataStore.sqliteFile(file, other)).isInstanceOf(SyncException.class)
                .hasMessageContaining(id.toString());

        // the default tables, in WAL mode (so a status tool can read while a sync writes)
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
            }
            try (ResultSet rs = st.executeQuery("SELECT replica_id, schema_version FROM syncwright_meta_replica")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(id.toString());
                assertThat(rs.getInt(2)).isEqualTo(Tables.SCHEMA_VERSION);
            }
        }
    }

    @Test
    void aGivenReplicaIdIsUsedForANewFile() {
        ReplicaId id = ReplicaId.random();
        try (JdbcMetadataStore s = JdbcMetadataStore.sqliteFile(dir.resolve("x.db"), id)) {
            assertThat(s.replicaId()).isEqualTo(id);
            assertThat(s.knowledge().keys().self()).isEqualTo(id);
        }
    }

    @Test
    void aFileThatIsNotADatabaseFailsClearly() throws Exception {
        Path file = dir.resolve("junk.db");
        Files.writeString(file, "this is not a database, just some text that is long enough to look like a header.".repeat(20));
        assertThatThrownBy(() -> JdbcMetadataStore.sqliteFile(file, null)).isInstanceOf(SyncException.class);
    }
}
