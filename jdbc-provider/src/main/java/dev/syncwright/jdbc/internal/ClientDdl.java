package dev.syncwright.jdbc.internal;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.ColumnDefault;
import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.ForeignKey;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.PortableType.Kind;
import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TableName;
import dev.syncwright.dialect.UniqueConstraint;
import dev.syncwright.dialect.mysql.ServerVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates a client's tables from the server's scope definition (DESIGN §4, "a client database can
 * start empty"), and refuses, before any data moves, a column whose values cannot round-trip.
 *
 * <p>Each portable type gets a native type that the local dialect's own SchemaReader reads back as
 * the same portable type, so a provisioned client describes itself exactly like the server. On
 * SQLite, which stores anything anywhere, the table also gets CHECK constraints for the server's
 * domain: storage class, VARCHAR/CHAR length, integer range (SMALLINT, unsigned MySQL types),
 * MySQL byte limits, fractional-second digits, valid JSON. A value the server would refuse or round
 * is then refused when the application writes it on the device, rather than when a later upload
 * reaches the server and stops the sync on a row the device cannot change anymore.
 *
 * <p>Constraint names are not copied: PostgreSQL names of unique constraints are per schema, MySQL's
 * per table, and the sync never refers to them.
 */
final class ClientDdl {
    private static final Pattern FSP = Pattern.compile("^(?:time|timestamp|datetime)(?:tz)?\\s*\\(\\s*(\\d)\\s*\\).*");

    private ClientDdl() {
    }

    /**
     * CREATE TABLE statements for {@code tables}, in the order given (parents before children). Every
     * column that cannot be held exactly, in every table, is refused in one message before anything
     * is created.
     *
     * @param local       the client's dialect
     * @param server      the server's dialect (its native types say more than the portable type:
     *                    fractional-second digits, unsigned ranges, byte limits); null when unknown
     * @param tables      the tables to create; foreign keys to tables outside {@code scope} are left out
     * @param scope       every table of the scope
     * @param localSchema the schema for the client's tables, null for the connection's default
     */
    static List<String> createTables(Dialect local, Dialect server, List<TableDefinition> tables, List<TableDefinition> scope,
                                     String localSchema) {
        List<String> problems = new ArrayList<>();
        for (TableDefinition t : tables) {
            problems.addAll(roundTripProblems(server, local, t));
        }
        refuseAll(problems);
        List<String> out = new ArrayList<>(tables.size());
        for (TableDefinition t : tables) {
            out.add(createTable(local, server, t, localSchema, scope, t.name().name()));
        }
        return out;
    }

    static List<String> createTables(Dialect local, Dialect server, List<TableDefinition> tables, String localSchema) {
        return createTables(local, server, tables, tables, localSchema);
    }

    static String createTable(Dialect local, Dialect server, TableDefinition t, String localSchema) {
        return createTables(local, server, List.of(t), List.of(t), localSchema).get(0);
    }

    /** The CREATE TABLE of {@code t} under another name (a table rebuilt), foreign keys as for {@code scope}. */
    static String createTable(Dialect local, Dialect server, TableDefinition t, TableName as, List<TableDefinition> scope) {
        return createTable(local, server, t, as.schema(), scope, as.name());
    }

    /** Throws one exception listing every problem, if there are any. */
    static void refuseAll(List<String> problems) {
        if (problems.size() == 1) {
            throw new SyncException(problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw new SyncException(problems.size() + " columns cannot be held exactly by the client:\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    private static String createTable(Dialect local, Dialect server, TableDefinition t, String localSchema,
                                      List<TableDefinition> all, String tableName) {
        SqlNames n = local.names();
        String family = family(local);
        List<String> parts = new ArrayList<>();
        for (ColumnDefinition c : t.columns()) {
            parts.add(n.quote(c.name()) + " " + columnDefinition(local, server, t, c));
        }
        List<ColumnDefinition> pk = t.primaryKey();
        if (!pk.isEmpty()) {
            parts.add("PRIMARY KEY (" + columns(n, pk.stream().map(ColumnDefinition::name).toList()) + ")");
        }
        for (UniqueConstraint u : t.uniqueConstraints()) {
            parts.add("UNIQUE (" + columns(n, u.columns()) + ")");
        }
        for (ForeignKey fk : t.foreignKeys()) {
            Optional<TableDefinition> parent = all.stream().filter(p -> p.name().name().equals(fk.referenced().name())).findFirst();
            if (parent.isEmpty()) {
                // a key to a table outside the scope: the client has no such table; the server still enforces it
                continue;
            }
            List<String> to = fk.referencedColumns();
            if (to.isEmpty()) {
                // SQLite lets a foreign key name no columns (the parent's primary key); MySQL needs them
                to = parent.get().primaryKey().stream().map(ColumnDefinition::name).toList();
            }
            parts.add("FOREIGN KEY (" + columns(n, fk.columns()) + ") REFERENCES "
                    + n.table(new TableName(localSchema, fk.referenced().name()))
                    + (to.isEmpty() ? "" : " (" + columns(n, to) + ")") + actions(fk));
        }
        String table = n.table(new TableName(localSchema, tableName));
        // utf8mb4_bin: every Unicode character, and keys compared as PostgreSQL and SQLite compare them
        // (a case-insensitive collation would make 'A' and 'a' one key on the client but two on the server)
        String suffix = family.equals("mysql") ? " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin" : "";
        return "CREATE TABLE " + table + " (\n  " + String.join(",\n  ", parts) + "\n)" + suffix;
    }

    /**
     * A client column: its type, NOT NULL and DEFAULT where the client can state them as the server
     * does, and the CHECK of the server's domain. A generated column is a plain column on the client
     * (its values come from the server). A NOT NULL column whose default only the server can compute
     * (a sequence, a function) is nullable on the client: a row inserted without it gets the server's
     * default when it arrives there, and the value comes back.
     */
    static String columnDefinition(Dialect local, Dialect server, TableDefinition t, ColumnDefinition c) {
        StringBuilder col = new StringBuilder(nativeType(local, server, t, c));
        String dflt = c.generated() || c.inPrimaryKey() ? null : defaultClause(local, c);
        boolean notNull = c.inPrimaryKey() || (!c.nullable() && !c.generated() && (c.defaultValue() == null || dflt != null));
        if (notNull) {
            col.append(" NOT NULL");
        } else if (family(local).equals("mysql") && c.type().kind() == Kind.TIMESTAMPTZ) {
            // explicit_defaults_for_timestamp=OFF would make a TIMESTAMP NOT NULL with an auto-update
            col.append(" NULL");
        }
        if (dflt != null) {
            col.append(" DEFAULT ").append(dflt);
        }
        String check = ClientChecks.check(local, server, c);
        if (check != null) {
            col.append(" CHECK (").append(check).append(')');
        }
        return col.toString();
    }

    /**
     * ALTER TABLE ... ADD COLUMN for a column the server gained. The existing rows have no value for it
     * yet (their values arrive with the sync: the server gives every row's value of an added column a
     * new version), so NOT NULL is declared only with a constant default, and SQLite, which cannot add
     * a column whose default is the current time, gets the column without that default.
     */
    static String addColumn(Dialect local, Dialect server, TableDefinition t, ColumnDefinition c, TableName table) {
        String def = columnDefinition(local, server, t, c);
        String dflt = c.generated() ? null : defaultClause(local, c);
        boolean constant = dflt != null && !dflt.startsWith("CURRENT_");
        if (!constant) {
            def = def.replace(" NOT NULL", "");
            if (dflt != null && family(local).equals("sqlite")) {
                def = def.replace(" DEFAULT " + dflt, "");
            }
        }
        return "ALTER TABLE " + local.names().table(table) + " ADD COLUMN " + local.names().quote(c.name()) + " " + def;
    }

    /** The server's default as the client can declare it: constants and the current time; null for the rest. */
    private static String defaultClause(Dialect local, ColumnDefinition c) {
        ColumnDefault d = c.defaultValue();
        if (d == null) {
            return null;
        }
        boolean sqlite = family(local).equals("sqlite");
        return switch (d.kind()) {
            case LITERAL -> switch (c.type().kind()) {
                case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE -> isNumber(d.value()) ? d.value() : null;
                case NUMERIC -> isNumber(d.value()) ? (sqlite ? local.names().literal(d.value()) : d.value()) : null;
                case BOOLEAN -> sqlite ? (d.value().equals("true") ? "1" : "0") : d.value().toUpperCase(Locale.ROOT);
                case BYTES, JSON -> null;
                default -> local.names().literal(d.value());
            };
            case NOW -> switch (c.type().kind()) {
                case DATE -> "CURRENT_DATE";
                case TIME -> "CURRENT_TIME";
                case TIMESTAMP, TIMESTAMPTZ -> "CURRENT_TIMESTAMP";
                default -> null;
            };
            default -> null;
        };
    }

    private static boolean isNumber(String s) {
        return s != null && s.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    }

    /** Referential actions as the server has them: the client's own deletes then cascade as the server's would. */
    private static String actions(ForeignKey fk) {
        return (fk.onDelete().equals(ForeignKey.NO_ACTION) ? "" : " ON DELETE " + fk.onDelete())
                + (fk.onUpdate().equals(ForeignKey.NO_ACTION) ? "" : " ON UPDATE " + fk.onUpdate());
    }

    /**
     * Every column of {@code t} whose values cannot round-trip exactly between the server and a client
     * of dialect {@code client} (no native type there, or a server type the portable type does not
     * describe exactly), each named with its table. {@code server} may be null.
     */
    static List<String> roundTripProblems(Dialect server, Dialect client, TableDefinition t) {
        List<String> problems = new ArrayList<>();
        for (ColumnDefinition c : t.columns()) {
            try {
                nativeType(client, server, t, c); // throws when the client has no exact type
            } catch (SyncException e) {
                problems.add(e.getMessage());
                continue;
            }
            Kind k = c.type().kind();
            String sf = server == null ? "" : family(server);
            if (sf.equals("sqlite") && (k == Kind.NUMERIC || k == Kind.JSON) && !sqliteTextAffinity(c.nativeType())) {
                PortableType p = c.type();
                // NUMERIC affinity stores such values as 8-byte REALs: exact to 15 significant digits only
                boolean fitsReal = k == Kind.NUMERIC && p.precision() != null && p.precision() <= 15;
                if (!fitsReal) {
                    problems.add(refuse(t, c, "is declared " + c.nativeType() + ", which SQLite stores with NUMERIC affinity "
                            + (k == Kind.JSON ? "(JSON text like 1.50 becomes 1.5)" : "(only 15 significant digits survive)")
                            + "; declare it " + (k == Kind.JSON ? "JSON_TEXT" : "DECIMAL_TEXT" + precisionSuffix(p))).getMessage());
                }
            }
            if (k == Kind.TIMESTAMPTZ && client != null && family(client).equals("mysql") && !sf.equals("mysql")) {
                problems.add(refuse(t, c, "is " + c.type() + "; a MySQL/MariaDB client would store it as TIMESTAMP, which holds only "
                        + "1970-2038 (2106 on MariaDB 11.5+), so some server values could not be stored").getMessage());
            }
        }
        return problems;
    }

    /** {@link #roundTripProblems}, refused in one exception. */
    static void checkRoundTrip(Dialect server, Dialect client, TableDefinition t) {
        refuseAll(roundTripProblems(server, client, t));
    }

    /** The client's native type for a server column; a SyncException naming table and column when there is none. */
    static String nativeType(Dialect local, Dialect server, TableDefinition t, ColumnDefinition c) {
        PortableType p = c.type();
        int fsp = fsp(server, c);
        return switch (family(local)) {
            case "sqlite" -> switch (p.kind()) {
                case SMALLINT -> "SMALLINT";
                case INTEGER -> "INT";
                case BIGINT -> "BIGINT";
                case NUMERIC -> "DECIMAL_TEXT" + precisionSuffix(p);
                case REAL -> "REAL";
                case DOUBLE -> "DOUBLE";
                case BOOLEAN -> "BOOLEAN";
                case TEXT -> "TEXT";
                case VARCHAR -> "VARCHAR" + lengthSuffix(p);
                case CHAR -> "CHAR" + lengthSuffix(p);
                case BYTES -> "BLOB";
                case UUID -> "UUID";
                case DATE -> "DATE";
                // the server's fractional digits stay in the declaration (read as the same portable type),
                // so a server created from this client's definition keeps them too
                case TIME -> "TIME" + (fsp < 6 ? "(" + fsp + ")" : "");
                case TIMESTAMP -> "TIMESTAMP" + (fsp < 6 ? "(" + fsp + ")" : "");
                case TIMESTAMPTZ -> "TIMESTAMPTZ" + (fsp < 6 ? "(" + fsp + ")" : "");
                case JSON -> "JSON_TEXT";
            };
            case "postgres" -> switch (p.kind()) {
                case SMALLINT -> "smallint";
                case INTEGER -> "integer";
                case BIGINT -> "bigint";
                case NUMERIC -> "numeric" + precisionSuffix(p);
                case REAL -> "real";
                case DOUBLE -> "double precision";
                case BOOLEAN -> "boolean";
                case TEXT -> "text";
                case VARCHAR -> "varchar" + lengthSuffix(p);
                case CHAR -> p.length() == null ? "bpchar" : "char" + lengthSuffix(p);
                case BYTES -> "bytea";
                case UUID -> "uuid";
                case DATE -> "date";
                case TIME -> "time" + (fsp < 6 ? "(" + fsp + ")" : "");
                case TIMESTAMP -> "timestamp" + (fsp < 6 ? "(" + fsp + ")" : "");
                case TIMESTAMPTZ -> "timestamptz" + (fsp < 6 ? "(" + fsp + ")" : "");
                // json keeps the text as written; jsonb would rewrite what a SQLite or MariaDB server sends
                case JSON -> "json";
            };
            case "mysql" -> mysqlType(local, t, c, fsp);
            default -> throw refuse(t, c, "has no type on a " + local.id() + " client");
        };
    }

    private static String mysqlType(Dialect local, TableDefinition t, ColumnDefinition c, int fsp) {
        PortableType p = c.type();
        boolean keyed = c.inPrimaryKey() || t.uniqueConstraints().stream().anyMatch(u -> u.columns().contains(c.name()))
                || t.foreignKeys().stream().anyMatch(f -> f.columns().contains(c.name()));
        switch (p.kind()) {
            case TEXT, BYTES, JSON -> {
                if (keyed) {
                    throw refuse(t, c, "is " + p + " and part of a key; MySQL/MariaDB cannot index it whole");
                }
            }
            case VARCHAR -> {
                if (p.length() == null && keyed) {
                    throw refuse(t, c, "is VARCHAR without a length and part of a key; MySQL/MariaDB cannot index it whole");
                }
            }
            default -> { }
        }
        return switch (p.kind()) {
            case SMALLINT -> "smallint";
            case INTEGER -> "int";
            case BIGINT -> "bigint";
            case NUMERIC -> {
                if (p.precision() == null) {
                    throw refuse(t, c, "is NUMERIC without precision and scale; MySQL/MariaDB DECIMAL always has a fixed scale");
                }
                int s = p.scale() == null ? 0 : p.scale();
                if (p.precision() > 65 || s > 30) {
                    throw refuse(t, c, "is " + p + "; MySQL/MariaDB DECIMAL holds at most 65 digits, 30 after the point");
                }
                yield "decimal(" + p.precision() + "," + s + ")";
            }
            case REAL -> "float";
            case DOUBLE -> "double";
            case BOOLEAN -> "tinyint(1)";
            case TEXT -> "longtext";
            case VARCHAR -> {
                if (p.length() == null) {
                    yield "longtext";
                }
                if (p.length() > 16383) {
                    throw refuse(t, c, "is " + p + "; a MySQL/MariaDB utf8mb4 VARCHAR holds at most 16383 characters");
                }
                yield "varchar(" + p.length() + ")";
            }
            case CHAR -> {
                if (p.length() == null || p.length() > 255) {
                    throw refuse(t, c, "is " + p + "; a MySQL/MariaDB CHAR has 1 to 255 characters");
                }
                yield "char(" + p.length() + ")";
            }
            case BYTES -> "longblob";
            case UUID -> {
                if (!mariaDbAtLeast(local, 10, 7)) {
                    throw refuse(t, c, "is UUID; only MariaDB 10.7+ has a UUID type (" + local.product() + ")");
                }
                yield "uuid";
            }
            case DATE -> "date";
            case TIME -> "time(" + fsp + ")";
            case TIMESTAMP -> "datetime(" + fsp + ")";
            case TIMESTAMPTZ -> "timestamp(" + fsp + ")";
            case JSON -> "json";
        };
    }

    /** Fractional-second digits the server keeps: from its native type, else 6 (MySQL's default is 0). */
    static int fsp(Dialect server, ColumnDefinition c) {
        Kind k = c.type().kind();
        if (k != Kind.TIME && k != Kind.TIMESTAMP && k != Kind.TIMESTAMPTZ) {
            return 6;
        }
        Matcher m = FSP.matcher(c.nativeType().toLowerCase(Locale.ROOT).strip());
        if (m.matches()) {
            return Math.min(6, Integer.parseInt(m.group(1)));
        }
        return server != null && family(server).equals("mysql") ? 0 : 6;
    }

    /** SQLite's affinity rule 2: a declared type containing CHAR, CLOB or TEXT (and not INT) keeps text as text. */
    static boolean sqliteTextAffinity(String declared) {
        String d = declared.toUpperCase(Locale.ROOT);
        return !d.contains("INT") && (d.contains("CHAR") || d.contains("CLOB") || d.contains("TEXT"));
    }

    /** Connector/J reports MariaDB as "5.5.5-10.11.x"; ServerVersion reads the real version. */
    static boolean mariaDbAtLeast(Dialect d, int major, int minor) {
        return d.id().equals("mariadb")
                && ServerVersion.parse(d.product().name(), d.product().version()).atLeast(major, minor);
    }

    static String family(Dialect d) {
        return d.id().equals("mariadb") ? "mysql" : d.id();
    }

    private static String precisionSuffix(PortableType p) {
        return p.precision() == null ? "" : "(" + p.precision() + "," + (p.scale() == null ? 0 : p.scale()) + ")";
    }

    private static String lengthSuffix(PortableType p) {
        return p.length() == null ? "" : "(" + p.length() + ")";
    }

    private static String columns(SqlNames n, List<String> names) {
        return String.join(", ", names.stream().map(n::quote).toList());
    }

    private static SyncException refuse(TableDefinition t, ColumnDefinition c, String why) {
        return new SyncException("Table '" + t.name() + "', column '" + c.name() + "' " + why);
    }
}
