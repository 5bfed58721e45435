package dev.syncwright.dialect.sqlite;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.ForeignKey;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.SchemaException;
import dev.syncwright.dialect.SchemaReader;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TableName;
import dev.syncwright.dialect.UniqueConstraint;
import dev.syncwright.dialect.internal.Jdbc;
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
        List<Object[]> raw = Jdbc.query(c, "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid", t,
                rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4)}, t);
        if (raw.isEmpty()) {
            throw new SchemaException("Table " + t + " does not exist");
        }
        List<ColumnDefinition> columns = new ArrayList<>();
        int changeUnit = 0;
        for (Object[] r : raw) {
            String col = (String) r[0];
            String declared = (String) r[1];
            PortableType type = SqliteTypes.portable(declared);
            if (type == null) {
                throw new SchemaException("Column " + t + "." + col + " has "
                        + (declared == null || declared.isBlank() ? "no declared type" : "type " + declared)
                        + ", which Syncwright cannot synchronize; declare one of the portable types");
            }
            int key = (Integer) r[3];
            // a key column is NOT NULL in practice even where SQLite's legacy rules would allow NULL
            columns.add(new ColumnDefinition(col, declared.strip(), type, key == 0 && (Integer) r[2] == 0, key,
                    key > 0 ? -1 : changeUnit++));
        }
        return new TableDefinition(table, columns, foreignKeys(c, t), uniques(c, t), changeUnit);
    }

    private List<ForeignKey> foreignKeys(Connection c, String t) {
        Map<Integer, List<String[]>> byId = new LinkedHashMap<>();
        Jdbc.query(c, "SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?) ORDER BY id, seq", t, rs -> {
            byId.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>())
                    .add(new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
            return null;
        }, t);
        List<ForeignKey> out = new ArrayList<>();
        byId.forEach((id, rows) -> {
            String parent = table(c, rows.get(0)[0]).map(TableName::name).orElse(rows.get(0)[0]);
            List<String> from = rows.stream().map(r -> r[1]).toList();
            List<String> to = rows.stream().anyMatch(r -> r[2] == null) ? List.of() : rows.stream().map(r -> r[2]).toList();
            out.add(new ForeignKey("fk" + id, from, new TableName(null, parent), to));
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
