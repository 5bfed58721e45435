package dev.syncwright.dialect.postgres;

import dev.syncwright.dialect.BoundQuery;
import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.ForeignKey;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.SchemaException;
import dev.syncwright.dialect.SchemaReader;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TableName;
import dev.syncwright.dialect.UniqueConstraint;
import dev.syncwright.dialect.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Reads pg_catalog directly: DatabaseMetaData loses typmods, constraint names, defaults and identities. */
final class PgSchemaReader implements SchemaReader {

    /** Tables, and the relations a user may mistake for one (named in the error instead of "no such table"). */
    private static final String FIND = """
            SELECT n.nspname, c.relname, c.relkind IN ('r', 'p') FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = coalesce(CAST(? AS text), current_schema()) AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
              AND (c.relname = ? OR lower(c.relname) = lower(?))
            ORDER BY c.relname = ? DESC""";

    private static final String RELATION = """
            SELECT c.relkind::text, c.relispartition,
                   (SELECT pn.nspname || '.' || p.relname FROM pg_catalog.pg_inherits i
                      JOIN pg_catalog.pg_class p ON p.oid = i.inhparent
                      JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace WHERE i.inhrelid = c.oid LIMIT 1)
            FROM pg_catalog.pg_class c WHERE c.oid = ?::regclass""";

    private static final String KIND = """
            SELECT CASE c.relkind WHEN 'v' THEN 'a view' WHEN 'm' THEN 'a materialized view' WHEN 'f' THEN 'a foreign table'
                   ELSE 'a sequence' END
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ? AND c.relname = ?""";

    private static final String SCHEMA = """
            SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname = ? OR lower(nspname) = lower(?)
            ORDER BY nspname = ? DESC""";

    private static final String COLUMNS = """
            SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.atttypid, a.atttypmod, a.attnotnull,
                   coalesce(array_position(pk.conkey, a.attnum), 0), a.attgenerated::text, a.attidentity::text,
                   pg_catalog.pg_get_expr(d.adbin, d.adrelid),
                   pg_catalog.pg_get_serial_sequence(a.attrelid::regclass::text, a.attname)
            FROM pg_catalog.pg_attribute a
            LEFT JOIN pg_catalog.pg_constraint pk ON pk.conrelid = a.attrelid AND pk.contype = 'p'
            LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = ?::regclass AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum""";

    private static final String TYPE = "SELECT typname, typtype::text, typcategory::text, typbasetype, typtypmod "
            + "FROM pg_catalog.pg_type WHERE oid = ?";

    private static final String ENUM_LABELS = "SELECT enumlabel FROM pg_catalog.pg_enum WHERE enumtypid = ? ORDER BY enumsortorder";

    private static final String CONSTRAINTS = """
            SELECT con.conname, con.contype::text,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i)::text[],
                   rn.nspname, rc.relname,
                   ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
                         JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i)::text[],
                   con.confdeltype::text, con.confupdtype::text
            FROM pg_catalog.pg_constraint con
            LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
            LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
            WHERE con.conrelid = ?::regclass AND con.contype IN ('f', 'u')
            ORDER BY con.conname""";

