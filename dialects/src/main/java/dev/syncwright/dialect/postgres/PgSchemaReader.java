package dev.syncwright.dialect.postgres;

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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads pg_catalog directly: DatabaseMetaData loses typmods and constraint names. */
final class PgSchemaReader implements SchemaReader {

    /** Tables, and the relations a user may mistake for one (named in the error instead of "no such table"). */
    private static final String FIND = """
            SELECT n.nspname, c.relname, c.relkind IN ('r', 'p') FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = coalesce(CAST(? AS text), current_schema()) AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
              AND (c.relname = ? OR lower(c.relname) = lower(?))
            ORDER BY c.relname = ? DESC""";

    private static final String KIND = """
            SELECT CASE c.relkind WHEN 'v' THEN 'a view' WHEN 'm' THEN 'a materialized view' WHEN 'f' THEN 'a foreign table'
                   ELSE 'a sequence' END
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relname = ?""";

    private static final String SCHEMA = """
            SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname = ? OR lower(nspname) = lower(?)
            ORDER BY nspname = ? DESC""";

    private static final String COLUMNS = """
            SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), t.typname, a.atttypmod, a.attnotnull,
                   coalesce(array_position(pk.conkey, a.attnum), 0)
            FROM pg_catalog.pg_attribute a
            JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_catalog.pg_constraint pk ON pk.conrelid = a.attrelid AND pk.contype = 'p'
            WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum""";

    private static final String CONSTRAINTS = """
            SELECT con.conname, con.contype::text,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i)::text[],
                   rn.nspname, rc.relname,
                   ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)::text[]
            FROM pg_catalog.pg_constraint con
            LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
            LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
            WHERE con.conrelid = ?::regclass AND con.contype IN ('f', 'u')
            ORDER BY con.conname""";

    @Override
    public Optional<TableName> resolve(Connection c, String schema, String name) {
        String shown = schema == null ? name : schema + "." + name;
        String inSchema = schema == null ? null : schema(c, schema, shown);
        List<Object[]> found = Jdbc.query(c, FIND, shown, rs -> new Object[] {new TableName(rs.getString(1), rs.getString(2)),
                rs.getBoolean(3)}, inSchema, name, name, name);
        Optional<TableName> table = pick(found.stream().filter(r -> (Boolean) r[1]).map(r -> (TableName) r[0]).toList(), name);
        if (table.isPresent()) {
            return table;
        }
        Optional<TableName> other = pick(found.stream().map(r -> (TableName) r[0]).toList(), name);
        if (other.isPresent()) {
            TableName o = other.get();
            String kind = Jdbc.query(c, KIND, o.toString(), rs -> rs.getString(1), o.schema(), o.name()).get(0);
            throw new SchemaException("'" + o + "' is " + kind + ", not a table: only tables can be tracked");
        }
        return Optional.empty();
    }

    /** The exact name first, else the only case-insensitive match; two such matches are ambiguous. */
    private static Optional<TableName> pick(List<TableName> found, String name) {
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (found.get(0).name().equals(name) || found.size() == 1) {
            return Optional.of(found.get(0));
        }
        throw new SchemaException("Table name '" + name + "' is ambiguous: it matches " + found + " ignoring case; "
                + "give the exact name");
    }

    private static String schema(Connection c, String typed, String shown) {
        List<String> found = Jdbc.query(c, SCHEMA, typed, rs -> rs.getString(1), typed, typed, typed);
        if (found.isEmpty()) {
            throw new SchemaException("Unknown schema '" + typed + "' in table name '" + shown + "': no such schema");
        }
        if (found.get(0).equals(typed) || found.size() == 1) {
            return found.get(0);
        }
        throw new SchemaException("Schema name '" + typed + "' is ambiguous: it matches " + found + " ignoring case; "
                + "give the exact name");
    }

    @Override
    public TableDefinition read(Connection c, TableName table) {
        String regclass = new PgNames().table(table);
        String shown = table.toString();
        List<Object[]> raw = Jdbc.query(c, COLUMNS, shown, rs -> new Object[] {rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getInt(4), rs.getBoolean(5), rs.getInt(6)}, regclass);
        if (raw.isEmpty()) {
            throw new SchemaException("Table " + shown + " does not exist");
        }
        List<ColumnDefinition> columns = new ArrayList<>();
        int changeUnit = 0;
        for (Object[] r : raw) {
            String col = (String) r[0];
            PortableType type = PgTypes.portable((String) r[2], (Integer) r[3]);
            if (type == null) {
                throw new SchemaException("Column " + shown + "." + col + " has type " + r[1]
                        + ", which Syncwright cannot synchronize yet");
            }
            int key = (Integer) r[5];
            columns.add(new ColumnDefinition(col, (String) r[1], type, !(Boolean) r[4], key, key > 0 ? -1 : changeUnit++));
        }
        List<ForeignKey> fks = new ArrayList<>();
        List<UniqueConstraint> uniques = new ArrayList<>();
        Jdbc.query(c, CONSTRAINTS, shown, rs -> {
            List<String> cols = strings(rs, 3);
            if ("f".equals(rs.getString(2))) {
                fks.add(new ForeignKey(rs.getString(1), cols, new TableName(rs.getString(4), rs.getString(5)), strings(rs, 6)));
            } else {
                uniques.add(new UniqueConstraint(rs.getString(1), cols));
            }
            return null;
        }, regclass);
        return new TableDefinition(table, columns, fks, uniques, changeUnit);
    }

    private static List<String> strings(ResultSet rs, int column) throws SQLException {
        java.sql.Array a = rs.getArray(column);
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    @Override
    public boolean syncObjectsExist(Connection c) {
        return Jdbc.queryLong(c, "SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = 'scopes'", "syncwright.scopes",
                PgNames.SCHEMA) > 0;
    }
}
