package dev.syncwright.jdbc.internal;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.Version;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/**
 * The repair of {@code verify} at the replica that is right (ADR 044): rows given fresh local versions
 * without changing them, so that the next sync carries their values (or, for a row it does not have,
 * a deletion) to every replica whose state differs, through the normal versioned path.
 */
public final class Touch {
    private Touch() {
    }

    /** Every change unit of each item gets the same fresh local version; an item without a base row gets a tombstone. */
    public static void items(JdbcScope scope, Collection<ItemId> ids) {
        scope.inTransaction("Giving rows fresh versions in", c -> {
            long tick = scope.dialect.ticks().nextTick(c);
            long fresh = Version.local(tick).pack();
            // the rewrites are multi-row updates, joined against a VALUES list: planned for the table as it is (ADR 055, 060)
            scope.dialect.planEveryExecution(c, true);
            try (Statements s = new Statements(c)) {
                for (ItemId id : ids) {
                    TableModel t = scope.table(id);
                    Object[] key = t.keys.decode(id);
                    TrackedRow row = tracking(c, scope, t, key);
                    boolean live = t.readValues(c, scope.codec, key) != null;
                    Long[] units = new Long[t.units.length];
                    if (live) {
                        for (int u = 0; u < units.length; u++) {
                            units[u] = t.units[u] == null ? null : fresh;
                        }
                    }
                    long cv = row != null && row.dv == null && live ? row.cv : fresh;
                    TrackingWrite.write(s, scope, t, key, tick, cv, live ? null : fresh, units, row != null);
                }
                s.flush();
            }
            return null;
        });
    }

    private static TrackedRow tracking(Connection c, JdbcScope scope, TableModel t, Object[] key) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(t.selectTracking)) {
            for (int i = 0; i < key.length; i++) {
                scope.codec.bind(p, i + 1, key[i], t.key.get(i).type());
            }
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? TrackedRow.read(rs, t, scope.codec, false) : null;
            }
        }
    }

}
