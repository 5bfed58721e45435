package dev.syncwright.jdbc.internal;

import dev.syncwright.dialect.ValueCodec;
import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.TableDefinition;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One tracked table as the provider uses it: its key codec, the columns by change-unit index
 * (null for a retired index), and the SQL it runs, generated once. Every identifier is quoted by
 * the dialect; every value is bound.
 */
public final class TableModel {
    final TableDefinition def;
    final KeyCodec keys;
    final List<ColumnDefinition> key;
    /** Column of each change unit, null where the index is retired (column dropped). */
    final ColumnDefinition[] units;
    final String base;
    final String tracking;
    final String selectChanged;
    /** {@link #selectChanged} minus rows all of whose versions are the destination's own (one parameter per version column). */
    final String selectChangedForeign;
    final String selectTracking;
    final String selectValues;
    /** Base-row insert: key columns, then the written unit columns in unit order (retired and generated units left out). */
    final RowInsert insertBase;
    /** Types of {@link #insertBase}'s columns, in order. */
    final PortableType[] insertBaseTypes;
    /** The change units {@link #insertBase} writes, in its column order after the key. */
    final int[] insertBaseUnits;
    /** Units the database computes (generated columns): never written, always read back. */
    final BitSet generatedUnits = new BitSet();
    /** Columns whose values a sequence the database does not move by itself hands out (PostgreSQL serial, identity). */
    final List<ColumnDefinition> sequenceColumns;
    final String deleteBase;
    /** Tracking-row insert: key columns, sw_tick, sw_cv, sw_dv, the unit versions, [sw_pend]; sw_at is computed. */
    final RowInsert insertTracking;
    final String updateTracking;
    /** {@link #updateTracking} for many rows (ADR 062), rows laid out as {@link #insertTracking}'s; null where the dialect has none. */
    final RowUpdate updateTrackingRows;
    final String deleteTracking;
    /** 2^40: a packed version divided by it is its replica key (integer division; versions are non-negative). */
    private static final long KEY_UNIT = 1L << dev.syncwright.core.Version.TICK_BITS;
    private final Dialect dialect;
    private final String keyWhere;
    private final Map<BitSet, String> updateBase = new ConcurrentHashMap<>();
    private final Map<BitSet, java.util.Optional<RowUpdate>> updateBaseRows = new ConcurrentHashMap<>();
    private final Map<Integer, String> selectKeysIn = new ConcurrentHashMap<>();
    private final Map<BitSet, String> insertOmitting = new ConcurrentHashMap<>();
    private final Map<Integer, String> selectTrackingIn = new ConcurrentHashMap<>();
    private final Map<Integer, String> selectValuesIn = new ConcurrentHashMap<>();
    private final String overriding;

    /** The number of change units (tracked columns) of this table. */
    public int unitCount() {
        return units.length;
    }

