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

    /**
     * Called with autocommit on, before the provider begins a transaction that applies a batch.
     * Where the database keeps every commit atomic and in order without waiting for the disk (SQLite
     * in WAL mode at {@code synchronous=NORMAL}), the apply transaction commits that way: a power cut
     * may then undo the last batches applied, but each together with the knowledge it taught, so
     * they are simply sent again; and any later commit that waits for the disk (the application's own
     * writes, an enumeration's watermark) makes them durable first. ADR 041.
     *
     * @return what {@link #restoreCommitDurability} needs to undo it, or -1 when nothing was changed
     */
    default int relaxCommitDurability(Connection connection) {
        return -1;
    }

    /** Undoes {@link #relaxCommitDurability}; called with autocommit on, after the transaction ended. */
    default void restoreCommitDurability(Connection connection, int previous) {}
}
