package dev.syncwright.dialect.sqlite;

import dev.syncwright.core.SyncException;
import java.util.Optional;
import dev.syncwright.dialect.MetadataTables;
import dev.syncwright.dialect.Capabilities;
import dev.syncwright.dialect.DatabaseProduct;
import dev.syncwright.dialect.internal.BaseDialect;
import dev.syncwright.dialect.SchemaReader;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.TableName;
import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.TickStrategy;
import dev.syncwright.dialect.TrackingSql;
import dev.syncwright.dialect.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;

final class SqliteDialect extends BaseDialect {
    private static final Capabilities CAPABILITIES = new Capabilities(true, false, false, 0, true, false, true);

    SqliteDialect(DatabaseProduct product) {
        this(product, new SqliteNames());
    }

    private SqliteDialect(DatabaseProduct product, SqliteNames names) {
        super("sqlite", product, CAPABILITIES, names, new SqliteSchemaReader(), new SqliteTrackingSql(names), new SqliteTicks(names),
                new Parts(new SqliteCodec(), new SqliteTypeMapping(names), METADATA, org.jooq.SQLDialect.SQLITE));
    }

    /**
     * The flag is a row, written in the caller's transaction: a rollback undoes it, but a commit keeps
     * it, so the caller must switch it off before committing. Autocommit is refused for that reason.
     */
    @Override
    public void suppressTracking(Connection c, TableName table) {
        try {
            if (c.getAutoCommit()) {
                throw new SyncException("suppressTracking needs an open transaction (autocommit is on); "
                        + "switch it off again before commit");
            }
        } catch (SQLException e) {
            throw new SqlFailure("Checking the transaction of", SqliteNames.CONTEXT, e);
        }
        // 0 is "nothing suppressed"; a table is named by its tracking table (unique, whatever the case of its name)
        Jdbc.update(c, "UPDATE " + names().quote(SqliteNames.CONTEXT) + " SET suppress = ?", SqliteNames.CONTEXT,
                table == null ? (Object) 0 : names().trackingTableName(table).name());
    }

    /** SQLITE_TOOBIG 18, SQLITE_CONSTRAINT 19, SQLITE_MISMATCH 20, SQLITE_RANGE 25 (extended codes in the high bits). */
    @Override
    protected boolean refusesRowByCode(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        return primary == 18 || primary == 19 || primary == 20 || primary == 25;
    }

    /**
     * SQLite's own recipe for a change ALTER TABLE cannot make: foreign keys off (outside the
     * transaction, as SQLite requires), new table, copy, drop, rename, the table's own indexes and
     * triggers again, a foreign-key check, commit, foreign keys back as they were.
     */
    @Override
    public void rebuildTable(Connection c, TableName table, TableName scratch, String createScratch, java.util.List<String> columns) {
        String t = names().table(table);
        String cols = String.join(", ", columns.stream().map(names()::quote).toList());
        try {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(true);
            long fk = Jdbc.queryLong(c, "PRAGMA foreign_keys", "foreign_keys");
            Jdbc.execute(c, "PRAGMA foreign_keys = OFF", "foreign_keys");
            c.setAutoCommit(false);
            try {
                java.util.List<String> own = Jdbc.query(c, "SELECT sql FROM sqlite_schema WHERE tbl_name = ? AND type IN ('index', 'trigger') "
                        + "AND sql IS NOT NULL AND name NOT LIKE 'syncwright\\_%' ESCAPE '\\' ORDER BY type, name", table.name(),
                        rs -> rs.getString(1), table.name());
                Jdbc.execute(c, createScratch, scratch.name());
                Jdbc.execute(c, "INSERT INTO " + names().table(scratch) + " (" + cols + ") SELECT " + cols + " FROM " + t, table.name());
                Jdbc.execute(c, "DROP TABLE " + t, table.name());
                Jdbc.execute(c, "ALTER TABLE " + names().table(scratch) + " RENAME TO " + names().quote(table.name()), table.name());
                for (String sql : own) {
                    Jdbc.execute(c, sql, table.name());
                }
                java.util.List<String> broken = Jdbc.query(c, "SELECT \"table\" || ' row ' || rowid || ' -> ' || parent FROM pragma_foreign_key_check(?)",
                        table.name(), rs -> rs.getString(1), table.name());
                if (!broken.isEmpty()) {
                    throw new SyncException("Rebuilding table " + table + " would break foreign keys: " + broken);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
                Jdbc.execute(c, "PRAGMA foreign_keys = " + fk, "foreign_keys");
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new SqlFailure("Rebuilding", table.toString(), e);
        }
    }

    /** {@code synchronous}: 1 NORMAL, 2 FULL, 3 EXTRA; NORMAL is crash-safe only in WAL mode, so other modes are left alone. */
    @Override
    public int relaxCommitDurability(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                return -1; // SQLite refuses to change the level inside a transaction
            }
        } catch (SQLException e) {
            throw new SqlFailure("Checking the transaction of", "synchronous", e);
        }
        String mode = Jdbc.query(c, "PRAGMA journal_mode", "journal_mode", rs -> rs.getString(1)).get(0);
        if (!"wal".equalsIgnoreCase(mode)) {
            return -1;
        }
        int level = (int) Jdbc.queryLong(c, "PRAGMA synchronous", "synchronous");
        if (level <= 1) {
            return -1;
        }
        Jdbc.execute(c, "PRAGMA synchronous = 1", "synchronous");
        return level;
    }