    public TableModel(Dialect dialect, TableDefinition def, int index) {
        this.dialect = dialect;
        this.def = def;
        this.key = def.primaryKey();
        this.keys = new KeyCodec(def.name().toString(), index, key);
        this.units = new ColumnDefinition[def.changeUnitCount()];
        for (ColumnDefinition c : def.changeUnits()) {
            units[c.changeUnit()] = c;
            if (c.generated()) {
                generatedUnits.set(c.changeUnit());
            }
        }
        this.sequenceColumns = def.columns().stream()
                .filter(c -> c.defaultValue() != null && c.defaultValue().sequenceNeedsFollowing() && c.defaultValue().value() != null)
                .filter(c -> switch (c.type().kind()) {
                    case SMALLINT, INTEGER, BIGINT -> true;
                    default -> false;
                }).toList();
        boolean always = def.columns().stream()
                .anyMatch(c -> c.defaultValue() != null && c.defaultValue().kind() == dev.syncwright.dialect.ColumnDefault.Kind.IDENTITY_ALWAYS);
        this.overriding = always ? dialect.overridingIdentity() : "";
        SqlNames n = dialect.names();
        this.base = n.table(def.name());
        this.tracking = n.trackingTable(def.name());
        String now = dialect.tracking().changeTimeExpression();
        StringJoiner keyCols = new StringJoiner(", ");
        StringJoiner keyWhere = new StringJoiner(" AND ");
        StringJoiner trackedKeyWhere = new StringJoiner(" AND ");
        StringJoiner join = new StringJoiner(" AND ");
        StringJoiner order = new StringJoiner(", ");
        for (ColumnDefinition k : key) {
            String q = n.quote(k.name());
            keyCols.add("t." + q);
            keyWhere.add(q + " = ?");
            trackedKeyWhere.add("t." + q + " = ?");
            join.add("b." + q + " = t." + q);
            order.add(binaryOrder("t." + q, k.type()));
        }
        this.keyWhere = keyWhere.toString();
        StringJoiner versions = new StringJoiner(", ");
        StringJoiner values = new StringJoiner(", ");
        for (int u = 0; u < units.length; u++) {
            versions.add("t." + SqlNames.changeUnitColumn(u));
            values.add(units[u] == null ? "NULL" : dialect.codec().selectExpression("b." + n.quote(units[u].name()), units[u].type()));
        }
        String meta = keyCols + ", t.sw_tick, t.sw_cv, t.sw_dv" + (units.length > 0 ? ", " + versions : "");
        this.selectChanged = "SELECT " + meta + (units.length > 0 ? ", " + values : "") + " FROM " + tracking + " t LEFT JOIN "
                + base + " b ON " + join + " WHERE t.sw_tick > ? ORDER BY " + order;
        // A destination knows its own versions: rows it wrote and that nobody changed since (typically
        // everything it just uploaded, or a server's rows echoed in a client) need no look in Java.
        String div = dialect.names().integerDivision();
        StringJoiner own = new StringJoiner(" AND ", " AND NOT (", ")");
        own.add("t.sw_cv >= 0 AND (t.sw_cv" + div + KEY_UNIT + ") = ?");
        own.add("(t.sw_dv IS NULL OR (t.sw_dv >= 0 AND (t.sw_dv" + div + KEY_UNIT + ") = ?))");
        for (int u = 0; u < units.length; u++) {
            String v = "t." + SqlNames.changeUnitColumn(u);
            own.add("(" + v + " IS NULL OR (" + v + " >= 0 AND (" + v + div + KEY_UNIT + ") = ?))");
        }
        this.selectChangedForeign = selectChanged.replace(" WHERE t.sw_tick > ? ORDER BY ", " WHERE t.sw_tick > ?" + own + " ORDER BY ");
        this.selectTracking = "SELECT " + meta + " FROM " + tracking + " t WHERE " + trackedKeyWhere;
        StringJoiner valueCols = new StringJoiner(", ");
        for (ColumnDefinition u : units) {
            valueCols.add(u == null ? "NULL" : dialect.codec().selectExpression(n.quote(u.name()), u.type()));
        }
        this.selectValues = "SELECT " + (units.length == 0 ? "1" : valueCols) + " FROM " + base + " WHERE " + keyWhere;
        StringJoiner insCols = new StringJoiner(", ");
        StringJoiner insMarks = new StringJoiner(", ", "(", ")");
        List<PortableType> insTypes = new java.util.ArrayList<>();
        for (ColumnDefinition k : key) {
            insCols.add(n.quote(k.name()));
            insMarks.add("?");
            insTypes.add(k.type());
        }
        List<Integer> insUnits = new java.util.ArrayList<>();
        for (ColumnDefinition u : units) {
            if (u != null && !u.generated()) {
                insCols.add(n.quote(u.name()));
                insMarks.add("?");
                insTypes.add(u.type());
                insUnits.add(u.changeUnit());
            }
        }
        this.insertBase = new RowInsert("INSERT INTO " + base + " (" + insCols + ")" + overriding + " VALUES ", insMarks.toString(),
                insTypes.size());
        this.insertBaseTypes = insTypes.toArray(PortableType[]::new);
        this.insertBaseUnits = insUnits.stream().mapToInt(Integer::intValue).toArray();
        this.deleteBase = "DELETE FROM " + base + " WHERE " + keyWhere;
        StringJoiner trCols = new StringJoiner(", ");
        StringJoiner trMarks = new StringJoiner(", ");
        StringJoiner trSet = new StringJoiner(", ");
        for (ColumnDefinition k : key) {
            trCols.add(n.quote(k.name()));
            trMarks.add("?");
        }
        for (String c : List.of("sw_tick", "sw_cv", "sw_dv")) {
            trCols.add(c);
            trMarks.add("?");
            trSet.add(c + " = ?");
        }
        for (int u = 0; u < units.length; u++) {
            trCols.add(SqlNames.changeUnitColumn(u));
            trMarks.add("?");
            trSet.add(SqlNames.changeUnitColumn(u) + " = ?");
        }
        if (dialect.capabilities().pendingStamps()) {
            // Tables whose triggers mark rows pending: a row the provider writes is final.
            trSet.add("sw_pend = ?");
        }
        boolean pend = dialect.capabilities().pendingStamps();
        this.insertTracking = new RowInsert("INSERT INTO " + tracking + " (" + trCols + ", sw_at" + (pend ? ", sw_pend" : "") + ") VALUES ",
                "(" + trMarks + ", " + now + (pend ? ", ?" : "") + ")", key.size() + 3 + units.length + (pend ? 1 : 0));
        this.updateTracking = "UPDATE " + tracking + " SET " + trSet + ", sw_at = " + now + " WHERE " + keyWhere;
        List<ColumnDefinition> trackingSet = new java.util.ArrayList<>();
        for (String c : List.of("sw_tick", "sw_cv", "sw_dv")) {
            trackingSet.add(version(c));
        }
        for (int u = 0; u < units.length; u++) {
            trackingSet.add(version(SqlNames.changeUnitColumn(u)));
        }
        if (pend) {
            trackingSet.add(new ColumnDefinition("sw_pend", "tinyint", PortableType.of(PortableType.Kind.SMALLINT), true, 0, -1));
        }
        this.updateTrackingRows = rowUpdate(tracking, trackingSet, "sw_at = " + now);
        this.deleteTracking = "DELETE FROM " + tracking + " WHERE " + keyWhere;
    }

