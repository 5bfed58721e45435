package dev.syncwright.tracking;

import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;
import org.sqlite.SQLiteConfig;

/**
 * Same shape on SQLite: one writer at a time, so writers queue on the write lock. Deferred transactions
 * (sqlite-jdbc opens the next one right after each commit; IMMEDIATE would keep the lock held between
 * transactions); every writer transaction starts with a write, so none can hit SQLITE_BUSY_SNAPSHOT.
 */
class SqliteNoLostChangeTest extends NoLostChangeContractTest {
    @Override
    protected TestDatabase createDatabase() {
        return TestDatabases.sqlite("no_lost_change");
    }

    @Override
    protected String defaultSchema() {
        return null;
    }

    @Override
    protected int longTransactionMillis() {
        return 20;
    }

    @Override
    protected int pauseMillis() {
        return 2;
    }

    @Override
    protected int enumeratorPauseMillis() {
        return 10;
    }

    @Override
    protected Connection writer() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(60_000);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        return DriverManager.getConnection(db.jdbcUrl(), config.toProperties());
    }

    @Override
    protected Set<String> catalog(Connection c) {
        return Set.of();
    }
}
