package dev.syncwright.dialect.mysql;

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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads information_schema. Generated columns are change units the provider never writes: their
 * computed values travel like any other. Character key columns keep their character set and
 * collation in {@code nativeType}, so the tracking table compares keys as the user table does.
 */
final class MySqlSchemaReader implements SchemaReader {
    /** Tables, and the relations a user may mistake for one (named in the error instead of "no such table"). */
    private static final String FIND = """
            SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES
            WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_TYPE IN ('BASE TABLE', 'VIEW', 'SYSTEM VIEW', 'SEQUENCE')
              AND LOWER(TABLE_NAME) = LOWER(?)""";
    private static final String DATABASES = """
            SELECT SCHEMA_NAME, SCHEMA_NAME = DATABASE() FROM information_schema.SCHEMATA WHERE LOWER(SCHEMA_NAME) = LOWER(?)""";
    private static final String COLUMNS = """
            SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, CHARACTER_SET_NAME, COLLATION_NAME,
                   CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, EXTRA, COLUMN_DEFAULT
            FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION""";
    private static final String ACTIONS = """
            SELECT CONSTRAINT_NAME, DELETE_RULE, UPDATE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS
            WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?""";
    private static final String USER_TRIGGERS = """
            SELECT TRIGGER_NAME FROM information_schema.TRIGGERS
            WHERE EVENT_OBJECT_SCHEMA = ? AND EVENT_OBJECT_TABLE = ? AND TRIGGER_NAME NOT LIKE 'syncwright\\_%'
            ORDER BY TRIGGER_NAME""";
    private static final String ON_UPDATE = """
            SELECT COLUMN_NAME FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND LOWER(EXTRA) LIKE '%on update%' ORDER BY ORDINAL_POSITION""";
    /**
     * Keys by KEY_COLUMN_USAGE alone: MariaDB shows TABLE_CONSTRAINTS only to a user with rights beyond
     * the table's own, and a user with just those would read the table as having no primary key. The
     * primary key's name is always PRIMARY; a foreign key names the table it references.
     */
    private static final String KEYS = """
            SELECT k.CONSTRAINT_NAME,
                   CASE WHEN k.CONSTRAINT_NAME = 'PRIMARY' THEN 'PRIMARY KEY'
                        WHEN k.REFERENCED_TABLE_NAME IS NOT NULL THEN 'FOREIGN KEY' ELSE 'UNIQUE' END,
                   k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME
            FROM information_schema.KEY_COLUMN_USAGE k
            WHERE k.TABLE_SCHEMA = ? AND k.TABLE_NAME = ?
            ORDER BY k.CONSTRAINT_NAME, k.ORDINAL_POSITION""";
    /** MariaDB's JSON is LONGTEXT with an automatic json_valid(`col`) check. */
    private static final String MARIADB_JSON = """
            SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS
            WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?""";

    private final boolean mariaDb;

    MySqlSchemaReader(boolean mariaDb) {
        this.mariaDb = mariaDb;
    }

    @Override
    public Optional<TableName> resolve(Connection c, String schema, String name) {
        String shown = schema == null ? name : schema + "." + name;
        String database = schema == null ? null : database(c, schema, shown);
        List<String[]> found = Jdbc.query(c, FIND, shown, rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
                database, name);
        Optional<String[]> table = pick(found.stream().filter(r -> r[2].equals("BASE TABLE")).toList(), name);
        if (table.isPresent()) {
            return table.map(r -> new TableName(r[0], r[1]));
        }
        Optional<String[]> other = pick(found, name);
        if (other.isPresent()) {
            String kind = other.get()[2].equals("SEQUENCE") ? "a sequence" : "a view";
            throw new SchemaException("'" + other.get()[0] + "." + other.get()[1] + "' is " + kind
                    + ", not a table: only tables can be tracked");
        }
        return Optional.empty();
    }