    /** ORDER BY term that sorts like the key codec's bytes (binary collation for text). */
    private String binaryOrder(String column, PortableType t) {
        return dialect.names().binaryOrder(column, t);
    }

    /**
     * Every base row (keys, then values by unit) in item-id order; with {@code from}, only rows at or
     * after a key, with {@code to}, only rows before one (one parameter per key column each, compared
     * as the key codec orders them): an index range, however large the table.
     */
    String selectRowsInOrder(boolean from, boolean to) {
        StringJoiner cols = new StringJoiner(", ");
        StringJoiner order = new StringJoiner(", ");
        for (ColumnDefinition k : key) {
            String q = dialect.names().quote(k.name());
            cols.add(q);
            order.add(binaryOrder(q, k.type()));
        }
        for (ColumnDefinition u : units) {
            cols.add(u == null ? "NULL" : dialect.codec().selectExpression(dialect.names().quote(u.name()), u.type()));
        }
        // the column side carries the binary collation; an explicit collation decides the comparison
        String params = String.join(", ", java.util.Collections.nCopies(key.size(), "?"));
        String lhs = key.size() == 1 ? order.toString() : "(" + order + ")";
        String rhs = key.size() == 1 ? params : "(" + params + ")";
        StringJoiner where = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
        if (from) {
            where.add(lhs + " >= " + rhs);
        }
        if (to) {
            where.add(lhs + " < " + rhs);
        }
        return "SELECT " + cols + " FROM " + base + where + " ORDER BY " + order;
    }

    /** The tracking rows of {@code n} keys at once: {@code WHERE key IN (...)} with row values for composite keys. */
    String selectTrackingIn(int n) {
        return selectTrackingIn.computeIfAbsent(n, count -> selectTracking.substring(0, selectTracking.indexOf(" WHERE ")) + " WHERE "
                + keysIn("t.", count));
    }

    /** Keys and values (by unit, like {@link #selectValues}) of the base rows of {@code n} keys. */
    String selectValuesIn(int n) {
        return selectValuesIn.computeIfAbsent(n, count -> {
            StringJoiner cols = new StringJoiner(", ");
            key.forEach(k -> cols.add(dialect.names().quote(k.name())));
            for (ColumnDefinition u : units) {
                cols.add(u == null ? "NULL" : dialect.codec().selectExpression(dialect.names().quote(u.name()), u.type()));
            }
            return "SELECT " + cols + " FROM " + base + " WHERE " + keysIn("", count);
        });
    }

    private String keysIn(String alias, int count) {
        StringJoiner cols = new StringJoiner(", ", key.size() > 1 ? "(" : "", key.size() > 1 ? ")" : "");
        for (ColumnDefinition k : key) {
            cols.add(alias + dialect.names().quote(k.name()));
        }
        String one = key.size() > 1 ? "(" + String.join(", ", java.util.Collections.nCopies(key.size(), "?")) + ")" : "?";
        return cols + " IN (" + String.join(", ", java.util.Collections.nCopies(count, one)) + ")";
    }

    /**
     * A one-row insert that leaves the given units out, so the database writes their defaults:
     * key columns, then the written units of {@link #insertBaseUnits} not in {@code omitted}.
     */
    String insertOmitting(BitSet omitted) {
        return insertOmitting.computeIfAbsent((BitSet) omitted.clone(), set -> {
            StringJoiner cols = new StringJoiner(", ");
            StringJoiner marks = new StringJoiner(", ");
            key.forEach(k -> {
                cols.add(dialect.names().quote(k.name()));
                marks.add("?");
            });
            for (int u : insertBaseUnits) {
                if (!set.get(u)) {
                    cols.add(dialect.names().quote(units[u].name()));
                    marks.add("?");
                }
            }
            return "INSERT INTO " + base + " (" + cols + ")" + overriding + " VALUES (" + marks + ")";
        });
    }

