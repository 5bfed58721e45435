package dev.syncwright.dialect.sqlite;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.Capabilities;
import dev.syncwright.dialect.DatabaseProduct;
import dev.syncwright.dialect.internal.BaseDialect;
import dev.syncwright.dialect.SchemaReader;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.TableName;
import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.TickStrategy;
import dev.syncwright.dialect.TrackingSql;
import dev.syncwright.dialect.internal.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;

final class SqliteDialect extends BaseDialect {
    private static final Capabilities CAPABILITIES = new Capabilities(true, false, false, 0, true, false);

    SqliteDialect(DatabaseProduct product) {
        this(product, new SqliteNames());
    }

    private SqliteDialect(DatabaseProduct product, SqliteNames names) {
        super("sqlite", product, CAPABILITIES, names, new SqliteSchemaReader(), new SqliteTrackingSql(names), new SqliteTicks(names));
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
}
