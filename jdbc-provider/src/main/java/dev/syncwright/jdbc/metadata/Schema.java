package dev.syncwright.jdbc.metadata;

import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.ReplicaKeyMap;
import dev.syncwright.core.SyncException;

/**
 * Creates the metadata tables, or checks and migrates the ones found. The replica table is created
 * (if missing) and read first: its {@code schema_version} says which version wrote the rest, so a
 * store written by a newer Syncwright is refused before anything else is touched.
 */
final class Schema {
    private Schema() {
    }

    /** Returns the replica id of the store (the stored one, or a new one). */
    static ReplicaId openOrCreate(Db db, Tables t, ReplicaId wanted) {
        String name = t.replica;
        db.execute("Creating", name, t.createReplica());
        Object[] row = db.query("Reading the replica row of", name, t.replicaRow("schema_version", "replica_id"), Db.NONE,
                rs -> rs.next() ? new Object[] {rs.getInt(1), rs.getString(2)} : null);
        if (row == null) {
            return create(db, t, wanted == null ? ReplicaId.random() : wanted);
        }
        int version = (Integer) row[0];
        if (version > Tables.SCHEMA_VERSION) {
            throw new SyncException("Metadata store tables " + t.prefix + "* were written by a newer Syncwright (schema version "
                    + version + "); this version reads schema versions up to " + Tables.SCHEMA_VERSION
                    + ". Upgrade Syncwright, or open other tables with another prefix.");
        }
        if (version < 1) {
            throw new SyncException("Metadata store table " + name + " holds an invalid schema version " + version);
        }
        ReplicaId stored = ReplicaId.parse((String) row[1]);
        if (wanted != null && !wanted.equals(stored)) {
            throw new SyncException("Metadata store tables " + t.prefix + "* belong to replica " + stored + ", not " + wanted
                    + "; open them without a replica id, or use another prefix or file");
        }
        // Idempotent: completes a store whose first open was interrupted between the DDL statements.
        // Migrations from older schema versions go here, one step per version, each in its own transaction.
        createRest(db, t);
        return stored;
    }

    private static ReplicaId create(Db db, Tables t, ReplicaId id) {
        createRest(db, t);
        String name = t.replica;
        byte[] empty = Knowledge.empty(ReplicaKeyMap.forReplica(id)).encode();
        db.update("Initializing", name, t.insertReplica(), ps -> {
                    ps.setInt(1, Tables.SCHEMA_VERSION);
                    ps.setString(2, id.toString());
                    ps.setBytes(3, empty);
                    ps.setBytes(4, empty);
                });
        return id;
    }

    private static void createRest(Db db, Tables t) {
        // DDL runs in auto-commit mode: MariaDB commits DDL implicitly anyway, and IF NOT EXISTS makes a retry safe
        for (String ddl : t.createRest()) {
            db.execute("Creating", t.prefix + "*", ddl);
        }
    }
}
