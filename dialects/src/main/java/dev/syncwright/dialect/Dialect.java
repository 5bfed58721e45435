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
     * Turns tracking off for the statements this connection sends that write {@code table}, in the
     * current transaction; {@code null} turns it back on. The provider sets it while it applies
     * remote values to a table and writes that table's tracking rows itself. Nothing else is
     * suppressed (ADR 042): rows of other tables written meanwhile (by triggers, by a foreign key's
     * cascade) are tracked as local changes, and on PostgreSQL so are rows of {@code table} written by
     * a trigger or cascade rather than by the provider's own statement. Always switch it off again
     * before commit: on databases where the flag is a row (SQLite) or a session variable (MySQL) it
     * would otherwise outlive the transaction.
     */
    void suppressTracking(Connection connection, TableName table);

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

    /**
     * True when {@code e} is the database refusing one row's values (a constraint, a value the column
     * cannot hold, no partition for it), as opposed to a failure of the connection, the transaction or
     * the schema. The provider defers such a row with the message instead of failing the batch.
     */
    boolean refusesRow(java.sql.SQLException e);

    /** What an INSERT needs after its column list to write a {@code GENERATED ALWAYS} identity column ("" if nothing). */
    default String overridingIdentity() {
        return "";
    }

    /**
     * Moves {@code sequence} forward to at least {@code value} if it is behind, so that the database's
     * next generated value does not collide with a key a client inserted. Nothing by default
     * (AUTO_INCREMENT and SQLite's rowid follow explicit values themselves).
     */
    default void followSequence(Connection connection, String sequence, long value) {}

    /**
     * Re-creates {@code table} with a new definition, keeping its rows: {@code createScratch} creates
     * the new table under the name {@code scratch}; the rows of {@code columns} are copied, the old
     * table dropped and the new one renamed, with the user's own indexes and triggers re-created. For
     * a database that cannot change a column's type in place (SQLite). All or nothing; the tracking
     * triggers are gone afterwards and must be provisioned again.
     *
     * @throws UnsupportedOperationException where the database changes types with ALTER TABLE instead
     */
    default void rebuildTable(Connection connection, TableName table, TableName scratch, String createScratch,
                              java.util.List<String> columns) {
        throw new UnsupportedOperationException(id() + " changes column types in place");
    }
}