    /** Triggers of the table and of its partitions that are not Syncwright's (RI triggers are internal). */
    private static final String USER_TRIGGERS = """
            SELECT DISTINCT t.tgname FROM pg_catalog.pg_trigger t
            WHERE NOT t.tgisinternal AND t.tgname NOT LIKE 'syncwright\\_%'
              AND (t.tgrelid = ?::regclass OR t.tgrelid IN (SELECT relid FROM pg_catalog.pg_partition_tree(?::regclass)))
            ORDER BY 1""";

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
        List<Object[]> relation = Jdbc.query(c, RELATION, shown, rs -> new Object[] {rs.getString(1), rs.getBoolean(2),
                rs.getString(3)}, regclass);
        if (!relation.isEmpty() && (Boolean) relation.get(0)[1]) {
            throw new SchemaException("Table " + shown + " is a partition of " + relation.get(0)[2] + "; name the partitioned "
                    + "table " + relation.get(0)[2] + " in the scope instead: its rows in every partition, present and future, "
                    + "are tracked with it");
        }
        boolean partitioned = !relation.isEmpty() && "p".equals(relation.get(0)[0]);
        List<Object[]> raw = Jdbc.query(c, COLUMNS, shown, rs -> new Object[] {rs.getString(1), rs.getString(2),
                rs.getLong(3), rs.getInt(4), rs.getBoolean(5), rs.getInt(6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getString(10)}, regclass);
        if (raw.isEmpty()) {
            throw new SchemaException("Table " + shown + " does not exist");
        }
        List<ColumnDefinition> columns = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        int changeUnit = 0;
        for (Object[] r : raw) {
            String col = (String) r[0];
            long typeOid = (Long) r[2];
            ResolvedType rt = resolveType(c, shown, typeOid, (Integer) r[3]);
            if (rt.type == null) {
                unsupported.add(shown + "." + col + " (" + r[1] + ")");
                continue;
            }
            int key = (Integer) r[5];
            ColumnDefinition def = new ColumnDefinition(col, (String) r[1], rt.type, !(Boolean) r[4], key, key > 0 ? -1 : changeUnit++);
            boolean generated = "s".equals(r[6]);
            if (generated) {
                def = def.asGenerated();
            } else {
                def = def.withDefault(PgDefaults.parse((String) r[8], (String) r[7], (String) r[9], rt.type));
            }
            if (rt.labels != null) {
                def = def.withAllowedValues(rt.labels, false);
            }
            columns.add(def);
        }
        if (!unsupported.isEmpty()) {
            throw new SchemaException("Table " + shown + " has columns of types Syncwright cannot synchronize: "
                    + String.join(", ", unsupported));
        }
        List<ForeignKey> fks = new ArrayList<>();
        List<UniqueConstraint> uniques = new ArrayList<>();
        Jdbc.query(c, CONSTRAINTS, shown, rs -> {
            List<String> cols = strings(rs, 3);
            if ("f".equals(rs.getString(2))) {
                fks.add(new ForeignKey(rs.getString(1), cols, new TableName(rs.getString(4), rs.getString(5)), strings(rs, 6),
                        action(rs.getString(7)), action(rs.getString(8))));
            } else {
                uniques.add(new UniqueConstraint(rs.getString(1), cols));
            }
            return null;
        }, regclass);
        return new TableDefinition(table, columns, fks, uniques, changeUnit, partitioned);
    }

    private record ResolvedType(PortableType type, List<String> labels) {}