    /**
     * The enumeration query with the lower bound written into it. The bound decides the plan — a few
     * rows through the tick index, or the whole table in key order — and a generic plan made for an
     * unknown bound (PostgreSQL after a few executions) scans the table even for ten changes. It is a
     * long, so writing it in is safe.
     */
    String selectChanged(long lowerBound, boolean excludeDestination) {
        String sql = excludeDestination ? selectChangedForeign : selectChanged;
        return sql.replace(" WHERE t.sw_tick > ?", " WHERE t.sw_tick > " + lowerBound);
    }

    /** The base row's values by change unit (null for a retired unit), or null when the row does not exist. */
    Object[] readValues(java.sql.Connection c, ValueCodec codec, Object[] keyValues) throws java.sql.SQLException {
        try (java.sql.PreparedStatement p = c.prepareStatement(selectValues)) {
            for (int i = 0; i < keyValues.length; i++) {
                codec.bind(p, i + 1, keyValues[i], key.get(i).type());
            }
            try (java.sql.ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Object[] v = new Object[units.length];
                for (int u = 0; u < v.length; u++) {
                    v[u] = units[u] == null ? null : codec.read(rs, u + 1, units[u].type());
                }
                return v;
            }
        }
    }

    /** A tracking column holding a packed version (or the tick): BIGINT. */
    private static ColumnDefinition version(String name) {
        return new ColumnDefinition(name, "bigint", PortableType.of(PortableType.Kind.BIGINT), true, 0, -1);
    }

    /** The dialect's multi-row UPDATE of {@code set} by key, with the binding types of its rows; null where it has none. */
    private RowUpdate rowUpdate(String table, List<ColumnDefinition> set, String alsoSet) {
        PortableType[] types = new PortableType[key.size() + set.size()];
        for (int i = 0; i < key.size(); i++) {
            types[i] = key.get(i).type();
        }
        for (int i = 0; i < set.size(); i++) {
            types[key.size() + i] = set.get(i).type();
        }
        return dialect.updateRows(table, key, set, alsoSet).map(t -> new RowUpdate(t, types)).orElse(null);
    }

    /**
     * {@link #updateBase} for many rows (ADR 062), cached per set: a row is the key values, then the
     * values of {@code changedUnits} in unit order. Null where the dialect has none for these columns.
     */
    RowUpdate updateBaseRows(BitSet changedUnits) {
        return updateBaseRows.computeIfAbsent((BitSet) changedUnits.clone(), set -> java.util.Optional.ofNullable(
                rowUpdate(base, set.stream().mapToObj(u -> units[u]).toList(), ""))).orElse(null);
    }

    /** Reads one result row of {@link #selectByKeys}. */
    interface KeyedRow {
        void read(java.sql.ResultSet rs) throws java.sql.SQLException;
    }

    /** Keys per query of {@link #selectByKeys}. */
    static final int KEYS_PER_QUERY = 200;

    /**
     * Runs {@code sql} (a query of {@code n} keys, as {@link #selectTrackingIn}) for the keys of
     * {@code ids}, {@value #KEYS_PER_QUERY} at a time, handing each result row to {@code each}.
     */
    void selectByKeys(java.sql.Connection c, ValueCodec codec, List<dev.syncwright.core.ItemId> ids,
                      java.util.function.IntFunction<String> sql, KeyedRow each) throws java.sql.SQLException {
        for (int from = 0; from < ids.size(); from += KEYS_PER_QUERY) {
            List<dev.syncwright.core.ItemId> chunk = ids.subList(from, Math.min(ids.size(), from + KEYS_PER_QUERY));
            try (java.sql.PreparedStatement p = c.prepareStatement(sql.apply(chunk.size()))) {
                int col = 1;
                for (dev.syncwright.core.ItemId id : chunk) {
                    Object[] k = keys.decode(id);
                    for (int i = 0; i < k.length; i++) {
                        codec.bind(p, col++, k[i], key.get(i).type());
                    }
                }
                try (java.sql.ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        each.read(rs);
                    }
                }
            }
        }
    }

    /** The keys of those of {@code n} keys whose base row exists. */
    String selectKeysIn(int n) {
        return selectKeysIn.computeIfAbsent(n, count -> {
            StringJoiner cols = new StringJoiner(", ");
            key.forEach(k -> cols.add(dialect.names().quote(k.name())));
            return "SELECT " + cols + " FROM " + base + " WHERE " + keysIn("", count);
        });
    }

    /** UPDATE of the base row's given change units (cached per set). */
    String updateBase(BitSet changedUnits) {
        return updateBase.computeIfAbsent((BitSet) changedUnits.clone(), set -> {
            StringJoiner sets = new StringJoiner(", ");
            set.stream().forEach(u -> sets.add(dialect.names().quote(units[u].name()) + " = ?"));
            return "UPDATE " + base + " SET " + sets + " WHERE " + keyWhere;
        });
    }

    public TableDefinition definition() {
        return def;
    }

    public String name() {
        return def.name().toString();
    }
}
