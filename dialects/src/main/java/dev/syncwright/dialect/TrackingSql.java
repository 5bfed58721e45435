package dev.syncwright.dialect;

import java.util.List;

/**
 * The SQL that provisions tracking. Every method returns complete statements in the order they must
 * run; nothing is executed here, so a plan can be printed or turned into a changelog as well.
 */
public interface TrackingSql {

    /** Shared objects: schema, scope table, table registry, conflict log, clock. */
    List<SqlStatement> createSyncObjects();

    /** Drops exactly what {@link #createSyncObjects()} created. */
    List<SqlStatement> dropSyncObjects();

    /**
     * Tracking table, triggers and a set-based backfill that gives every existing row one creation
     * version (a single tick), in the order that is both correct under concurrent writers and fast.
     */
    List<SqlStatement> provisionTable(TableDefinition table);

    /**
     * {@link #provisionTable} for an empty table a new client is about to fill with its first download
     * (ADR 063): the same objects except the INSERT trigger, so that the provider's inserts, which write
     * their tracking rows themselves, cost no trigger program per row. UPDATE and DELETE stay tracked.
     * {@link #repairTable} completes it: the INSERT trigger, and a tracking row for every row inserted
     * meanwhile by anyone else. Only for dialects with {@link Capabilities#bulkLoad}.
     */
    default List<SqlStatement> provisionTableForBulkLoad(TableDefinition table) {
        throw new UnsupportedOperationException("no bulk load on this database");
    }

    /**
     * Completes what {@link #provisionTableForBulkLoad} left out, with {@link #repairTable}'s healing
     * of the rows inserted meanwhile. The default: {@link #repairTable}.
     */
    default List<SqlStatement> completeBulkLoad(TableDefinition table) {
        return repairTable(table);
    }

    /** Drops the triggers, functions and tracking table of {@link #provisionTable}. */
    List<SqlStatement> deprovisionTable(TableDefinition table);

    /**
     * Re-provisioning after drift: adds a {@code sw_v} column for each change unit of {@code after}
     * beyond {@code before.changeUnitCount()} and regenerates the triggers; tracking rows are kept.
     */
    List<SqlStatement> alterTable(TableDefinition before, TableDefinition after);

    /**
     * Gives the values of change units {@code units} of every live row a fresh local version, where
     * the value is not NULL: after {@code ADD COLUMN ... DEFAULT} or {@code ALTER ... TYPE}, which
     * write every row without firing a trigger, so that every replica receives the values.
     */
    List<SqlStatement> stampUnits(TableDefinition table, List<Integer> units);

    /**
     * What the shared objects of an older format lack (the conflict log's {@code message} column),
     * found by looking at the catalog on {@code connection}; empty when they are current.
     */
    List<SqlStatement> upgradeSyncObjects(java.sql.Connection connection);

    /**
     * Puts back the tracking of a table whose triggers were lost (a table rebuilt, a restore without
     * triggers), its tracking table intact: the triggers again, then the rows written meanwhile
     * healed: a base row without a tracking row becomes a local insert, a live tracking row without
     * its base row a local delete. An update made while no trigger watched cannot be seen here;
     * {@code verify} finds it.
     */
    List<SqlStatement> repairTable(TableDefinition table);

    /**
     * The healing half of {@link #repairTable}, without touching the triggers: a base row without a
     * tracking row becomes a local insert, a live tracking row without its base row a local delete.
     * A bulk-loading client (ADR 063) runs it before it enumerates its changes, so that what the
     * application inserted meanwhile goes out in the same sync. Only for dialects with
     * {@link Capabilities#bulkLoad}.
     */
    default List<SqlStatement> trackUntracked(TableDefinition table) {
        throw new UnsupportedOperationException("no bulk load on this database");
    }

    /** An SQL expression for "now" in the type of the tracking column {@code sw_at}. */
    String changeTimeExpression();
}