    /**
     * The portable type of a column type: domains by their base type (their checks stay on the server),
     * enums as text limited to their labels, and every other type PostgreSQL can print and parse back
     * (arrays, interval, inet, citext, tsvector, ranges...) as its text form.
     */
    private static ResolvedType resolveType(Connection c, String shown, long oid, int typmod) {
        for (int depth = 0; depth < 16; depth++) {
            Object[] t = Jdbc.query(c, TYPE, shown, rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3),
                    rs.getLong(4), rs.getInt(5)}, oid).get(0);
            String typtype = (String) t[1];
            if (typtype.equals("d")) {
                oid = (Long) t[3];
                typmod = (Integer) t[4];
                continue;
            }
            PortableType known = PgTypes.portable((String) t[0], typmod);
            if (known != null) {
                return new ResolvedType(known, null);
            }
            if (typtype.equals("e")) {
                return new ResolvedType(PortableType.of(PortableType.Kind.TEXT),
                        Jdbc.query(c, ENUM_LABELS, shown, rs -> rs.getString(1), oid));
            }
            if (typtype.equals("p")) {
                return new ResolvedType(null, null);
            }
            return new ResolvedType(PortableType.of(PortableType.Kind.TEXT), null);
        }
        return new ResolvedType(null, null);
    }

    private static String action(String code) {
        return switch (code) {
            case "r" -> "RESTRICT";
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            default -> ForeignKey.NO_ACTION;
        };
    }

    private static List<String> strings(ResultSet rs, int column) throws SQLException {
        java.sql.Array a = rs.getArray(column);
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    @Override
    public List<String> trackingProblems(Connection c, TableDefinition table) {
        PgNames names = new PgNames();
        String shown = table.name().toString();
        List<String> out = new ArrayList<>();
        if (Jdbc.query(c, "SELECT to_regclass(?) IS NOT NULL", shown, rs -> rs.getBoolean(1), names.trackingTable(table.name())).get(0)) {
            List<String> present = Jdbc.query(c, "SELECT tgname FROM pg_catalog.pg_trigger WHERE tgrelid = ?::regclass AND "
                    + "tgname LIKE 'syncwright\\_%' AND tgenabled <> 'D'", shown, rs -> rs.getString(1), names.table(table.name()));
            // captured from the log (ADR 065): no row triggers, and the old rows in the log
            boolean captured = Jdbc.query(c, "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_publication_tables WHERE pubname LIKE "
                    + "'syncwright\\_%' AND schemaname = ? AND tablename = ?)", shown, rs -> rs.getBoolean(1),
                    table.name().schema(), table.name().name()).get(0);
            if (captured && !Jdbc.query(c, "SELECT relreplident = 'f' FROM pg_catalog.pg_class WHERE oid = ?::regclass", shown,
                    rs -> rs.getBoolean(1), names.table(table.name())).get(0)) {
                out.add("the replica identity of table " + shown + " is not FULL, which logical capture needs");
            }
            for (String t : captured ? List.of(PgTrackingSql.TRUNCATE)
                    : List.of(PgTrackingSql.INS, PgTrackingSql.UPD, PgTrackingSql.DEL, PgTrackingSql.TRUNCATE)) {
                if (!present.contains(t)) {
                    out.add("trigger " + t + " of table " + shown + " is missing or disabled");
                }
            }
        } else {
            out.add("the tracking table " + names.trackingTableName(table.name()) + " of table " + shown + " is missing");
        }
        return out;
    }

    /*
     * Per relation (each tracked table and its tracking table, by name; a name that resolves to
     * nothing counts as such): its oid and kind, every column with its type, nullability and whether
     * it was dropped, every constraint with its columns, and every trigger of it and of its
     * partitions with whether it is enabled (a table not partitioned has no partition tree).
     * Dropping and creating a table again gives it a new oid.
     */
    private static final String FINGERPRINT = """
            SELECT md5(string_agg(coalesce(x, 'none'), '|' ORDER BY n)) FROM (
              SELECT u.n, (
                SELECT c.oid || ' ' || c.relkind::text || ' ' || c.relreplident::text || ' '
                  || coalesce((SELECT string_agg(a.attnum || ':' || a.attname || ':' || pg_catalog.format_type(a.atttypid, a.atttypmod)
                       || ':' || a.attnotnull || ':' || a.attisdropped, ',' ORDER BY a.attnum)
                     FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0), '') || ' '
                  || coalesce((SELECT string_agg(k.conname || ':' || k.contype::text || ':' || k.conkey::text, ',' ORDER BY k.conname)
                     FROM pg_catalog.pg_constraint k WHERE k.conrelid = c.oid), '') || ' '
                  || coalesce((SELECT string_agg(t.tgrelid || ':' || t.tgname || ':' || t.tgenabled::text, ',' ORDER BY t.tgrelid, t.tgname)
                     FROM pg_catalog.pg_trigger t WHERE t.tgrelid = c.oid OR t.tgrelid IN (SELECT relid FROM pg_catalog.pg_partition_tree(c.oid))), '')
                FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass(u.name)) AS x
              FROM unnest(CAST(? AS text[])) WITH ORDINALITY AS u(name, n)) f
            """;

    @Override
    public Optional<BoundQuery> catalogFingerprintQuery(Connection c, List<TableName> tables) {
        PgNames names = new PgNames();
        List<String> relations = new ArrayList<>();
        for (TableName t : tables) {
            relations.add(names.table(t));
            relations.add(names.trackingTable(t));
        }
        try {
            return Optional.of(new BoundQuery(FINGERPRINT, List.of(c.createArrayOf("text", relations.toArray()))));
        } catch (SQLException e) {
            throw new SqlFailure("Reading the catalog of", tables.toString(), e);
        }
    }

    @Override
    public List<String> applyEffects(Connection c, TableDefinition table) {
        String regclass = new PgNames().table(table.name());
        List<String> effects = new ArrayList<>();
        for (String trigger : Jdbc.query(c, USER_TRIGGERS, table.name().toString(), rs -> rs.getString(1), regclass, regclass)) {
            effects.add("trigger " + trigger);
        }
        effects.addAll(SchemaReader.definitionEffects(table, PgSchemaReader::normalizes));
        return effects;
    }

    /**
     * Types whose input function rewrites the text it is given (jsonb orders keys, tsvector sorts
     * lexemes, an interval or array is printed in one canonical spelling): a value written by a client
     * may be stored differently, so it is read back. text, varchar, char, citext, enums and the types
     * with a portable kind of their own are stored as written (the codec canonicalizes those).
     */
    static boolean normalizes(ColumnDefinition c) {
        String t = c.nativeType();
        return switch (c.type().kind()) {
            case JSON -> t.equals("jsonb");
            case TEXT -> c.allowedValues() == null && !t.equals("text") && !t.equals("citext") && !t.equals("name");
            default -> false;
        };
    }

    @Override
    public boolean syncObjectsExist(Connection c) {
        return Jdbc.queryLong(c, "SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = 'scopes'", "syncwright.scopes",
                PgNames.SCHEMA) > 0;
    }
}
