package dev.syncwright.jdbc.internal;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ConflictResolution;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.Version;
import dev.syncwright.core.spi.ApplyContext;
import dev.syncwright.core.spi.ApplyPlan;
import dev.syncwright.core.spi.BatchApplier;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.ItemChange;
import dev.syncwright.core.spi.ItemMetadata;
import dev.syncwright.core.spi.ItemWrite;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.SyncTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies one change batch to a database replica in one transaction: a fresh tick first (it orders
 * this transaction among writers), trigger suppression on, the scope row locked, the local state of
 * the batch's items read, the runtime's plan computed, base rows and tracking rows written with JDBC
 * batches (deletes children first, upserts parents first), knowledge and conflict log saved, commit.
 */
public final class JdbcApply {
    private final JdbcScope scope;
    private final long statedWatermark;
    private final SessionIndex sessionIndex;

    public JdbcApply(JdbcScope scope, long statedWatermark, SessionIndex sessionIndex) {
        this.scope = scope;
        this.statedWatermark = statedWatermark;
        this.sessionIndex = sessionIndex;
    }

    public ApplyPlan apply(ChangeBatch batch, BatchApplier applier) {
        try {
            return apply(batch, applier, false);
        } catch (ConstraintRefused e) {
            // Some row needs a parent that has not arrived (or still has children here): apply the
            // batch again row by row and defer the refused rows; they come again on a later sync.
            return apply(batch, applier, true);
        }
    }

