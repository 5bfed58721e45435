package dev.syncwright.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * An upload from a SQLite client (in WAL mode) holds no write lock while it reads (issue 11): the
 * application's own writes, made between the upload's batches with a short busy timeout, all succeed.
 * Before, the enumeration's clock bump held the lock until the upload ended: "database is locked".
 */
class SqliteUploadLockTest extends ReplicaHarness {
    @Override
    TestDatabase createServer(String hint) {
        return TestDatabases.postgres(hint);
    }

    @Test
    void theApplicationWritesWhileALargeUploadReads() throws SQLException {
        exec(sds, "CREATE TABLE items (id BIGINT PRIMARY KEY, v VARCHAR(40))");
        provision("items");
        TestDatabase db = TestDatabases.sqlite("upload_lock");
        clientDbs.add(db);
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setBusyTimeout(10_000);
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl(db.jdbcUrl());
        JdbcSyncProvider client = JdbcSyncProvider.openClient(ds, serverProvider);
        StringBuilder insert = new StringBuilder("INSERT INTO items (id, v) VALUES ");
        for (int i = 1; i <= 5000; i++) {
            insert.append(i > 1 ? ", " : "").append("(").append(i).append(", 'v").append(i).append("')");
        }
        exec(ds, insert.toString());

        SQLiteConfig app = new SQLiteConfig();
        app.setBusyTimeout(300); // an application that waits briefly, then reports "database is locked"
        SQLiteDataSource appDs = new SQLiteDataSource(app);
        appDs.setUrl(db.jdbcUrl());
        List<String> failures = new ArrayList<>();
        int[] written = {0};
        SyncResult r = SyncOrchestrator.between(client, serverProvider).direction(SyncDirection.UPLOAD).batchSizeRows(500)
                .conflicts(ConflictPolicy.SERVER_WINS).onProgress(p -> {
                    int id = 100_000 + written[0];
                    try (Connection c = appDs.getConnection(); Statement s = c.createStatement()) {
                        s.execute("INSERT INTO items (id, v) VALUES (" + id + ", 'written by the app during the upload')");
                        written[0]++;
                    } catch (SQLException e) {
                        failures.add(e.getMessage());
                    }
                }).run();
        assertThat(r.upload().batches()).isGreaterThanOrEqualTo(10);
        assertThat(failures).as("the application's writes during the upload").isEmpty();
        assertThat(written[0]).isGreaterThanOrEqualTo(10);
        // and what the app wrote meanwhile travels with the next sync
        SyncOrchestrator.between(client, serverProvider).run();
        assertThat(rows(sds, "SELECT count(*) FROM items")).containsExactly(String.valueOf(5000 + written[0]));
    }
}
