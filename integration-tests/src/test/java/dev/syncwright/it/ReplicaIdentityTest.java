package dev.syncwright.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.ReplicaIdentityException;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.spi.ForwardingSyncProvider;
import dev.syncwright.core.spi.PeerRecord;
import dev.syncwright.core.spi.SyncProvider;
import dev.syncwright.jdbc.JdbcSyncProvider;
import dev.syncwright.jdbc.Recovery;
import dev.syncwright.jdbc.Verification;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.SyncScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Replica identity (issue 11, ADR 043): a client file copied to a second device, or restored from a
 * backup, presents a history the server has moved past under the same id. It is detected, takes a
 * new id, and every edit of every copy reaches every replica. A remote that is another replica than
 * the client's server is refused, naming both.
 */
class ReplicaIdentityTest {
    static final String SCOPE = "notes";
    TestDatabase server;
    JdbcSyncProvider serverProvider;
    final List<TestDatabase> dbs = new ArrayList<>();
    final List<Path> files = new ArrayList<>();

    @BeforeEach
    void setUp() throws SQLException {
        server = TestDatabases.postgres("identity");
        FieldSchemaContract.exec(server.dataSource(), "CREATE TABLE notes (id bigint PRIMARY KEY, body text, tag text)");
        FieldSchemaContract.exec(server.dataSource(), "INSERT INTO notes VALUES (1, 'one', 'a'), (2, 'two', 'b'), (3, 'three', 'c')");
        Provisioner.of(server.dataSource()).provision(SyncScope.named(SCOPE).tables("notes").build());
        serverProvider = JdbcSyncProvider.open(server.dataSource(), SCOPE);
    }

    @AfterEach
    void tearDown() throws IOException {
        dbs.forEach(TestDatabase::close);
        server.close();
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
    }

    @Test
    void aCopiedClientFileTakesANewIdentityAndNoEditOfEitherCopyIsLost() throws Exception {
        Path a = clientFile("a");
        sync(a);
        Path b = copy(a, "b");
        exec(a, "UPDATE notes SET body = 'edited on a' WHERE id = 1", "INSERT INTO notes VALUES (10, 'new on a', 'x')");
        exec(b, "UPDATE notes SET body = 'edited on b' WHERE id = 2", "INSERT INTO notes VALUES (20, 'new on b', 'y')",
                "UPDATE notes SET tag = 'tag from b' WHERE id = 1");
        FieldSchemaContract.exec(server.dataSource(), "UPDATE notes SET body = 'edited on the server' WHERE id = 3");
        sync(a);
        String idBefore = provider(b).replicaId().toString();
        SyncResult rb = sync(b);
        assertThat(provider(b).replicaId().toString()).as("the copy took a new identity").isNotEqualTo(idBefore)
                .isNotEqualTo(provider(a).replicaId().toString());
        assertThat(rb.upload().applied()).as("its own edits travel again, under its new id").isGreaterThanOrEqualTo(3);
        sync(a);
        assertThat(FieldSchemaContract.rows(server.dataSource(), "SELECT id || ':' || body || ':' || tag FROM notes ORDER BY id"))
                .containsExactly("1:edited on a:tag from b", "2:edited on b:b", "3:edited on the server:c", "10:new on a:x", "20:new on b:y");
        assertThat(provider(a).snapshot()).isEqualTo(serverProvider.snapshot());
        assertThat(provider(b).snapshot()).isEqualTo(serverProvider.snapshot());
        // and from now on each is a replica of its own: both keep syncing
        exec(b, "UPDATE notes SET tag = 'later on b' WHERE id = 3");
        sync(b);
        sync(a);
        assertThat(provider(a).snapshot()).isEqualTo(serverProvider.snapshot());
        assertVerified(a, b);
    }