    private static final class ConstraintRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConstraintRefused(SQLException cause) {
            super(cause);
        }
    }

    private ApplyPlan apply(ChangeBatch batch, BatchApplier applier, boolean careful) {
        Connection c = scope.connect();
        String step = "starting a transaction on";
        int durability = -1;
        try {
            durability = scope.dialect.relaxCommitDurability(c);
            c.setAutoCommit(false);
            step = "taking a tick on";
            long tick = scope.dialect.ticks().nextTick(c);
            scope.dialect.suppressTracking(c, true);
            step = "locking the scope row of";
            ScopeStore.State st = scope.store.read(c, true);
            Knowledge known = st.knowledge().withTick(0, statedWatermark);
            step = "reading local rows of";
            Map<ItemId, TrackedRow> local = load(c, batch);
            ApplyContext ctx = context(c, local, known, st, tick);
            ApplyPlan plan = applier.plan(ctx);
            step = "writing rows to";
            List<ItemId> refused;
            try {
                refused = write(c, plan.writes(), local, tick, careful);
            } catch (SQLException e) {
                if (!careful && isConstraintViolation(e)) {
                    throw new ConstraintRefused(e);
                }
                throw e;
            }
            plan = refused.isEmpty() ? plan : deferRefused(plan, refused, known, batch);
            step = "saving knowledge and conflicts to";
            scope.store.save(c, plan.newKnowledge(), plan.newForgotten() != null ? plan.newForgotten() : st.forgotten());
            for (Conflict conflict : plan.conflicts()) {
                TableModel t = scope.table(conflict.itemId());
                scope.store.log(c, t, t.keys.decode(conflict.itemId()), conflict);
            }
            scope.dialect.suppressTracking(c, false);
            c.commit();
            return plan;
        } catch (SQLException e) {
            rollback(c, e);
            throw new SqlFailure("Applying a batch (" + step + ")", "scope " + scope.definition.name(), e);
        } catch (RuntimeException e) {
            rollback(c, e);
            throw e;
        } finally {
            try {
                if (durability >= 0) {
                    c.setAutoCommit(true);
                    scope.dialect.restoreCommitDurability(c, durability);
                }
                c.close();
            } catch (SQLException | RuntimeException ignored) {
                // the transaction is already committed or rolled back; at worst a pooled connection
                // keeps committing without waiting for the disk, which WAL mode keeps crash-safe
            }
        }
    }

    /** The plan with refused rows deferred: the knowledge keeps what it knew of them before, and each is logged. */
    private static ApplyPlan deferRefused(ApplyPlan plan, List<ItemId> refused, Knowledge before, ChangeBatch batch) {
        Knowledge k = plan.newKnowledge();
        List<Conflict> conflicts = new ArrayList<>(plan.conflicts());
        List<ItemWrite> writes = new ArrayList<>();
        for (ItemId id : refused) {
            k = k.excludeItem(id).merge(before.project(id, id.successor()));
            conflicts.add(new Conflict(ConflictKind.CONSTRAINT, id, null, null, null, false, null, null, ConflictResolution.DEFER));
        }
        for (ItemWrite w : plan.writes()) {
            if (!refused.contains(w.itemId())) {
                writes.add(w);
            }
        }
        return new ApplyPlan(writes, k, plan.newForgotten(), conflicts, plan.received(), plan.applied() - refused.size(),
                plan.skipped(), plan.deferred() + refused.size());
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static final int KEYS_PER_QUERY = 200;

    /** Reads the tracking rows of every item of the batch: per table, a few queries of many keys each. */
    private Map<ItemId, TrackedRow> load(Connection c, ChangeBatch batch) throws SQLException {
        Map<ItemId, TrackedRow> rows = new HashMap<>();
        Map<TableModel, List<ItemId>> byTable = new LinkedHashMap<>();
        for (ItemChange ch : batch.changes()) {
            byTable.computeIfAbsent(scope.table(ch.itemId()), k -> new ArrayList<>()).add(ch.itemId());
        }
        for (Map.Entry<TableModel, List<ItemId>> e : byTable.entrySet()) {
            TableModel t = e.getKey();
            List<ItemId> ids = e.getValue();
            for (int from = 0; from < ids.size(); from += KEYS_PER_QUERY) {
                List<ItemId> chunk = ids.subList(from, Math.min(ids.size(), from + KEYS_PER_QUERY));
                try (PreparedStatement p = c.prepareStatement(t.selectTrackingIn(chunk.size()))) {
                    int col = 1;
                    for (ItemId id : chunk) {
                        col = bindKeyAt(p, col, t, t.keys.decode(id));
                    }
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            TrackedRow r = TrackedRow.read(rs, t, scope.codec, false);
                            rows.put(r.id, r);
                        }
                    }
                }
            }
        }
        return rows;
    }

    private TrackedRow readTracking(Connection c, Map<TableModel, PreparedStatement> stmts, ItemId id) throws SQLException {
        TableModel t = scope.table(id);
        PreparedStatement p = stmts.get(t);
        if (p == null) {
            p = c.prepareStatement(t.selectTracking);
            stmts.put(t, p);
        }
        Object[] key = t.keys.decode(id);
        for (int i = 0; i < key.length; i++) {
            scope.codec.bind(p, i + 1, key[i], t.key.get(i).type());
        }
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() ? TrackedRow.read(rs, t, scope.codec, false) : null;
        }
    }

    private ApplyContext context(Connection c, Map<ItemId, TrackedRow> local, Knowledge known, ScopeStore.State st, long tick) {
        return new ApplyContext() {
            @Override
            public Knowledge knowledge() {
                return known;
            }

            @Override
            public Knowledge forgottenKnowledge() {
                return st.forgotten();
            }

            @Override
            public ItemMetadata item(ItemId id) {
                TrackedRow r = local.get(id);
                return r == null ? null : r.metadata();
            }

            @Override
            public List<ItemMetadata> itemsInRange(ItemId from, ItemId toExclusive) {
                List<ItemMetadata> out = new ArrayList<>();
                Map<TableModel, PreparedStatement> stmts = new LinkedHashMap<>();
                try {
                    for (ItemId id : sessionIndex.idsInRange(scope, from, toExclusive)) {
                        TrackedRow r = local.containsKey(id) ? local.get(id) : readTracking(c, stmts, id);
                        if (r != null) {
                            local.put(id, r);
                            out.add(r.metadata());
                        }
                    }
                    for (PreparedStatement p : stmts.values()) {
                        p.close();
                    }
                } catch (SQLException e) {
                    throw new SqlFailure("Reading local rows of", "scope " + scope.definition.name(), e);
                }
                return out;
            }

            @Override
            public Object[] values(ItemId id) {
                TableModel t = scope.table(id);
                try {
                    return t.readValues(c, scope.codec, t.keys.decode(id));
                } catch (SQLException e) {
                    throw new SqlFailure("Reading values of a row of", t.name(), e);
                }
            }

            @Override
            public long mintTick() {
                return tick;
            }
        };
    }

    /** One item's statements: executed in a JDBC batch normally, under a savepoint in careful mode. */
    private interface Action {
        void run(Statements s) throws SQLException;
    }

    /**
     * Writes base and tracking rows: deletes children first, upserts parents first. Normally in JDBC
     * batches; in careful mode item by item under savepoints, returning the items a constraint
     * refused (a parent that has not arrived yet, a child still present) so they can be deferred.
     */
    private List<ItemId> write(Connection c, List<ItemWrite> writes, Map<ItemId, TrackedRow> local, long tick, boolean careful)
            throws SQLException {
        List<ItemId> refused = new ArrayList<>();
        if (writes.isEmpty()) {
            return refused;
        }
        Map<Integer, List<ItemWrite>> byTable = new HashMap<>();
        for (ItemWrite w : writes) {
            byTable.computeIfAbsent(KeyCodec.tableOf(w.itemId()), k -> new ArrayList<>()).add(w);
        }
        List<Integer> order = new ArrayList<>(byTable.keySet());
        Collections.sort(order);
        List<ItemId> ids = new ArrayList<>();
        List<Action> actions = new ArrayList<>();
        List<Integer> phaseEnds = new ArrayList<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            TableModel t = scope.tables.get(order.get(i));
            for (ItemWrite w : byTable.get(order.get(i))) {
                if (w.kind() != ItemWrite.Kind.UPSERT) {
                    TrackedRow before = local.get(w.itemId());
                    Object[] key = before != null ? before.key : t.keys.decode(w.itemId());
                    ids.add(w.itemId());
                    actions.add(s -> {
                        if (before != null && before.dv == null) {
                            bindKey(s.get(t.deleteBase), 1, t, key).addBatch();
                        }
                        writeTracking(s, t, w, key, before, tick);
                    });
                }
            }
            phaseEnds.add(actions.size());
        }
        for (int index : order) {
            TableModel t = scope.tables.get(index);
            for (ItemWrite w : byTable.get(index)) {
                if (w.kind() == ItemWrite.Kind.UPSERT) {
                    TrackedRow before = local.get(w.itemId());
                    Object[] key = before != null ? before.key : t.keys.decode(w.itemId());
                    ids.add(w.itemId());
                    actions.add(s -> {
                        writeBase(s, t, w, key, before != null && before.dv == null);
                        writeTracking(s, t, w, key, before, tick);
                    });
                }
            }
            phaseEnds.add(actions.size());
        }
        try (Statements s = new Statements(c)) {
            if (!careful) {
                int a = 0;
                for (int end : phaseEnds) {
                    for (; a < end; a++) {
                        actions.get(a).run(s);
                    }
                    s.flush();
                }
            } else {
                for (int a = 0; a < actions.size(); a++) {
                    Savepoint sp = c.setSavepoint();
                    try {
                        actions.get(a).run(s);
                        s.flush();
                        c.releaseSavepoint(sp);
                    } catch (SQLException e) {
                        s.discard();
                        if (!isConstraintViolation(e)) {
                            throw e;
                        }
                        c.rollback(sp);
                        refused.add(ids.get(a));
                    }
                }
            }
        }
        if (hasOpenConflicts(c)) {
            for (ItemWrite w : writes) {
                if (!refused.contains(w.itemId())) {
                    TableModel t = scope.table(w.itemId());
                    scope.store.resolve(c, t, t.keys.decode(w.itemId()));
                }
            }
        }
        return refused;
    }

    /** Integrity-constraint violations (SQLState class 23; SQLite reports code 19 without a state). */
    static boolean isConstraintViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException x) {
                String state = x.getSQLState();
                if ((state != null && state.startsWith("23")) || x.getErrorCode() == 19 || (x.getErrorCode() & 0xff) == 19) {
                    return true;
                }
            }
        }
        return false;
    }

    private void writeBase(Statements s, TableModel t, ItemWrite w, Object[] key, boolean baseExists) throws SQLException {
        Object[] values = new Object[t.units.length];
        BitSet changed = new BitSet();
        for (int i = 0; i < w.valueUnits().length; i++) {
            int u = w.valueUnits()[i];
            if (u < t.units.length && t.units[u] != null) {
                values[u] = w.values()[i];
                changed.set(u);
            }
        }
        if (!baseExists) {
            if (!w.replaceRow()) {
                throw new SyncException("Table '" + t.name() + "': a change for row " + ScopeStore.json(key)
                        + " updates columns of a row this replica does not have");
            }
            Object[] row = new Object[t.insertBaseTypes.length];
            System.arraycopy(key, 0, row, 0, key.length);
            int col = key.length;
            for (int u = 0; u < t.units.length; u++) {
                if (t.units[u] != null) {
                    row[col++] = values[u];
                }
            }
            s.insert(t.insertBase, (p, at, r) -> {
                for (int i = 0; i < r.length; i++) {
                    scope.codec.bind(p, at + i, r[i], t.insertBaseTypes[i]);
                }
            }, row);
            return;
        }
        if (w.replaceRow()) {
            for (int u = 0; u < t.units.length; u++) {
                if (t.units[u] != null) {
                    changed.set(u);
                }
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        PreparedStatement p = s.get(t.updateBase(changed));
        int col = 1;
        for (int u = changed.nextSetBit(0); u >= 0; u = changed.nextSetBit(u + 1)) {
            scope.codec.bind(p, col++, values[u], t.units[u].type());
        }
        bindKey(p, col, t, key).addBatch();
    }

    private void writeTracking(Statements s, TableModel t, ItemWrite w, Object[] key, TrackedRow before, long tick)
            throws SQLException {
        if (w.kind() == ItemWrite.Kind.FORGET) {
            if (before != null) {
                bindKey(s.get(t.deleteTracking), 1, t, key).addBatch();
            }
            return;
        }
        boolean pendingFlags = scope.dialect.capabilities().pendingStamps();
        // key columns first, then sw_tick, sw_cv, sw_dv, the unit versions and [sw_pend]: the insert's order
        Object[] row = new Object[key.length + 3 + t.units.length + (pendingFlags ? 1 : 0)];
        System.arraycopy(key, 0, row, 0, key.length);
        int col = key.length;
        row[col++] = tick;
        row[col++] = TrackedRow.store(w.creation());
        boolean pending = w.creation().equals(TrackedRow.PENDING);
        row[col++] = w.kind() == ItemWrite.Kind.DELETE ? TrackedRow.store(w.deletion()) : null;
        Version[] uv = w.kind() == ItemWrite.Kind.UPSERT ? w.unitVersions() : new Version[0];
        for (int u = 0; u < t.units.length; u++) {
            Version v = u < uv.length ? uv[u] : null;
            row[col++] = v == null ? null : TrackedRow.store(v);
            pending |= v != null && v.equals(TrackedRow.PENDING);
        }
        if (pendingFlags) {
            row[col] = pending ? 1 : null;
        }
        if (before == null) {
            s.insert(t.insertTracking, (p, at, r) -> bindTracking(p, at, t, r, 0, r.length), row);
            return;
        }
        PreparedStatement p = s.get(t.updateTracking);
        bindTracking(p, 1, t, row, key.length, row.length);
        bindKeyAt(p, 1 + row.length - key.length, t, key);
        p.addBatch();
    }

    /** Binds {@code row[from..to)} of a tracking row at parameter {@code at}: key values by type, versions as BIGINT, the pending flag as TINYINT. */
    private void bindTracking(PreparedStatement p, int at, TableModel t, Object[] row, int from, int to) throws SQLException {
        int keys = t.key.size();
        boolean pendingFlags = scope.dialect.capabilities().pendingStamps();
        for (int i = from; i < to; i++, at++) {
            Object v = row[i];
            if (i < keys) {
                scope.codec.bind(p, at, v, t.key.get(i).type());
            } else if (pendingFlags && i == row.length - 1) {
                if (v == null) {
                    p.setNull(at, java.sql.Types.TINYINT);
                } else {
                    p.setInt(at, 1);
                }
            } else if (v == null) {
                p.setNull(at, java.sql.Types.BIGINT);
            } else {
                p.setLong(at, (Long) v);
            }
        }
    }

    private PreparedStatement bindKey(PreparedStatement p, int from, TableModel t, Object[] key) throws SQLException {
        bindKeyAt(p, from, t, key);
        return p;
    }

    private int bindKeyAt(PreparedStatement p, int from, TableModel t, Object[] key) throws SQLException {
        for (int i = 0; i < key.length; i++) {
            scope.codec.bind(p, from + i, key[i], t.key.get(i).type());
        }
        return from + key.length;
    }

    private boolean hasOpenConflicts(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM " + scope.dialect.names().syncTable(SyncTable.CONFLICTS)
                + " WHERE scope_name = ? AND resolved = ?")) {
            p.setString(1, scope.definition.name());
            p.setBoolean(2, false);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }
}