    @Override
    public void restoreCommitDurability(Connection c, int previous) {
        if (previous > 1) {
            Jdbc.execute(c, "PRAGMA synchronous = " + previous, "synchronous");
        }
    }

    /**
     * WAL mode only: the connection's auto-checkpoint off. The log grows by the pages of the load
     * instead of being copied back (and synced) every 1,000 pages; the first commit after the load
     * on any connection at the default setting copies it back in one pass.
     */
    @Override
    public int deferCheckpoints(Connection c) {
        String mode = Jdbc.query(c, "PRAGMA journal_mode", "journal_mode", rs -> rs.getString(1)).get(0);
        if (!"wal".equalsIgnoreCase(mode)) {
            return -1;
        }
        int pages = (int) Jdbc.queryLong(c, "PRAGMA wal_autocheckpoint", "wal_autocheckpoint");
        Jdbc.execute(c, "PRAGMA wal_autocheckpoint = 0", "wal_autocheckpoint");
        return pages;
    }

    @Override
    public void restoreCheckpoints(Connection c, int previous) {
        if (previous >= 0) {
            Jdbc.execute(c, "PRAGMA wal_autocheckpoint = " + previous, "wal_autocheckpoint");
        }
    }

    private static final MetadataTables METADATA = new MetadataTables(0, " WITHOUT ROWID", "", false);

    /** A write transaction locks the whole database already. */
    @Override
    public String lockForUpdate() {
        return "";
    }

    /** SQLite has no SQLState for it; its message is stable ("no such table: x"). */
    @Override
    public boolean missingTable(SQLException e) {
        return String.valueOf(e.getMessage()).contains("no such table");
    }

    /** The database file, from the connection's URL. */
    @Override
    public String databaseName(Connection c) throws SQLException {
        return c.getMetaData().getURL().replaceFirst("^jdbc:sqlite:", "").replaceFirst("\\?.*", "");
    }

    /** Rows of a cycle can then go in any order; checked at commit. */
    @Override
    public void deferForeignKeys(Connection c) {
        Jdbc.execute(c, "PRAGMA defer_foreign_keys = ON", "defer_foreign_keys");
    }

    /** A random version-4 UUID: SQLite has no UUID function. */
    @Override
    public Optional<String> randomUuid() {
        return Optional.of(RANDOM_UUID);
    }

    private static final String RANDOM_UUID = "(SELECT lower(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3)"
            + " || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12))"
            + " FROM (SELECT hex(randomblob(16)) AS h))";

    @Override
    public Optional<dev.syncwright.dialect.RowTemplate> updateRows(String table, java.util.List<dev.syncwright.dialect.ColumnDefinition> key,
                                                                  java.util.List<dev.syncwright.dialect.ColumnDefinition> set, String alsoSet) {
        return Optional.of(SqliteRowUpdates.updateRows(names(), table, key, set, alsoSet));
    }
}
