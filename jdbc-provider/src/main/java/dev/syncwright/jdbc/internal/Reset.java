package dev.syncwright.jdbc.internal;

import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.ReplicaKeyMap;
import dev.syncwright.dialect.SyncTable;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * A client replica made new (ADR 043, {@code reinitialize}): in one transaction, its rows and tracking
 * rows of the scope are deleted without being tracked, it takes a new replica id with empty knowledge
 * and forgets its peers. The next sync downloads the scope as to a new device.
 */
public final class Reset {
    private Reset() {
    }

    public static ReplicaId wipe(JdbcScope scope) {
        ReplicaId fresh = ReplicaId.random();
        return scope.inTransaction("Emptying the replica of", c -> {
            scope.captureUpTo(c); // what was committed before is captured now, not after the wipe
            c.setAutoCommit(false);
            scope.dialect.ticks().nextTick(c); // takes the write lock: no local write interleaves
            try (Statement s = c.createStatement()) {
                scope.dialect.deferForeignKeys(c); // rows of a cycle go in any order; checked at commit
                for (int i = scope.tables.size() - 1; i >= 0; i--) { // children first
                    TableModel t = scope.tables.get(i);
                    scope.suppress(c, t.def.name(), t.def.name());
                    s.executeUpdate("DELETE FROM " + t.base);
                    scope.suppress(c, null, null);
                    s.executeUpdate("DELETE FROM " + t.tracking);
                }
            }
            Knowledge empty = Knowledge.empty(ReplicaKeyMap.forReplica(fresh));
            scope.store.reidentify(c, fresh, empty, empty);
            try (PreparedStatement d = c.prepareStatement("DELETE FROM " + scope.dialect.names().syncTable(SyncTable.PEERS)
                    + " WHERE scope_name = ?")) {
                d.setString(1, scope.definition.name());
                d.executeUpdate();
            }
            return fresh;
        });
    }
}