    /** The exact name first, else the only case-insensitive match; two such matches are ambiguous. */
    private static Optional<String[]> pick(List<String[]> found, String name) {
        Optional<String[]> exact = found.stream().filter(r -> r[1].equals(name)).findFirst();
        if (exact.isPresent() || found.size() <= 1) {
            return exact.or(() -> found.stream().findFirst());
        }
        throw new SchemaException("Table name '" + name + "' is ambiguous: it matches "
                + found.stream().map(r -> r[0] + "." + r[1]).toList() + " ignoring case; give the exact name");
    }

    /**
     * The database a qualified name names. Only the connection's own: the triggers find the shared
     * sync tables (the clock) in the database they are created in.
     */
    private static String database(Connection c, String typed, String shown) {
        List<Object[]> found = Jdbc.query(c, DATABASES, shown, rs -> new Object[] {rs.getString(1), rs.getBoolean(2)}, typed);
        if (found.isEmpty()) {
            throw new SchemaException("Unknown database '" + typed + "' in table name '" + shown + "': no such database");
        }
        Object[] db = found.stream().filter(r -> r[0].equals(typed)).findFirst().orElse(found.get(0));
        if (!db[0].equals(typed) && found.size() > 1) {
            throw new SchemaException("Database name '" + typed + "' is ambiguous: it matches "
                    + found.stream().map(r -> r[0]).toList() + " ignoring case; give the exact name");
        }
        if (!(Boolean) db[1]) {
            throw new SchemaException("Table '" + shown + "' is in database '" + db[0] + "', not in the one connected to: "
                    + "Syncwright tracks the tables of the connection's database only (connect to '" + db[0] + "')");
        }
        return (String) db[0];
    }

