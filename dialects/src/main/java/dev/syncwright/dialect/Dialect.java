package dev.syncwright.dialect;

import java.sql.Connection;

/**
 * Everything Syncwright needs to know about one database family, found through {@link Dialects}.
 * One small object per concern; shared code asks {@link #capabilities()}, never the vendor.
 *
 * <p>Implementations are immutable and thread-safe; every method that touches the database takes the
 * caller's {@link Connection} and works in the caller's transaction unless it says otherwise.
 */
public interface Dialect {

    /** Short stable id: {@code postgres}, {@code sqlite}, {@code mysql}, {@code mariadb}. */
    String id();

    /** The server this dialect instance was detected for. */
    DatabaseProduct product();

    Capabilities capabilities();

    /** Quoting, literals and the names of sync objects. */
    SqlNames names();

    /** Introspection of the user's tables. */
    SchemaReader schema();

    /** DDL and DML of the tracking objects. */
    TrackingSql tracking();

    /** The commit-safe local clock (DESIGN §3, "the commit-order trap"). */
    TickStrategy ticks();

    /**
     * Turns trigger-based tracking off (true) or back on (false) for the current transaction of
     * {@code connection}. The provider sets it while it applies remote changes and writes the
     * tracking rows itself. Always switch it off again before commit: on databases where the flag is
     * a row (SQLite) it would otherwise outlive the transaction.
     */
    void suppressTracking(Connection connection, boolean suppress);
}
