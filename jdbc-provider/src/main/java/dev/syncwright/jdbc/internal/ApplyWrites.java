package dev.syncwright.jdbc.internal;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.Version;
import dev.syncwright.core.spi.ItemWrite;
import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.ForeignKey;
import dev.syncwright.dialect.TableName;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statements of one batch's item writes, in phases (ADR 042):
 * <ol>
 *   <li>every tracking row, with the versions the runtime decided: written first, so that whatever
 *   the base writes set off afterwards (a trigger of the user, a foreign key's cascade, a write to
 *   another table) lands on top of them through the tracking triggers, as any local change does;</li>
 *   <li>foreign keys of rows about to be deleted that point at rows deleted before them, set NULL;</li>
 *   <li>deletes, children first; then inserts and updates, parents first;</li>
 *   <li>foreign keys that point forwards (a cycle, a table referencing itself) at rows written later
 *   in the batch, first written NULL and set here.</li>
 * </ol>
 * A phase writes one table's base rows; the provider's own statements of that table are the only
 * ones whose tracking is suppressed, and not even those for a table whose writes the database may
 * change (its triggers, generated columns...): such tables are read back instead ({@link ReadBack}).
 */
final class ApplyWrites {
    /** Statements of one item, batched normally, run alone under a savepoint when probing for refused rows. */
    interface Action {
        void run(Statements s) throws SQLException;
    }

    record Step(ItemId item, Action action) {}

    /** Steps writing one table's base rows ({@code table} non-null), or tracking rows; {@code suppress}: the provider's writes are untracked. */
    record Phase(TableModel table, boolean suppress, List<Step> steps) {}

    private final JdbcScope scope;
    private final Map<ItemId, TrackedRow> local;
    private final long tick;
    private final Set<TableModel> careful;
    private final Set<TableModel> triggered;
    /** Items whose stored values may differ from the values written (omitted defaults, careful tables). */
    final Set<ItemId> readBack = new LinkedHashSet<>();
    /** Highest value written per sequence-fed column. */
    final Map<TableModel, Map<ColumnDefinition, Long>> sequenceHighs = new HashMap<>();

    /**
     * @param careful   tables whose writes the database may change: written with their triggers on, read back
     * @param triggered tables among them with triggers of the user's, which may write any table
     */
    ApplyWrites(JdbcScope scope, Map<ItemId, TrackedRow> local, long tick, Set<TableModel> careful, Set<TableModel> triggered) {
        this.scope = scope;
        this.local = local;
        this.tick = tick;
        this.careful = careful;
        this.triggered = triggered;
    }

