package dev.syncwright.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.ReplicaIdentityException;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.jdbc.JdbcSyncProvider;
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
    }

    // ------------------------------------------------------------------ helpers

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