    /**
     * Two copies of one file syncing at the same moment through two server instances (ADR 057): both
     * read the pair's epoch before either moves it. Without the compare-and-set both went on, sent
     * their new rows under one replica id and one tick, and the server kept only the first; the other
     * copy's row was lost, and every later sync was quiet about it.
     */
    @Test
    void twoCopiesSyncingAtOnceThroughTwoServerInstancesLoseNoEdit() throws Exception {
        Path a = clientFile("a");
        sync(a);
        Path b = copy(a, "b");
        exec(a, "INSERT INTO notes VALUES (10, 'new on a', 'x')");
        exec(b, "INSERT INTO notes VALUES (20, 'new on b', 'y')");
        JdbcSyncProvider otherInstance = JdbcSyncProvider.open(server.dataSource(), SCOPE);
        List<SyncResult> meanwhile = new ArrayList<>();
        // a's session reads the server's record of the pair; b's whole session runs on the other instance before a's goes on
        SyncProvider interleaved = new ForwardingSyncProvider(serverProvider) {
            @Override
            public Optional<PeerRecord> peer(ReplicaId peer) {
                Optional<PeerRecord> read = super.peer(peer);
                if (meanwhile.isEmpty()) {
                    meanwhile.add(SyncOrchestrator.between(provider(b), otherInstance).conflicts(ConflictPolicy.SERVER_WINS).run());
                }
                return read;
            }
        };
        String aId = provider(a).replicaId().toString();
        Throwable refused = catchThrowable(() -> SyncOrchestrator.between(provider(a), interleaved).conflicts(ConflictPolicy.SERVER_WINS).run());
        assertThat(meanwhile.get(0).upload().applied()).as("b's session went on").isEqualTo(1);
        assertThat(FieldSchemaContract.rows(server.dataSource(), "SELECT id FROM notes WHERE id = 10")).as("a sent nothing").isEmpty();
        sync(a);
        sync(b);
        sync(a);
        assertThat(FieldSchemaContract.rows(server.dataSource(), "SELECT id || ':' || body FROM notes WHERE id >= 10 ORDER BY id"))
                .containsExactly("10:new on a", "20:new on b");
        assertThat(refused).isInstanceOfSatisfying(ReplicaIdentityException.class,
                        e -> assertThat(e.kind()).isEqualTo(ReplicaIdentityException.Kind.CONCURRENT_SESSION))
                .hasMessageContaining(aId).hasMessageContaining("Nothing was exchanged");
        assertThat(provider(a).replicaId().toString()).as("a found itself a copy, and took a new identity").isNotEqualTo(aId);
        assertVerified(a, b);
    }

    @Test
    void aClientRestoredFromAnOldBackupGetsBackWhatItLostAndKeepsWhatItDoesNext() throws Exception {
        Path a = clientFile("a");
        sync(a);
        exec(a, "UPDATE notes SET body = 'before the backup' WHERE id = 1");
        Path backup = copy(a, "backup");
        exec(a, "UPDATE notes SET body = 'after the backup' WHERE id = 2", "INSERT INTO notes VALUES (11, 'lost with the disk', 'z')");
        sync(a);
        exec(a, "UPDATE notes SET body = 'twice after' WHERE id = 2");
        sync(a);
        // the disk dies; the backup comes back in its place, and the user carries on
        Files.copy(backup, a, StandardCopyOption.REPLACE_EXISTING);
        exec(a, "UPDATE notes SET tag = 'after the restore' WHERE id = 3");
        sync(a);
        sync(a);
        assertThat(FieldSchemaContract.rows(server.dataSource(), "SELECT id || ':' || body || ':' || tag FROM notes ORDER BY id"))
                .containsExactly("1:before the backup:a", "2:twice after:b", "3:three:after the restore", "11:lost with the disk:z");
        assertThat(provider(a).snapshot()).isEqualTo(serverProvider.snapshot());
        assertVerified(a);
    }

