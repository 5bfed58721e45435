package dev.syncwright.dialect.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.Dialects;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ADR 041: apply transactions skip the fsync only where WAL keeps the database crash-safe without it. */
class SqliteCommitDurabilityTest {
    TestDatabase db;

    @BeforeEach
    void create() {
        db = TestDatabases.sqlite(SqliteCommitDurabilityTest.class.getSimpleName());
    }

    @AfterEach
    void drop() {
        db.close();
    }

    static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A connection to the database in WAL mode, at the given {@code synchronous} level (null: the default, FULL). */
    Connection wal(String synchronous) throws SQLException {
        Connection c = db.connect();
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            if (synchronous != null) {
                s.execute("PRAGMA synchronous = " + synchronous);
            }
        }
        return c;
    }

    @Test
    void walDatabaseCommitsAtNormalThenGetsItsLevelBack() throws SQLException {
        try (Connection c = wal("EXTRA"); Statement s = c.createStatement()) {
            Dialect d = Dialects.detect(c);
            int previous = d.relaxCommitDurability(c);
            assertThat(previous).isEqualTo(3);
            assertThat(pragma(c, "synchronous")).isEqualTo("1");
            c.setAutoCommit(false);
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
            c.commit();
            c.setAutoCommit(true);
            d.restoreCommitDurability(c, previous);
            assertThat(pragma(c, "synchronous")).isEqualTo("3");
        }
    }

    @Test
    void rollbackJournalKeepsFullSync() throws SQLException {
        try (Connection c = db.connect()) {
            assertThat(pragma(c, "journal_mode")).isEqualToIgnoringCase("delete");
            Dialect d = Dialects.detect(c);
            assertThat(d.relaxCommitDurability(c)).isEqualTo(-1);
            assertThat(pragma(c, "synchronous")).isEqualTo("2");
        }
    }

    @Test
    void aConnectionAlreadyInATransactionIsLeftAlone() throws SQLException {
        try (Connection c = wal(null)) {
            c.setAutoCommit(false);
            Dialect d = Dialects.detect(c);
            assertThat(d.relaxCommitDurability(c)).isEqualTo(-1);
            assertThat(pragma(c, "synchronous")).isEqualTo("2");
            c.rollback();
        }
    }

    @Test
    void anApplicationThatChoseNormalOrOffIsLeftAlone() throws SQLException {
        try (Connection c = wal("OFF")) {
            Dialect d = Dialects.detect(c);
            assertThat(d.relaxCommitDurability(c)).isEqualTo(-1);
            assertThat(pragma(c, "synchronous")).isEqualTo("0");
        }
    }
}
