package dev.syncwright.dialect.sqlite;

import dev.syncwright.dialect.ColumnDefault;
import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.ForeignKey;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.SchemaException;
import dev.syncwright.dialect.SchemaReader;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TableName;
import dev.syncwright.dialect.UniqueConstraint;
import dev.syncwright.dialect.Jdbc;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the pragma table functions, which take the table name as a bound parameter (no quoting games). */
final class SqliteSchemaReader implements SchemaReader {

    /**
     * SQLite names are case-insensitive and tables and views share them, so at most one matches.
     * Only {@code main} is tracked: the sync objects live there.
     */
    @Override
    public Optional<TableName> resolve(Connection c, String schema, String name) {
        if (schema != null && !schema.equalsIgnoreCase("main")) {
            throw new SchemaException("Unknown schema '" + schema + "' in table name '" + schema + "." + name
                    + "': Syncwright tracks the tables of SQLite's 'main' database only");
        }
        Optional<TableName> table = table(c, name);
        if (table.isEmpty() && Jdbc.queryLong(c, "SELECT count(*) FROM sqlite_schema WHERE type = 'view' AND name = ? "
                + "COLLATE NOCASE", name, name) > 0) {
            throw new SchemaException("'" + name + "' is a view, not a table: only tables can be tracked");
        }
        return table;
    }

    private static Optional<TableName> table(Connection c, String name) {
        return Jdbc.query(c, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name = ? COLLATE NOCASE "
                + "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", name, rs -> new TableName(null, rs.getString(1)), name)
                .stream().findFirst();
    }