    List<Phase> phases(List<ItemWrite> writes) {
        Map<Integer, List<ItemWrite>> byTable = new HashMap<>();
        for (ItemWrite w : writes) {
            byTable.computeIfAbsent(KeyCodec.tableOf(w.itemId()), k -> new ArrayList<>()).add(w);
        }
        List<Integer> order = new ArrayList<>(byTable.keySet());
        Collections.sort(order);
        List<Phase> phases = new ArrayList<>();
        List<Step> tracking = new ArrayList<>();
        Set<TableModel> touched = touchedByOthers(writes);
        for (ItemWrite w : writes) {
            TableModel t = scope.table(w.itemId());
            TrackedRow before = local.get(w.itemId());
            Object[] key = keyOf(t, w, before);
            tracking.add(new Step(w.itemId(), s -> writeTracking(s, t, w, key, before)));
            if (careful.contains(t) || touched.contains(t)) {
                readBack.add(w.itemId());
            }
        }
        phases.add(new Phase(null, false, tracking));
        Map<TableName, List<ForeignKey>> forward = scope.forwardKeys();
        for (int i = order.size() - 1; i >= 0; i--) {
            TableModel t = scope.tables.get(order.get(i));
            List<ColumnDefinition> nullable = nullableForwardColumns(t, forward);
            List<Step> unlink = new ArrayList<>();
            if (!nullable.isEmpty()) {
                for (ItemWrite w : byTable.get(order.get(i))) {
                    TrackedRow before = local.get(w.itemId());
                    if (w.kind() != ItemWrite.Kind.UPSERT && before != null && before.dv == null) {
                        unlink.add(new Step(w.itemId(), s -> setColumns(s, t, before.key, nullable, null)));
                    }
                }
            }
            if (!unlink.isEmpty()) {
                phases.add(new Phase(t, !careful.contains(t), unlink));
            }
        }
        for (int i = order.size() - 1; i >= 0; i--) {
            TableModel t = scope.tables.get(order.get(i));
            List<Step> deletes = new ArrayList<>();
            for (ItemWrite w : byTable.get(order.get(i))) {
                TrackedRow before = local.get(w.itemId());
                // an item this replica never tracked may still have a row written where no trigger saw it
                // (verify's repair meets exactly these): the deletion removes it too, instead of missing it
                if (w.kind() != ItemWrite.Kind.UPSERT && (before == null || before.dv == null)) {
                    Object[] key = before != null ? before.key : t.keys.decode(w.itemId());
                    deletes.add(new Step(w.itemId(), s -> bindKey(s.get(t.deleteBase), 1, t, key).addBatch()));
                }
            }
            if (!deletes.isEmpty()) {
                phases.add(new Phase(t, !careful.contains(t), deletes));
            }
        }
        List<Phase> late = new ArrayList<>();
        for (int index : order) {
            TableModel t = scope.tables.get(index);
            List<ItemWrite> upserts = byTable.get(index).stream().filter(w -> w.kind() == ItemWrite.Kind.UPSERT).toList();
            if (upserts.isEmpty()) {
                continue;
            }
            ForwardTargets targets = new ForwardTargets(scope, t, forward.getOrDefault(t.def.name(), List.of()), byTable);
            List<Step> steps = new ArrayList<>();
            List<Step> lateSteps = new ArrayList<>();
            for (int k = 0; k < upserts.size(); k++) {
                ItemWrite w = upserts.get(k);
                TrackedRow before = local.get(w.itemId());
                Object[] key = keyOf(t, w, before);
                Object[] values = unitValues(t, w);
                List<ColumnDefinition> deferred = targets.deferred(values, k);
                steps.add(new Step(w.itemId(), s -> writeBase(s, t, w, key, values, deferred, before != null && before.dv == null)));
                if (!deferred.isEmpty()) {
                    lateSteps.add(new Step(w.itemId(), s -> setColumns(s, t, key, deferred, values)));
                }
                noteSequences(t, key, values, w);
            }
            phases.add(new Phase(t, !careful.contains(t), steps));
            if (!lateSteps.isEmpty()) {
                late.add(new Phase(t, !careful.contains(t), lateSteps));
            }
        }
        phases.addAll(late);
        return phases;
    }

