package dev.syncwright.jdbc.internal;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.Version;
import dev.syncwright.core.spi.ItemWrite;
import dev.syncwright.dialect.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * After the writes of a batch, reads back the rows whose stored values may differ from the values
 * written, and settles their tracking rows (ADR 042). The rule: <b>a change unit keeps the incoming
 * version only if the provider wrote it and the database stored exactly the value written</b>.
 * <ul>
 *   <li>a unit written whose stored value differs (a BEFORE trigger, a default, a generated column,
 *   a type that rewrites its input) gets a fresh local version: the stored value travels on,
 *   back to the sender too;</li>
 *   <li>a unit not written keeps what the tracking row holds now: changed by a tracking trigger
 *   meanwhile (ON UPDATE, a trigger's own UPDATE), it is a local change; otherwise the runtime's version;</li>
 *   <li>a row gone after an upsert (a trigger deleted or refused it) is a local delete; a row still
 *   there after a delete is a local re-insert, with every unit at the new version.</li>
 * </ul>
 * The tracking row is rewritten only where the result differs from what is stored.
 */
final class ReadBack {
    private static final int KEYS_PER_QUERY = 200;

    private final JdbcScope scope;
    private final Map<ItemId, TrackedRow> loaded;
    private final long tick;
    /** The stored values before the writes, where {@link #readBefore} read them. */
    private final Map<ItemId, Object[]> previous = new HashMap<>();

    ReadBack(JdbcScope scope, Map<ItemId, TrackedRow> loaded, long tick) {
        this.scope = scope;
        this.loaded = loaded;
        this.tick = tick;
    }

    private Map<TableModel, List<ItemWrite>> byTable(List<ItemWrite> writes, java.util.Set<ItemId> items) {
        Map<TableModel, List<ItemWrite>> byTable = new LinkedHashMap<>();
        for (ItemWrite w : writes) {
            if (items.contains(w.itemId())) {
                byTable.computeIfAbsent(scope.table(w.itemId()), k -> new ArrayList<>()).add(w);
            }
        }
        return byTable;
    }

    /**
     * Under log capture (ADR 065) no trigger sees the provider's writes, and the capture leaves them out:
     * the stored values of {@code items} are read before the writes, and a unit not written whose value
     * the database changed meanwhile (a trigger, a generated column) is a local change, as a trigger
     * would have recorded it.
     */
    void readBefore(Connection c, List<ItemWrite> writes, java.util.Set<ItemId> items) throws SQLException {
        for (Map.Entry<TableModel, List<ItemWrite>> e : byTable(writes, items).entrySet()) {
            List<ItemWrite> all = e.getValue();
            for (int from = 0; from < all.size(); from += KEYS_PER_QUERY) {
                previous.putAll(values(c, e.getKey(), all.subList(from, Math.min(all.size(), from + KEYS_PER_QUERY))));
            }
        }
    }

    /** Settles the tracking rows of {@code items} (ids of {@code writes}); returns how many had to be rewritten. */
    int settle(Connection c, List<ItemWrite> writes, java.util.Set<ItemId> items) throws SQLException {
        Map<TableModel, List<ItemWrite>> byTable = byTable(writes, items);
        int rewritten = 0;
        // the apply plans every statement for the data as it is (ADR 055): the lookups of many keys here,
        // and the rewrites, multi-row updates (ADR 062)
        try (Statements s = new Statements(c)) {
            for (Map.Entry<TableModel, List<ItemWrite>> e : byTable.entrySet()) {
                TableModel t = e.getKey();
                List<ItemWrite> all = e.getValue();
                for (int from = 0; from < all.size(); from += KEYS_PER_QUERY) {
                    List<ItemWrite> chunk = all.subList(from, Math.min(all.size(), from + KEYS_PER_QUERY));
                    Map<ItemId, TrackedRow> tracking = tracking(c, t, chunk);
                    Map<ItemId, Object[]> stored = values(c, t, chunk);
                    for (ItemWrite w : chunk) {
                        rewritten += settle(s, t, w, tracking.get(w.itemId()), stored.get(w.itemId())) ? 1 : 0;
                    }
                }
            }
            scope.dialect.joinByKey(c, true); // the flush writes tracking rows only: no trigger of the user's runs
            s.flush();
            scope.dialect.joinByKey(c, false);
        }
        return rewritten;
    }

    private boolean settle(Statements s, TableModel t, ItemWrite w, TrackedRow now, Object[] stored) throws SQLException {
        TrackedRow before = loaded.get(w.itemId());
        Object[] key = now != null ? now.key : before != null ? before.key : t.keys.decode(w.itemId());
        long local = Version.local(tick).pack();
        long cv;
        Long dv;
        Long[] units = new Long[t.units.length];
        if (stored == null && w.kind() != ItemWrite.Kind.UPSERT) {
            if (w.kind() == ItemWrite.Kind.FORGET) {
                return false;
            }
            cv = TrackedRow.store(w.creation());
            dv = TrackedRow.store(w.deletion());
            if (now != null) {
                System.arraycopy(now.unitVersions, 0, units, 0, Math.min(units.length, now.unitVersions.length));
            }
        } else if (stored == null) {
            cv = TrackedRow.store(w.creation());
            dv = local; // the row did not survive its own write: deleted here
        } else if (w.kind() != ItemWrite.Kind.UPSERT) {
            cv = local; // a delete the database did not carry out: the row lives on, as a new incarnation
            dv = null;
        } else {
            cv = TrackedRow.store(w.creation());
            dv = null;
            boolean inserted = before == null || before.dv != null;
            BitSet carried = ApplyWrites.carried(t, w);
            Object[] written = ApplyWrites.unitValues(t, w);
            Version[] plan = w.unitVersions();
            for (int u = 0; u < units.length; u++) {
                if (t.units[u] == null) {
                    continue;
                }
                Long planned = u < plan.length && plan[u] != null ? TrackedRow.store(plan[u]) : null;
                if (carried.get(u) || inserted) {
                    units[u] = same(stored[u], written[u]) ? planned : Long.valueOf(local);
                } else {
                    Long was = before.unitVersions.length > u ? before.unitVersions[u] : null;
                    Long is = now != null && now.unitVersions.length > u ? now.unitVersions[u] : null;
                    Object[] pre = previous.get(w.itemId());
                    units[u] = pre != null && !same(pre[u], stored[u]) ? Long.valueOf(local) : Objects.equals(was, is) ? planned : is;
                }
            }
        }
        if (now != null && now.cv == cv && Objects.equals(now.dv, dv) && Arrays.equals(normalized(now.unitVersions, cv), normalized(units, cv))) {
            return false;
        }
        long rowTick = now != null ? Math.max(now.tick, tick) : tick;
        TrackingWrite.write(s, scope, t, key, rowTick, cv, dv, normalized(units, cv), now != null);
        return true;
    }

    /** Unit versions equal to the creation version are stored as null. */
    private static Long[] normalized(Long[] units, long cv) {
        Long[] out = units.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] != null && out[i] == cv && cv != SqlNames.PENDING_VERSION) {
                out[i] = null;
            }
        }
        return out;
    }

    /** Canonical values compare by value; byte strings by content. */
    static boolean same(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return Objects.equals(a, b);
    }

    private Map<ItemId, TrackedRow> tracking(Connection c, TableModel t, List<ItemWrite> chunk) throws SQLException {
        Map<ItemId, TrackedRow> out = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(t.selectTrackingIn(chunk.size()))) {
            bindKeys(p, t, chunk);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    TrackedRow r = TrackedRow.read(rs, t, scope.codec, false);
                    out.put(r.id, r);
                }
            }
        }
        return out;
    }

    private Map<ItemId, Object[]> values(Connection c, TableModel t, List<ItemWrite> chunk) throws SQLException {
        Map<ItemId, Object[]> out = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(t.selectValuesIn(chunk.size()))) {
            bindKeys(p, t, chunk);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Object[] key = new Object[t.key.size()];
                    int col = 1;
                    for (int i = 0; i < key.length; i++) {
                        key[i] = scope.codec.read(rs, col++, t.key.get(i).type());
                    }
                    Object[] v = new Object[t.units.length];
                    for (int u = 0; u < v.length; u++, col++) {
                        v[u] = t.units[u] == null ? null : scope.codec.read(rs, col, t.units[u].type());
                    }
                    out.put(t.keys.encode(key), v);
                }
            }
        }
        return out;
    }

    private void bindKeys(PreparedStatement p, TableModel t, List<ItemWrite> chunk) throws SQLException {
        int col = 1;
        for (ItemWrite w : chunk) {
            TrackedRow before = loaded.get(w.itemId());
            Object[] key = before != null ? before.key : t.keys.decode(w.itemId());
            for (int i = 0; i < key.length; i++) {
                scope.codec.bind(p, col++, key[i], t.key.get(i).type());
            }
        }
    }
}
