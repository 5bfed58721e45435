package dev.syncwright.jdbc.internal;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.spi.ItemWrite;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes of an apply that found the database otherwise than tracking said (issue 11): a row there
 * without tracking, a row tracked as living but gone. Each is recorded as what it is, a local change,
 * logged, and met as a conflict by the next pass, instead of being reported applied.
 */
final class Heal {
    private Heal() {
    }

    /**
     * Refused inserts whose row is there already, without a tracking row (written where no trigger
     * saw it, or its tracking row deleted): the row is tracked now as a local insert, so the next sync
     * meets it as an insert concurrent with the incoming one instead of refusing it forever.
     */
    static void untracked(JdbcScope scope, Connection c, List<ItemWrite> writes, Map<ItemId, String> refused, Map<ItemId, TrackedRow> local,
                          long tick) throws SQLException {
        long inserted = dev.syncwright.core.Version.local(tick).pack();
        try (Statements s = new Statements(c)) {
            for (ItemWrite w : writes) {
                TrackedRow before = local.get(w.itemId());
                if (!refused.containsKey(w.itemId()) || w.kind() != ItemWrite.Kind.UPSERT || (before != null && before.dv == null)) {
                    continue;
                }
                TableModel t = scope.table(w.itemId());
                Object[] key = before != null ? before.key : t.keys.decode(w.itemId());
                if (t.readValues(c, scope.codec, key) == null) {
                    continue; // refused for another reason
                }
                TrackingWrite.write(s, scope, t, key, tick, inserted, null, new Long[t.units.length], before != null);
                refused.put(w.itemId(), "table " + t.name() + ", row " + ScopeStore.json(key) + ": the row was there already without "
                        + "tracking (written where no trigger saw it); it is tracked as a local row now, and the change comes again");
            }
            s.flush();
        }
    }

    /**
     * Rows whose UPDATE found nothing: tracking said they lived, but they were deleted where no trigger
     * saw it (tracking suppressed, a trigger dropped). The deletion is recorded now, as a local one, so
     * the next sync meets it as what it is (a delete concurrent with the incoming change) instead of
     * reporting the change applied.
     */
    static void missing(JdbcScope scope, Connection c, Collection<ItemId> ids, Map<ItemId, TrackedRow> local, long tick)
            throws SQLException {
        long deleted = dev.syncwright.core.Version.local(tick).pack();
        try (Statements s = new Statements(c)) {
            for (ItemId id : ids) {
                TableModel t = scope.table(id);
                TrackedRow before = local.get(id);
                Object[] key = before != null ? before.key : t.keys.decode(id);
                long cv = before != null ? before.cv : deleted;
                Long[] units = before != null ? before.unitVersions : new Long[t.units.length];
                TrackingWrite.write(s, scope, t, key, tick, cv, deleted, units, true);
            }
            s.flush();
        }
    }
}
