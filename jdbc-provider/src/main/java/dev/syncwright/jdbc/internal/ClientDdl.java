package dev.syncwright.jdbc.internal;

import dev.syncwright.core.SyncException;
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
    private static final Pattern MYSQL_BINARY = Pattern.compile("^(var)?binary\\((\\d+)\\).*");
    private static final Pattern MYSQL_BIT = Pattern.compile("^bit\\((\\d+)\\).*");
    private static final Pattern MYSQL_CHARSET = Pattern.compile(".* character set (\\w+) collate .*");

    private ClientDdl() {
    }

    /**
     * CREATE TABLE statements for {@code tables}, in the order given (parents before children).
     *
     * @param local       the client's dialect
     * @param server      the server's dialect (its native types say more than the portable type:
     *                    fractional-second digits, unsigned ranges, byte limits); null when unknown
     * @param localSchema the schema for the client's tables, null for the connection's default
     */
    static List<String> createTables(Dialect local, Dialect server, List<TableDefinition> tables, String localSchema) {
        List<String> out = new ArrayList<>(tables.size());
        for (TableDefinition t : tables) {
            out.add(createTable(local, server, t, localSchema, tables));
        }
        return out;
    }

    static String createTable(Dialect local, Dialect server, TableDefinition t, String localSchema) {
        return createTable(local, server, t, localSchema, List.of(t));
    }

    private static String createTable(Dialect local, Dialect server, TableDefinition t, String localSchema,
                                      List<TableDefinition> all) {
        checkRoundTrip(server, local, t);
        SqlNames n = local.names();
        String family = family(local);
        List<String> parts = new ArrayList<>();
        for (ColumnDefinition c : t.columns()) {
            StringBuilder col = new StringBuilder(n.quote(c.name())).append(' ').append(nativeType(local, server, t, c));
            if (!c.nullable() || c.inPrimaryKey()) {
                col.append(" NOT NULL");
            } else if (family.equals("mysql") && c.type().kind() == Kind.TIMESTAMPTZ) {
                // explicit_defaults_for_timestamp=OFF would make a TIMESTAMP NOT NULL with an auto-update
                col.append(" NULL");
            }
            String check = check(local, server, t, c);
            if (check != null) {
                col.append(" CHECK (").append(check).append(')');
            }
            parts.add(col.toString());
        }
        List<ColumnDefinition> pk = t.primaryKey();
        if (!pk.isEmpty()) {
            parts.add("PRIMARY KEY (" + columns(n, pk.stream().map(ColumnDefinition::name).toList()) + ")");
        }
        for (UniqueConstraint u : t.uniqueConstraints()) {
            parts.add("UNIQUE (" + columns(n, u.columns()) + ")");
        }
        for (ForeignKey fk : t.foreignKeys()) {
            List<String> to = fk.referencedColumns();
            if (to.isEmpty()) {
                // SQLite lets a foreign key name no columns (the parent's primary key); MySQL needs them
                to = all.stream().filter(p -> p.name().name().equals(fk.referenced().name())).findFirst()
                        .map(p -> p.primaryKey().stream().map(ColumnDefinition::name).toList()).orElse(List.of());
            }
            parts.add("FOREIGN KEY (" + columns(n, fk.columns()) + ") REFERENCES "
                    + n.table(new TableName(localSchema, fk.referenced().name()))
                    + (to.isEmpty() ? "" : " (" + columns(n, to) + ")"));
        }
        String table = n.table(new TableName(localSchema, t.name().name()));
        // utf8mb4_bin: every Unicode character, and keys compared as PostgreSQL and SQLite compare them
        // (a case-insensitive collation would make 'A' and 'a' one key on the client but two on the server)
        String suffix = family.equals("mysql") ? " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin" : "";
        return "CREATE TABLE " + table + " (\n  " + String.join(",\n  ", parts) + "\n)" + suffix;
    }

    /**
     * Refuses, naming table and column, a column whose values cannot round-trip exactly between the
     * server and a client of dialect {@code client}: no native type on the client, or a server type
     * whose values the portable type does not describe exactly. {@code server} may be null.
     */
    static void checkRoundTrip(Dialect server, Dialect client, TableDefinition t) {
        for (ColumnDefinition c : t.columns()) {
            nativeType(client, server, t, c); // throws when the client has no exact type
            String nat = c.nativeType().toLowerCase(Locale.ROOT).strip();
            Kind k = c.type().kind();
            String sf = server == null ? "" : family(server);
            if (sf.equals("mysql")) {
                Matcher cs = MYSQL_CHARSET.matcher(nat);
                if (cs.matches() && !cs.group(1).startsWith("utf8mb4") && !cs.group(1).equals("binary")) {
                    throw refuse(t, c, "uses the character set " + cs.group(1) + ", which cannot store every character a client "
                            + "can write; convert the column to utf8mb4");
                }
                Matcher bit = MYSQL_BIT.matcher(nat);
                if (k == Kind.BYTES && bit.matches()) {
                    throw refuse(t, c, "is " + c.nativeType() + ", a bit field with no exact byte-string form; use VARBINARY or BIGINT");
                }
                // a MySQL TIME is accepted: times of day round-trip; a negative or 24h+ value is refused when read
            }
            if (sf.equals("sqlite") && (k == Kind.NUMERIC || k == Kind.JSON) && !sqliteTextAffinity(c.nativeType())) {
                PortableType p = c.type();
                // NUMERIC affinity stores such values as 8-byte REALs: exact to 15 significant digits only
                boolean fitsReal = k == Kind.NUMERIC && p.precision() != null && p.precision() <= 15;
                if (!fitsReal) {
                    throw refuse(t, c, "is declared " + c.nativeType() + ", which SQLite stores with NUMERIC affinity "
                            + (k == Kind.JSON ? "(JSON text like 1.50 becomes 1.5)" : "(only 15 significant digits survive)")
                            + "; declare it " + (k == Kind.JSON ? "JSON_TEXT" : "DECIMAL_TEXT" + precisionSuffix(p)));
                }
            }
            if (k == Kind.TIMESTAMPTZ && client != null && family(client).equals("mysql") && !sf.equals("mysql")) {
                throw refuse(t, c, "is " + c.type() + "; a MySQL/MariaDB client would store it as TIMESTAMP, which holds only "
                        + "1970-2038 (2106 on MariaDB 11.5+), so some server values could not be stored");
            }
        }
    }

    /**
     * Refuses an existing client table whose columns do not match the server's: same names, and the
     * same portable type (VARCHAR without a length and TEXT count as one), nullability aside.
     */
    static void checkMatches(TableDefinition server, TableDefinition client) {
        for (ColumnDefinition s : server.columns()) {
            ColumnDefinition c = client.column(s.name()).orElseThrow(() -> new SyncException("Table '" + client.name()
                    + "' on the client has no column '" + s.name() + "' (" + s.type() + " on the server)"));
            if (!sameType(s.type(), c.type())) {
                throw new SyncException("Table '" + client.name() + "', column '" + s.name() + "' is " + c.type() + " ("
                        + c.nativeType() + ") on the client but " + s.type() + " (" + s.nativeType() + ") on the server; "
                        + "values would not round-trip exactly");
            }
        }
    }

    static boolean sameType(PortableType a, PortableType b) {
        return normalize(a).equals(normalize(b));
    }

    private static PortableType normalize(PortableType p) {
        if (p.kind() == Kind.VARCHAR && p.length() == null) {
            return PortableType.of(Kind.TEXT);
        }
        if (p.kind() == Kind.NUMERIC && p.precision() != null && p.scale() == null) {
            return PortableType.numeric(p.precision(), 0);
        }
        return p;
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

    /** A CHECK expression for the server's domain, or null. Only SQLite needs them, except integer ranges. */
    private static String check(Dialect local, Dialect server, TableDefinition t, ColumnDefinition c) {
        String q = local.names().quote(c.name());
        String sf = server == null ? "" : family(server);
        String nat = c.nativeType().toLowerCase(Locale.ROOT).strip();
        long[] range = integerRange(sf, nat, c.type());
        if (!family(local).equals("sqlite")) {
            // the native type enforces everything else; only a range narrower than the kind's needs saying
            long[] kind = kindRange(c.type().kind());
            boolean narrower = range != null && (range[0] != kind[0] || range[1] != kind[1]);
            return narrower ? q + " BETWEEN " + range[0] + " AND " + range[1] : null;
        }
        List<String> all = new ArrayList<>();
        switch (c.type().kind()) {
            case SMALLINT, INTEGER, BIGINT -> {
                all.add("typeof(" + q + ") = 'integer'");
                if (range != null && (range[0] != Long.MIN_VALUE || range[1] != Long.MAX_VALUE)) {
                    all.add(q + " BETWEEN " + range[0] + " AND " + range[1]);
                }
            }
            case NUMERIC, UUID, DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> all.add("typeof(" + q + ") = 'text'");
            case REAL, DOUBLE -> {
                all.add("typeof(" + q + ") = 'real'");
                if (sf.equals("mysql")) {
                    // MySQL/MariaDB have no infinities (SQLite has no NaN: it stores NULL)
                    all.add(q + " BETWEEN -1.7976931348623157e308 AND 1.7976931348623157e308");
                }
            }
            case BOOLEAN -> all.add(q + " IN (0, 1)");
            case TEXT, VARCHAR, CHAR, JSON -> all.add("typeof(" + q + ") = 'text'");
            case BYTES -> all.add("typeof(" + q + ") = 'blob'");
            default -> { }
        }
        PortableType p = c.type();
        if ((p.kind() == Kind.VARCHAR || p.kind() == Kind.CHAR) && p.length() != null) {
            all.add("length(" + q + ") <= " + p.length()); // characters, as PostgreSQL and MySQL count them
        }
        if (p.kind() == Kind.UUID) {
            all.add("length(" + q + ") = 36");
        }
        if (p.kind() == Kind.JSON) {
            all.add("json_valid(" + q + ")");
        }
        if (sf.equals("mysql")) {
            Long maxBytes = mysqlByteLimit(nat);
            Matcher bin = MYSQL_BINARY.matcher(nat);
            if (bin.matches()) {
                // BINARY(n) pads with zero bytes: only values of exactly n bytes read back as written
                all.add("length(" + q + ") " + (bin.group(1) == null ? "=" : "<=") + " " + bin.group(2));
            } else if (maxBytes != null) {
                all.add("length(CAST(" + q + " AS BLOB)) <= " + maxBytes);
            }
            if (p.kind() == Kind.TIMESTAMPTZ) {
                String hi = mariaDbAtLeast(server, 11, 5)
                        ? "2106-02-07 06:28:15.999999Z" : "2038-01-19 03:14:07.999999Z";
                all.add(q + " BETWEEN '1970-01-01 00:00:01' AND '" + hi + "'");
            }
        }
        int fsp = fsp(server, c);
        if (fsp < 6 && (p.kind() == Kind.TIME || p.kind() == Kind.TIMESTAMP || p.kind() == Kind.TIMESTAMPTZ)) {
            // the server keeps fsp fractional digits and rounds the rest: no non-zero digit after them
            all.add(q + " NOT GLOB '*." + "[0-9]".repeat(fsp) + "*[1-9]*'");
        }
        return all.isEmpty() ? null : q + " IS NULL OR (" + String.join(" AND ", all) + ")";
    }

    /** The values the server's column holds when narrower than its portable kind (MySQL unsigned, YEAR, TINYINT). */
    private static long[] integerRange(String serverFamily, String nat, PortableType p) {
        if (p.kind() != Kind.SMALLINT && p.kind() != Kind.INTEGER && p.kind() != Kind.BIGINT) {
            return null; // tinyint(1) is BOOLEAN, bigint unsigned NUMERIC(20,0)
        }
        if (serverFamily.equals("mysql")) {
            boolean unsigned = nat.contains("unsigned");
            if (nat.startsWith("tinyint")) {
                return unsigned ? new long[] {0, 255} : new long[] {-128, 127};
            }
            if (nat.startsWith("smallint") && unsigned) {
                return new long[] {0, 65535};
            }
            if (nat.startsWith("mediumint")) {
                return unsigned ? new long[] {0, 16777215} : new long[] {-8388608, 8388607};
            }
            if (nat.startsWith("int") && unsigned) {
                return new long[] {0, 4294967295L};
            }
            if (nat.startsWith("year")) {
                return new long[] {1901, 2155};
            }
        }
        return kindRange(p.kind());
    }

    private static long[] kindRange(Kind k) {
        return switch (k) {
            case SMALLINT -> new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
            case INTEGER -> new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            default -> new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
        };
    }

    private static Long mysqlByteLimit(String nat) {
        if (nat.startsWith("tinytext") || nat.startsWith("tinyblob")) {
            return 255L;
        }
        if (nat.startsWith("text") || nat.startsWith("blob")) {
            return 65535L;
        }
        if (nat.startsWith("mediumtext") || nat.startsWith("mediumblob")) {
            return 16777215L;
        }
        return null;
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
    private static boolean mariaDbAtLeast(Dialect d, int major, int minor) {
        return d.id().equals("mariadb")
                && ServerVersion.parse(d.product().name(), d.product().version()).atLeast(major, minor);
    }

    private static String family(Dialect d) {
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
