package dev.syncwright.jdbc.internal;

import dev.syncwright.core.ItemId;
import dev.syncwright.dialect.SqlFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The item ids this replica tracks, read once per session and only when a full enumeration needs to
 * know which local items fall in a batch's range: one scan instead of one per batch. Ids only; the
 * applier re-reads each candidate's metadata inside its own transaction, so a stale entry is harmless
 * and an item created after the scan is new to the source anyway.
 */
public final class SessionIndex {
    private List<ItemId> ids;

    synchronized List<ItemId> idsInRange(JdbcScope scope, ItemId from, ItemId toExclusive) {
        if (ids == null) {
            ids = load(scope);
        }
        int lo = from == null ? 0 : position(from);
        int hi = toExclusive == null ? ids.size() : position(toExclusive);
        return new ArrayList<>(ids.subList(lo, Math.max(lo, hi)));
    }

    private int position(ItemId id) {
        int i = Collections.binarySearch(ids, id);
        return i >= 0 ? i : -i - 1;
    }

    private static List<ItemId> load(JdbcScope scope) {
        List<ItemId> out = new ArrayList<>();
        try (Connection c = scope.connect()) {
            for (TableModel t : scope.tables) {
                String cols = String.join(", ", t.key.stream().map(k -> scope.dialect.names().quote(k.name())).toList());
                try (PreparedStatement p = c.prepareStatement("SELECT " + cols + " FROM " + t.tracking);
                        ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        Object[] key = new Object[t.key.size()];
                        for (int i = 0; i < key.length; i++) {
                            key[i] = scope.codec.read(rs, i + 1, t.key.get(i).type());
                        }
                        out.add(t.keys.encode(key));
                    }
                }
            }
        } catch (SQLException e) {
            throw new SqlFailure("Listing tracked rows of", "scope " + scope.definition.name(), e);
        }
        Collections.sort(out);
        return out;
    }
}