    @Test
    void aRemoteThatIsAnotherReplicaIsRefusedNamingBoth() throws Exception {
        Path a = clientFile("a");
        sync(a);
        TestDatabase other = TestDatabases.postgres("identity_other");
        dbs.add(other);
        FieldSchemaContract.exec(other.dataSource(), "CREATE TABLE notes (id bigint PRIMARY KEY, body text, tag text)");
        Provisioner.of(other.dataSource()).provision(SyncScope.named(SCOPE).tables("notes").build());
        JdbcSyncProvider otherServer = JdbcSyncProvider.open(other.dataSource(), SCOPE);
        assertThatThrownBy(() -> SyncOrchestrator.between(provider(a), otherServer).run()).isInstanceOf(ReplicaIdentityException.class)
                .hasMessageContaining(serverProvider.replicaId().toString()).hasMessageContaining(otherServer.replicaId().toString())
                .hasMessageContaining("syncwright reinitialize");
        assertThat(FieldSchemaContract.rows(other.dataSource(), "SELECT count(*) FROM notes")).containsExactly("0");

        // the user means it: the other database is the server now. The client keeps its unsynced edit and takes the rest
        exec(a, "UPDATE notes SET body = 'unsynced on a' WHERE id = 2");
        Recovery.Reinitialized r = Recovery.reinitialize(provider(a), otherServer);
        assertThat(r.keptRows()).isEqualTo(1);
        assertThat(r.check().equal()).as(r.check().differences().toString()).isTrue();
        assertThat(FieldSchemaContract.rows(other.dataSource(), "SELECT id || ':' || body FROM notes ORDER BY id")).containsExactly("2:unsynced on a");
        assertThat(SyncOrchestrator.between(provider(a), otherServer).run().upload().sent()).isZero();
        assertThat(Verification.compare(provider(a), otherServer).equal()).isTrue();
    }

    @Test
    void aClientOfAReprovisionedServerIsRefusedThenReinitializedKeepingItsUnsyncedEdits() throws Exception {
        Path a = clientFile("a");
        Path b = clientFile("b");
        sync(a);
        sync(b);
        exec(a, "UPDATE notes SET body = 'synced from a' WHERE id = 1");
        sync(a);
        exec(a, "UPDATE notes SET tag = 'unsynced on a' WHERE id = 2", "INSERT INTO notes VALUES (30, 'unsynced insert on a', 'q')",
                "DELETE FROM notes WHERE id = 3");
        // the server's scope is provisioned again: same rows, a new replica with a new history
        ReplicaId oldId = serverProvider.replicaId();
        Provisioner.of(server.dataSource()).deprovision(SCOPE);
        Provisioner.of(server.dataSource()).provision(SyncScope.named(SCOPE).tables("notes").build());
        serverProvider = JdbcSyncProvider.open(server.dataSource(), SCOPE);
        assertThat(serverProvider.replicaId()).isNotEqualTo(oldId);
        FieldSchemaContract.exec(server.dataSource(), "UPDATE notes SET body = 'edited on the new server' WHERE id = 10");
        FieldSchemaContract.exec(server.dataSource(), "INSERT INTO notes VALUES (40, 'new server row', 's')");
        assertThatThrownBy(() -> sync(a)).isInstanceOf(ReplicaIdentityException.class)
                .hasMessageContaining(oldId.toString()).hasMessageContaining(serverProvider.replicaId().toString())
                .hasMessageContaining("syncwright reinitialize");
        assertThat(FieldSchemaContract.rows(server.dataSource(), "SELECT count(*) FROM notes WHERE id = 30")).as("nothing merged").containsExactly("0");

        Recovery.Reinitialized r = Recovery.reinitialize(provider(a), serverProvider);
        assertThat(r.keptRows()).isEqualTo(3);
        assertThat(r.newId()).isNotEqualTo(r.formerId());
        assertThat(r.check().equal()).as(r.check().differences().toString()).isTrue();
        assertThat(FieldSchemaContract.rows(server.dataSource(), "SELECT id || ':' || body || ':' || tag FROM notes ORDER BY id"))
                .containsExactly("1:synced from a:a", "2:two:unsynced on a", "30:unsynced insert on a:q", "40:new server row:s");
        Recovery.reinitialize(provider(b), serverProvider); // b had nothing unsynced; it starts afresh too
        sync(a);
        sync(b);
        assertVerified(a, b);
    }