    @Override
    public TableDefinition read(Connection c, TableName table) {
        String t = table.name();
        // table_xinfo, not table_info: generated columns are hidden 2 (virtual) or 3 (stored)
        List<Object[]> raw = Jdbc.query(c, "SELECT name, type, \"notnull\", pk, dflt_value, hidden FROM pragma_table_xinfo(?) "
                + "WHERE hidden IN (0, 2, 3) ORDER BY cid", t,
                rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5), rs.getInt(6)}, t);
        if (raw.isEmpty()) {
            throw new SchemaException("Table " + t + " does not exist");
        }
        List<ColumnDefinition> columns = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        int changeUnit = 0;
        boolean rowidKey = raw.stream().filter(r -> (Integer) r[3] > 0).count() == 1;
        for (Object[] r : raw) {
            String col = (String) r[0];
            String declared = r[1] == null ? "" : (String) r[1];
            PortableType type = SqliteTypes.portable(declared);
            if (type == null) {
                unsupported.add(t + "." + col + " (" + (declared.isBlank() ? "no declared type" : declared) + ")");
                continue;
            }
            int key = (Integer) r[3];
            // a key column is NOT NULL in practice even where SQLite's legacy rules would allow NULL
            ColumnDefinition def = new ColumnDefinition(col, declared.strip(), type, key == 0 && (Integer) r[2] == 0, key,
                    key > 0 ? -1 : changeUnit++);
            if ((Integer) r[5] != 0) {
                def = def.asGenerated();
            } else if (key > 0 && rowidKey && declared.strip().equalsIgnoreCase("INTEGER")) {
                def = def.withDefault(new ColumnDefault(ColumnDefault.Kind.AUTO_INCREMENT, null, "rowid"));
            } else {
                def = def.withDefault(SqliteTypes.parseDefault((String) r[4], type));
            }
            columns.add(def);
        }
        if (!unsupported.isEmpty()) {
            throw new SchemaException("Table " + t + " has columns Syncwright cannot synchronize: " + String.join(", ", unsupported)
                    + "; declare one of the portable types");
        }
        return new TableDefinition(table, columns, foreignKeys(c, t), uniques(c, t), changeUnit);
    }

    /**
     * SQLite stores any value in any column; what matters is the declared type's affinity, which may
     * convert a value on the way in (ADR 042): numeric affinity turns text that looks like a number
     * into a number ('007' → 7) and a decimal of more than 15 digits into a rounded REAL. A column holds
     * the other side's values exactly when its affinity leaves them as the codec writes them.
     */
    @Override
    public String cannotHold(ColumnDefinition local, ColumnDefinition other) {
        String affinity = SqliteTypes.affinity(local.nativeType());
        PortableType o = other.type();
        boolean numericAffinity = affinity.equals("NUMERIC") || affinity.equals("INTEGER") || affinity.equals("REAL");
        String why = switch (o.kind()) {
            case SMALLINT, INTEGER, BIGINT, BOOLEAN -> affinity.equals("TEXT") || affinity.equals("REAL")
                    ? "has " + affinity + " affinity, which would store integers as " + (affinity.equals("TEXT") ? "text" : "floating-point numbers")
                    : null;
            case REAL, DOUBLE -> affinity.equals("TEXT") ? "has TEXT affinity, which would store numbers as text" : null;
            case NUMERIC -> numericAffinity && (o.precision() == null || o.precision() > 15)
                    ? "has " + affinity + " affinity, which keeps only 15 significant digits of a decimal; declare it DECIMAL_TEXT"
                    + (o.precision() == null ? "" : "(" + o.precision() + "," + (o.scale() == null ? 0 : o.scale()) + ")") : null;
            case TEXT, VARCHAR, CHAR, JSON -> numericAffinity
                    ? "has " + affinity + " affinity, which would turn text that looks like a number into a number ('007' into 7)"
                    : null;
            default -> null; // BLOBs are never converted; dates, times and UUIDs never look like numbers
        };
        return why == null ? null : "is declared " + local.nativeType() + " and " + why + " (the other replica's column is "
                + other.type() + ")";
    }

    /**
     * The file's schema cookie: SQLite moves it with every change of the schema (a table, column,
     * index or trigger created, dropped or altered, by any connection), so it changes whenever
     * {@link #trackingProblems} or {@link #read} could answer differently; triggers cannot be disabled
     * here. Database-wide, so a change elsewhere in the file only costs one more full check.
     */
    @Override
    public java.util.Optional<dev.syncwright.dialect.BoundQuery> catalogFingerprintQuery(Connection c, List<TableName> tables) {
        return java.util.Optional.of(new dev.syncwright.dialect.BoundQuery("SELECT 'schema ' || schema_version FROM pragma_schema_version",
                List.of()));
    }

    @Override
    public List<String> trackingProblems(Connection c, TableDefinition table) {
        return trackingProblems(c, table, false);
    }

    @Override
    public List<String> trackingProblems(Connection c, TableDefinition table, boolean bulkLoading) {
        SqliteNames names = new SqliteNames();
        SqliteTriggers triggers = new SqliteTriggers(names);
        String t = table.name().name();
        List<String> out = new ArrayList<>();
        List<String> present = Jdbc.query(c, "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?", t,
                rs -> rs.getString(1), t);
        for (String kind : table.changeUnits().isEmpty() ? List.of("ins", "updkey", "del") : List.of("ins", "upd", "updkey", "del")) {
            String name = triggers.triggerName(kind, table);
            if (!present.contains(name) && !(bulkLoading && kind.equals("ins"))) {
                out.add("trigger " + name + " of table " + t + " is missing");
            }
        }
        String tracking = names.trackingTableName(table.name()).name();
        if (Jdbc.queryLong(c, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", tracking, tracking) == 0) {
            out.add("the tracking table " + tracking + " of table " + t + " is missing");
        }
        return out;
    }

    @Override
    public List<String> applyEffects(Connection c, TableDefinition table) {
        String t = table.name().name();
        List<String> effects = new ArrayList<>();
        for (String trigger : Jdbc.query(c, "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ? "
                + "AND name NOT LIKE 'syncwright\\_%' ESCAPE '\\' ORDER BY name", t, rs -> rs.getString(1), t)) {
            effects.add("trigger " + trigger);
        }
        effects.addAll(SchemaReader.definitionEffects(table, col -> false));
        return effects;
    }

    private List<ForeignKey> foreignKeys(Connection c, String t) {
        Map<Integer, List<String[]>> byId = new LinkedHashMap<>();
        Jdbc.query(c, "SELECT id, \"table\", \"from\", \"to\", on_delete, on_update FROM pragma_foreign_key_list(?) "
                + "ORDER BY id, seq", t, rs -> {
            byId.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>())
                    .add(new String[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)});
            return null;
        }, t);
        List<ForeignKey> out = new ArrayList<>();
        byId.forEach((id, rows) -> {
            String parent = table(c, rows.get(0)[0]).map(TableName::name).orElse(rows.get(0)[0]);
            List<String> from = rows.stream().map(r -> r[1]).toList();
            List<String> to = rows.stream().anyMatch(r -> r[2] == null) ? List.of() : rows.stream().map(r -> r[2]).toList();
            out.add(new ForeignKey("fk" + id, from, new TableName(null, parent), to, rows.get(0)[3], rows.get(0)[4]));
        });
        return out;
    }

    private List<UniqueConstraint> uniques(Connection c, String t) {
        List<String> indexes = Jdbc.query(c, "SELECT name FROM pragma_index_list(?) WHERE origin = 'u' ORDER BY name", t,
                rs -> rs.getString(1), t);
        List<UniqueConstraint> out = new ArrayList<>();
        for (String ix : indexes) {
            out.add(new UniqueConstraint(ix, Jdbc.query(c, "SELECT name FROM pragma_index_info(?) ORDER BY seqno", ix,
                    rs -> rs.getString(1), ix)));
        }
        return out;
    }

    @Override
    public boolean syncObjectsExist(Connection c) {
        return Jdbc.queryLong(c, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?",
                "syncwright_scopes", SqliteNames.PREFIX + "scopes") > 0;
    }
}
