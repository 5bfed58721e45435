package dev.syncwright.dialect.sqlite;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.TickStrategy;
import dev.syncwright.dialect.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;

/*
 * The commit-order argument for SQLite (ADR 011). SQLite has one writer at a time. Writers stamp
 * clock + 1 and never move the clock; safeWatermark moves it by one in a write transaction of its
 * own. When that transaction holds the write lock, every writer that stamped the old clock + 1 has
 * committed or rolled back, and every later writer reads the new clock (a transaction whose read
 * snapshot predates the bump cannot write: SQLITE_BUSY_SNAPSHOT in WAL, lock conflict otherwise).
 * So W = the new clock value is final, and every later change gets W + 1 or more. Writers pay no
 * extra write per row, only a read of a one-row table.
 */
final class SqliteTicks implements TickStrategy {
    private final String clock;

    SqliteTicks(SqliteNames names) {
        this.clock = names.quote(SqliteNames.CLOCK);
    }

    /** Takes the write lock first (a no-op write), so that the tick read cannot be stale. */
    @Override
    public long nextTick(Connection c) {
        try {
            if (c.getAutoCommit()) {
                throw new SyncException("nextTick needs an open transaction: the tick must commit with the rows it stamps");
            }
        } catch (SQLException e) {
            throw new SqlFailure("Checking the transaction of", SqliteNames.CLOCK, e);
        }
        return Jdbc.queryLong(c, "UPDATE " + clock + " SET tick = tick RETURNING tick + 1", SqliteNames.CLOCK);
    }

    /**
     * The clock as it is: writers stamp clock + 1 and never move it, and the bump that set it held the
     * write lock once every writer that stamped it or less had ended, so every tick at or below it is
     * final. No write, so no commit (and no fsync) for a state read.
     */
    @Override
    public long statedWatermark(Connection c) {
        return Jdbc.queryLong(c, "SELECT tick FROM " + clock, SqliteNames.CLOCK);
    }

    /** One statement: in autocommit mode it is its own transaction; inside one it commits with it. */
    @Override
    public long safeWatermark(Connection c) {
        long w = Jdbc.queryLong(c, "UPDATE " + clock + " SET tick = tick + 1 RETURNING tick", SqliteNames.CLOCK);
        try {
            if (!c.getAutoCommit()) {
                // The bump needed the write lock; the reading that follows does not. Committing here lets
                // the application write while an upload reads (in WAL mode): the read snapshot starts
                // with the next statement, after the bump, so it holds every change stamped <= W, and a
                // row stamped later is read as any row above W is (issue 11).
                c.commit();
            }
        } catch (SQLException e) {
            throw new SqlFailure("Committing the watermark of", SqliteNames.CLOCK, e);
        }
        return w;
    }
}