    @Override
    public TableDefinition read(Connection c, TableName table) {
        String schema = table.schema() != null ? table.schema()
                : Jdbc.query(c, "SELECT DATABASE()", "database", rs -> rs.getString(1)).get(0);
        String shown = table.toString();
        Map<String, Integer> pk = new LinkedHashMap<>();
        Map<String, List<String[]>> fks = new LinkedHashMap<>();
        Map<String, List<String>> uniques = new LinkedHashMap<>();
        for (String[] k : Jdbc.query(c, KEYS, shown, rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6)}, schema, table.name())) {
            switch (k[1]) {
                case "PRIMARY KEY" -> pk.put(k[2], pk.size() + 1);
                case "FOREIGN KEY" -> fks.computeIfAbsent(k[0], x -> new ArrayList<>()).add(k);
                case "UNIQUE" -> uniques.computeIfAbsent(k[0], x -> new ArrayList<>()).add(k[2]);
                default -> { }
            }
        }
        Set<String> json = mariaDb ? jsonColumns(c, schema, table.name(), shown) : Set.of();
        List<Object[]> raw = Jdbc.query(c, COLUMNS, shown, rs -> new Object[] {rs.getString(1), rs.getString(2),
                rs.getString(3), "YES".equals(rs.getString(4)), rs.getString(5), rs.getString(6),
                rs.getObject(7) == null ? null : rs.getLong(7), rs.getObject(8) == null ? null : rs.getInt(8),
                rs.getObject(9) == null ? null : rs.getInt(9), rs.getString(10), rs.getString(11)}, schema, table.name());
        if (raw.isEmpty()) {
            throw new SchemaException("Table " + shown + " does not exist");
        }
        List<ColumnDefinition> columns = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        int unit = 0;
        for (Object[] r : raw) {
            String col = (String) r[0];
            String extra = ((String) r[9]).toUpperCase(Locale.ROOT);
            // not DEFAULT_GENERATED (MySQL's mark for an expression default): that column is written
            boolean generated = extra.contains("VIRTUAL") || extra.contains("STORED GENERATED") || extra.contains("PERSISTENT");
            PortableType type = MySqlTypes.portable((String) r[1], (String) r[2], (Long) r[6], (Integer) r[7], (Integer) r[8],
                    json.contains(col));
            if (type == null) {
                unsupported.add(shown + "." + col + " (" + r[2] + ")");
                continue;
            }
            String nativeType = (String) r[2];
            if (r[4] != null && r[5] != null) {
                nativeType += " CHARACTER SET " + r[4] + " COLLATE " + r[5];
            }
            int keyPos = pk.getOrDefault(col, 0);
            ColumnDefinition def = new ColumnDefinition(col, nativeType, type, (Boolean) r[3], keyPos, keyPos > 0 ? -1 : unit++);
            def = generated ? def.asGenerated() : def.withDefault(MySqlColumns.parseDefault((String) r[10], (String) r[9], mariaDb, type));
            List<String> members = MySqlColumns.members((String) r[2]);
            if (members != null) {
                def = def.withAllowedValues(members, ((String) r[1]).equalsIgnoreCase("set"));
            }
            columns.add(def);
        }
        if (!unsupported.isEmpty()) {
            throw new SchemaException("Table " + shown + " has columns of types Syncwright cannot synchronize: "
                    + String.join(", ", unsupported));
        }
        Map<String, String[]> actions = new LinkedHashMap<>();
        for (String[] a : Jdbc.query(c, ACTIONS, shown, rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
                schema, table.name())) {
            actions.put(a[0], a);
        }
        List<ForeignKey> foreignKeys = new ArrayList<>();
        fks.forEach((name, parts) -> {
            String[] a = actions.getOrDefault(name, new String[] {name, null, null});
            foreignKeys.add(new ForeignKey(name, parts.stream().map(p -> p[2]).toList(),
                    new TableName(parts.get(0)[3], parts.get(0)[4]), parts.stream().map(p -> p[5]).toList(), a[1], a[2]));
        });
        List<UniqueConstraint> uniqueConstraints = new ArrayList<>();
        uniques.forEach((name, cols) -> uniqueConstraints.add(new UniqueConstraint(name, cols)));
        return new TableDefinition(new TableName(schema, table.name()), columns, foreignKeys, uniqueConstraints, unit);
    }

    private static Set<String> jsonColumns(Connection c, String schema, String table, String shown) {
        Set<String> out = new TreeSet<>();
        for (String clause : Jdbc.query(c, MARIADB_JSON, shown, rs -> rs.getString(1), schema, table)) {
            String cl = clause.trim();
            if (cl.startsWith("json_valid(`") && cl.endsWith("`)")) {
                out.add(cl.substring("json_valid(`".length(), cl.length() - 2).replace("``", "`"));
            }
        }
        return out;
    }

    @Override
    public List<String> trackingProblems(Connection c, TableDefinition table) {
        MySqlNames names = new MySqlNames();
        String schema = table.name().schema() != null ? table.name().schema()
                : Jdbc.query(c, "SELECT DATABASE()", "database", rs -> rs.getString(1)).get(0);
        String shown = table.name().toString();
        List<String> out = new ArrayList<>();
        List<String> present = Jdbc.query(c, "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = ? "
                + "AND EVENT_OBJECT_TABLE = ?", shown, rs -> rs.getString(1), schema, table.name().name());
        for (char event : new char[] {'i', 'u', 'd'}) {
            String name = MySqlNames.derived("a" + event + "_", table.name().name());
            if (!present.contains(name)) {
                out.add("trigger " + name + " of table " + shown + " is missing");
            }
        }
        for (String aux : List.of(MySqlNames.derived("trk_", table.name().name()), MySqlNames.derived("g_", table.name().name()))) {
            if (Jdbc.queryLong(c, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?", shown,
                    schema, aux) == 0) {
                out.add("table " + aux + " of the tracking of " + shown + " is missing");
            }
        }
        return out;
    }

    @Override
    public Optional<String> catalogFingerprint(Connection c, List<TableName> tables) {
        return Optional.of(MySqlFingerprint.of(c, tables));
    }

    @Override
    public List<String> applyEffects(Connection c, TableDefinition table) {
        String schema = table.name().schema() != null ? table.name().schema()
                : Jdbc.query(c, "SELECT DATABASE()", "database", rs -> rs.getString(1)).get(0);
        String shown = table.name().toString();
        List<String> effects = new ArrayList<>();
        for (String t : Jdbc.query(c, USER_TRIGGERS, shown, rs -> rs.getString(1), schema, table.name().name())) {
            effects.add("trigger " + t);
        }
        for (String col : Jdbc.query(c, ON_UPDATE, shown, rs -> rs.getString(1), schema, table.name().name())) {
            effects.add("column " + col + " ON UPDATE");
        }
        effects.addAll(SchemaReader.definitionEffects(table, this::normalizes));
        return effects;
    }

    /**
     * Cascades {@link MySqlCascades} cannot follow: its triggers fire only for rows a statement deletes
     * or updates itself, so a cascade that starts from rows another cascade wrote, or one that changes
     * the table's primary key, would go unseen.
     */
    @Override
    public List<String> untrackableChanges(Connection c, TableDefinition table) {
        List<String> out = new ArrayList<>();
        String schema = table.name().schema() != null ? table.name().schema()
                : Jdbc.query(c, "SELECT DATABASE()", "database", rs -> rs.getString(1)).get(0);
        if (Jdbc.queryLong(c, "SELECT COUNT(*) FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                + "AND PARTITION_NAME IS NOT NULL", table.name().toString(), schema, table.name().name()) > 0) {
            out.add("table " + table.name() + " is partitioned: TRUNCATE PARTITION, DROP PARTITION and EXCHANGE PARTITION remove "
                    + "its rows without firing a trigger, and a partitioned InnoDB table cannot be guarded by a foreign key");
        }
        for (ForeignKey fk : table.foreignKeys()) {
            boolean self = fk.referenced().name().equals(table.name().name());
            boolean keyed = fk.columns().stream().anyMatch(col -> table.column(col).map(ColumnDefinition::inPrimaryKey).orElse(false));
            if (keyed && (fk.writesOnUpdate() || fk.onDelete().equals("SET DEFAULT"))) {
                out.add("foreign key " + fk.name() + " of " + table.name() + " (ON UPDATE " + fk.onUpdate() + ", ON DELETE "
                        + fk.onDelete() + ") would change the primary key of rows of " + table.name());
            }
            if (self && fk.writesOnUpdate()) {
                out.add("foreign key " + fk.name() + " of " + table.name() + " to itself has ON UPDATE " + fk.onUpdate());
            }
            if (self || (!fk.writesOnDelete() && !fk.writesOnUpdate())) {
                continue;
            }
            TableDefinition parent;
            try {
                parent = read(c, fk.referenced());
            } catch (dev.syncwright.dialect.SchemaException e) {
                continue; // the parent's own problems are reported when it is provisioned, if ever
            }
            for (ForeignKey up : parent.foreignKeys()) {
                boolean deletesParents = fk.writesOnDelete() && up.onDelete().equals("CASCADE");
                boolean rekeysParents = fk.writesOnUpdate() && up.writesOnUpdate()
                        && up.columns().stream().anyMatch(fk.referencedColumns()::contains);
                if (deletesParents || rekeysParents) {
                    out.add("foreign key " + fk.name() + " of " + table.name() + " (ON DELETE " + fk.onDelete() + ", ON UPDATE "
                            + fk.onUpdate() + ") acts on rows that " + parent.name() + "'s own foreign key " + up.name()
                            + " (ON DELETE " + up.onDelete() + ", ON UPDATE " + up.onUpdate() + ") changes by cascade");
                }
            }
        }
        return out;
    }

    /** SET members are stored sorted and without duplicates; MySQL's JSON is stored in its own binary form. */
    private boolean normalizes(ColumnDefinition c) {
        return c.multipleValues() || (!mariaDb && c.type().kind() == PortableType.Kind.JSON);
    }

    @Override
    public boolean syncObjectsExist(Connection c) {
        return Jdbc.queryLong(c, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?",
                "syncwright_scopes", "syncwright_scopes") > 0;
    }
}