    @Test
    void aServerRestoredFromABackupIsRefusedUntilReidentifiedThenGetsBackWhatItLost() throws Exception {
        TestDatabase liteServer = TestDatabases.sqlite("identity_server");
        dbs.add(liteServer);
        Path serverFile = Path.of(liteServer.jdbcUrl().substring("jdbc:sqlite:".length()));
        FieldSchemaContract.exec(ds(serverFile), "CREATE TABLE notes (id bigint PRIMARY KEY, body text, tag text)");
        FieldSchemaContract.exec(ds(serverFile), "INSERT INTO notes VALUES (1, 'one', 'a'), (2, 'two', 'b'), (3, 'three', 'c')");
        Provisioner.of(ds(serverFile)).provision(SyncScope.named(SCOPE).tables("notes").build());
        serverProvider = JdbcSyncProvider.open(ds(serverFile), SCOPE);
        Path a = clientFile("a");
        sync(a);
        Path backup = copy(serverFile, "server_backup");
        FieldSchemaContract.exec(ds(serverFile), "UPDATE notes SET body = 'server edit lost with the disk' WHERE id = 1");
        exec(a, "UPDATE notes SET body = 'client edit the server lost' WHERE id = 2");
        sync(a);
        Files.copy(backup, serverFile, StandardCopyOption.REPLACE_EXISTING);
        serverProvider = JdbcSyncProvider.open(ds(serverFile), SCOPE);
        FieldSchemaContract.exec(ds(serverFile), "UPDATE notes SET tag = 'after the restore' WHERE id = 3");
        assertThatThrownBy(() -> sync(a)).isInstanceOf(ReplicaIdentityException.class).hasMessageContaining("syncwright reidentify");

        ReplicaId before = serverProvider.replicaId();
        assertThat(Recovery.reidentify(serverProvider)).isNotEqualTo(before);
        sync(a);
        sync(a);
        assertThat(FieldSchemaContract.rows(ds(serverFile), "SELECT id || ':' || body || ':' || tag FROM notes ORDER BY id")).containsExactly(
                "1:server edit lost with the disk:a", "2:client edit the server lost:b", "3:three:after the restore");
        assertVerified(a);
    }

    @Test
    void aClientTableRebuiltTheSqliteWayKeepsSyncingAndVerifies() throws Exception {
        Path a = clientFile("a");
        sync(a);
        exec(a, "CREATE TABLE notes_new (id bigint NOT NULL PRIMARY KEY, body text, tag text)", "INSERT INTO notes_new SELECT * FROM notes",
                "DROP TABLE notes", "ALTER TABLE notes_new RENAME TO notes", "UPDATE notes SET body = 'after the rebuild' WHERE id = 1");
        sync(a); // the client repairs its tracking first; an update made while no trigger watched is beyond any trigger
        Verification.Result found = Verification.compare(provider(a), serverProvider);
        assertThat(found.differences()).extracting(Verification.Difference::key, Verification.Difference::columns)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("[1]", List.of("body")));
        assertThat(Verification.repair(serverProvider, provider(a), false).equal()).as("the client is right: the server is repaired").isTrue();
        exec(a, "UPDATE notes SET tag = 'tracked again' WHERE id = 2");
        sync(a);
        assertThat(FieldSchemaContract.rows(server.dataSource(), "SELECT id || ':' || body || ':' || tag FROM notes ORDER BY id"))
                .containsExactly("1:after the rebuild:a", "2:two:tracked again", "3:three:c");
        assertVerified(a);
    }

    // ------------------------------------------------------------------ helpers

    /** {@code verify} between each client and the server: not one row differs. */
    void assertVerified(Path... clients) {
        for (Path c : clients) {
            Verification.Result v = Verification.compare(provider(c), serverProvider);
            assertThat(v.differences()).as("verify " + c.getFileName()).isEmpty();
            assertThat(v.localRows()).isEqualTo(v.remoteRows()).isPositive();
        }
    }

    Path clientFile(String name) {
        TestDatabase db = TestDatabases.sqlite("identity_" + name);
        dbs.add(db);
        return Path.of(db.jdbcUrl().substring("jdbc:sqlite:".length()));
    }

    Path copy(Path from, String name) throws IOException {
        Path to = from.resolveSibling(name + ".db");
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        files.add(to);
        return to;
    }

    DataSource ds(Path file) {
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.enforceForeignKeys(true);
        cfg.setBusyTimeout(10_000);
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    JdbcSyncProvider provider(Path file) {
        return JdbcSyncProvider.openClient(ds(file), serverProvider);
    }

    SyncResult sync(Path file) {
        return SyncOrchestrator.between(provider(file), serverProvider).conflicts(ConflictPolicy.merge(ConflictPolicy.SERVER_WINS)).run();
    }

    void exec(Path file, String... sql) throws SQLException {
        for (String s : sql) {
            FieldSchemaContract.exec(ds(file), s);
        }
    }
}