    /**
     * Tables whose rows of this batch the database may write before the provider does: every table
     * when a table with triggers of the user's is written (a trigger may write anything), else the
     * tables whose foreign keys cascade from a table this batch deletes rows of. Such a row's value may
     * be written twice, by the cascade and by the provider, and only reading it back tells whether
     * its tracking trigger's version stands for a change of the database's own (ADR 042).
     */
    private Set<TableModel> touchedByOthers(List<ItemWrite> writes) {
        Set<TableModel> written = new HashSet<>();
        Set<TableName> deleting = new HashSet<>();
        for (ItemWrite w : writes) {
            TableModel t = scope.table(w.itemId());
            written.add(t);
            if (w.kind() != ItemWrite.Kind.UPSERT) {
                deleting.add(t.def.name());
            }
        }
        if (written.stream().anyMatch(triggered::contains)) {
            return written;
        }
        Set<TableModel> out = new HashSet<>();
        for (TableModel t : written) {
            for (ForeignKey fk : t.def.foreignKeys()) {
                if (fk.writesOnDelete() && deleting.contains(fk.referenced())) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private static Object[] keyOf(TableModel t, ItemWrite w, TrackedRow before) {
        return before != null ? before.key : t.keys.decode(w.itemId());
    }

    /** The write's values by change unit; units it does not carry are null. */
    static Object[] unitValues(TableModel t, ItemWrite w) {
        Object[] values = new Object[t.units.length];
        for (int i = 0; i < w.valueUnits().length; i++) {
            int u = w.valueUnits()[i];
            if (u < t.units.length && t.units[u] != null) {
                values[u] = w.values()[i];
            }
        }
        return values;
    }

    /** Units the write carries a value for (every unit of a row it replaces). */
    static BitSet carried(TableModel t, ItemWrite w) {
        BitSet b = new BitSet();
        for (int u : w.valueUnits()) {
            if (u < t.units.length && t.units[u] != null) {
                b.set(u);
            }
        }
        if (w.replaceRow()) {
            for (int u = 0; u < t.units.length; u++) {
                if (t.units[u] != null) {
                    b.set(u);
                }
            }
        }
        return b;
    }

    private void writeBase(Statements s, TableModel t, ItemWrite w, Object[] key, Object[] values, List<ColumnDefinition> deferred,
                           boolean baseExists) throws SQLException {
        Object[] written = values;
        if (!deferred.isEmpty()) {
            written = values.clone();
            for (ColumnDefinition c : deferred) {
                written[c.changeUnit()] = null;
            }
        }
        if (!baseExists) {
            if (!w.replaceRow()) {
                throw new SyncException("Table '" + t.name() + "': a change for row " + ScopeStore.json(key)
                        + " updates columns of a row this replica does not have");
            }
            insert(s, t, w.itemId(), key, written);
            return;
        }
        BitSet changed = carried(t, w);
        changed.andNot(t.generatedUnits);
        if (changed.isEmpty()) {
            return;
        }
        // a plain table's rows go many per statement (ADR 062); a careful table's one per statement,
        // so that its triggers see the statements they saw before (a statement trigger fires per row)
        RowUpdate rows = careful.contains(t) ? null : t.updateBaseRows(changed);
        if (rows != null) {
            Object[] row = new Object[key.length + changed.cardinality()];
            System.arraycopy(key, 0, row, 0, key.length);
            int at = key.length;
            for (int u = changed.nextSetBit(0); u >= 0; u = changed.nextSetBit(u + 1)) {
                row[at++] = written[u];
            }
            s.update(rows, (p, from, r) -> bindRow(p, from, rows, r), row, w.itemId(), (c, items) -> absent(c, t, items));
            return;
        }
        // a plain table's UPDATE must find its row; a careful table's is read back whatever happened
        PreparedStatement p = careful.contains(t) ? s.get(t.updateBase(changed)) : s.update(t.updateBase(changed), w.itemId());
        int col = 1;
        for (int u = changed.nextSetBit(0); u >= 0; u = changed.nextSetBit(u + 1)) {
            scope.codec.bind(p, col++, written[u], t.units[u].type());
        }
        bindKey(p, col, t, key).addBatch();
    }

    private void bindRow(PreparedStatement p, int from, RowUpdate rows, Object[] r) throws SQLException {
        for (int i = 0; i < r.length; i++) {
            scope.codec.bind(p, from + i, r[i], rows.type(i));
        }
    }

    /** Those of {@code items} (of table {@code t}) whose base row is not there: a few key lookups, only when an update came up short. */
    private List<ItemId> absent(java.sql.Connection c, TableModel t, List<ItemId> items) throws SQLException {
        Set<ItemId> present = new HashSet<>();
        t.selectByKeys(c, scope.codec, items, t::selectKeysIn, rs -> {
            Object[] key = new Object[t.key.size()];
            for (int i = 0; i < key.length; i++) {
                key[i] = scope.codec.read(rs, i + 1, t.key.get(i).type());
            }
            present.add(t.keys.encode(key));
        });
        return items.stream().filter(id -> !present.contains(id)).toList();
    }

    /**
     * Many rows per statement; a row that gives NULL to a NOT NULL column with a default leaves the
     * column out instead (the database writes its default, and the row is read back so the value travels).
     */
    private void insert(Statements s, TableModel t, ItemId id, Object[] key, Object[] values) throws SQLException {
        BitSet omitted = new BitSet();
        for (int u : t.insertBaseUnits) {
            ColumnDefinition c = t.units[u];
            if (values[u] == null && !c.nullable() && c.defaultValue() != null) {
                omitted.set(u);
            }
        }
        if (!omitted.isEmpty()) {
            readBack.add(id);
            PreparedStatement p = s.get(t.insertOmitting(omitted));
            int col = bindKeyAt(p, 1, t, key);
            for (int u : t.insertBaseUnits) {
                if (!omitted.get(u)) {
                    scope.codec.bind(p, col++, values[u], t.units[u].type());
                }
            }
            p.addBatch();
            return;
        }
        Object[] row = new Object[t.insertBaseTypes.length];
        System.arraycopy(key, 0, row, 0, key.length);
        int col = key.length;
        for (int u : t.insertBaseUnits) {
            row[col++] = values[u];
        }
        s.insert(t.insertBase, (p, at, r) -> {
            for (int i = 0; i < r.length; i++) {
                scope.codec.bind(p, at + i, r[i], t.insertBaseTypes[i]);
            }
        }, row);
    }

    /** UPDATE of some columns of one row: to the write's values, or to NULL when {@code values} is null. */
    private void setColumns(Statements s, TableModel t, Object[] key, List<ColumnDefinition> columns, Object[] values)
            throws SQLException {
        BitSet set = new BitSet();
        columns.forEach(c -> set.set(c.changeUnit()));
        PreparedStatement p = s.get(t.updateBase(set));
        int col = 1;
        for (int u = set.nextSetBit(0); u >= 0; u = set.nextSetBit(u + 1)) {
            scope.codec.bind(p, col++, values == null ? null : values[u], t.units[u].type());
        }
        bindKey(p, col, t, key).addBatch();
    }

    void writeTracking(Statements s, TableModel t, ItemWrite w, Object[] key, TrackedRow before) throws SQLException {
        if (w.kind() == ItemWrite.Kind.FORGET) {
            if (before != null) {
                bindKey(s.get(t.deleteTracking), 1, t, key).addBatch();
            }
            return;
        }
        Version[] uv = w.kind() == ItemWrite.Kind.UPSERT ? w.unitVersions() : new Version[0];
        Long[] units = new Long[t.units.length];
        for (int u = 0; u < units.length; u++) {
            units[u] = u < uv.length && uv[u] != null ? TrackedRow.store(uv[u]) : null;
        }
        Long dv = w.kind() == ItemWrite.Kind.DELETE ? TrackedRow.store(w.deletion()) : null;
        TrackingWrite.write(s, scope, t, key, tick, TrackedRow.store(w.creation()), dv, units, before != null);
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

    /** Nullable non-key columns of forward foreign keys: the ones that can be cleared before a delete. */
    private static List<ColumnDefinition> nullableForwardColumns(TableModel t, Map<TableName, List<ForeignKey>> forward) {
        List<ColumnDefinition> out = new ArrayList<>();
        for (ForeignKey fk : forward.getOrDefault(t.def.name(), List.of())) {
            List<ColumnDefinition> cols = fk.columns().stream().map(n -> t.def.column(n).orElse(null)).toList();
            if (cols.stream().allMatch(c -> c != null && c.nullable() && !c.inPrimaryKey() && !c.generated())) {
                cols.stream().filter(c -> !out.contains(c)).forEach(out::add);
            }
        }
        return out;
    }

    private void noteSequences(TableModel t, Object[] key, Object[] values, ItemWrite w) {
        for (ColumnDefinition c : t.sequenceColumns) {
            Object v = c.inPrimaryKey() ? key[c.keyPosition() - 1] : carried(t, w).get(c.changeUnit()) ? values[c.changeUnit()] : null;
            if (v instanceof Long l) {
                sequenceHighs.computeIfAbsent(t, k -> new HashMap<>()).merge(c, l, Math::max);
            }
        }
    }
}
