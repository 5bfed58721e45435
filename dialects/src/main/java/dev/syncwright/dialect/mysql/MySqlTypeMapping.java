package dev.syncwright.dialect.mysql;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.ColumnDomain;
import dev.syncwright.dialect.ColumnDomain.Repertoire;
import dev.syncwright.dialect.DatabaseProduct;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.PortableType.Kind;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TypeMapping;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL's and MariaDB's types. As a server its native types are often narrower than their portable
 * kind (unsigned and small integers, BIT(n), YEAR, byte-limited TEXT and BLOB, BINARY(n), narrow
 * character sets, TIMESTAMP's years, 0 fractional digits by default) and there are no infinities.
 */
final class MySqlTypeMapping implements TypeMapping {
    private static final Pattern BINARY = Pattern.compile("^(var)?binary\\((\\d+)\\).*");
    private static final Pattern BIT = Pattern.compile("^bit\\((\\d+)\\).*");
    private static final Pattern CHARSET = Pattern.compile(".* character set (\\w+) collate .*");

    private final ServerVersion version;
    private final DatabaseProduct product;

    MySqlTypeMapping(ServerVersion version, DatabaseProduct product) {
        this.version = version;
        this.product = product;
    }

    @Override
    public ColumnDomain domain(ColumnDefinition c) {
        String nat = c.nativeType().toLowerCase(Locale.ROOT).strip();
        Kind k = c.type().kind();
        ColumnDomain d = ColumnDomain.of(c, 0).withLimits(false, true);
        long[] range = integerRange(nat, k);
        if (range != null) {
            d = d.withIntegerRange(range[0], range[1]);
        }
        Matcher bin = BINARY.matcher(nat);
        if (bin.matches()) {
            d = d.withBytes(Integer.parseInt(bin.group(2)), bin.group(1) == null, null);
        } else {
            d = d.withBytes(null, false, byteLimit(nat));
        }
        Matcher cs = CHARSET.matcher(nat);
        if (cs.matches()) {
            d = d.withRepertoire(switch (cs.group(1)) {
                case "utf8mb3", "utf8", "ucs2" -> Repertoire.BMP;
                case "latin1" -> Repertoire.LATIN1;
                case "ascii" -> Repertoire.ASCII;
                default -> Repertoire.UNICODE;
            });
        }
        if (k == Kind.TIMESTAMPTZ) {
            // TIMESTAMP is 32 bits of seconds since 1970, unsigned on MariaDB 11.5+
            d = d.withInstants("1970-01-01 00:00:01", version.mariaDb() && version.atLeast(11, 5)
                    ? "2106-02-07 06:28:15.999999Z" : "2038-01-19 03:14:07.999999Z");
        }
        return d;
    }

    /** The values of an integer column when narrower than its portable kind (unsigned, YEAR, TINYINT, BIT(n)). */
    private static long[] integerRange(String nat, Kind k) {
        if (k != Kind.SMALLINT && k != Kind.INTEGER && k != Kind.BIGINT) {
            return null; // tinyint(1) is BOOLEAN, bigint unsigned NUMERIC(20,0)
        }
        boolean unsigned = nat.contains("unsigned");
        Matcher bit = BIT.matcher(nat);
        if (bit.matches()) {
            return new long[] {0, (1L << Integer.parseInt(bit.group(1))) - 1};
        }
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
        return null;
    }

    private static Long byteLimit(String nat) {
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

    @Override
    public Optional<String> cannotHold(TableDefinition t, ColumnDefinition c, ColumnDomain server) {
        if (c.type().kind() == Kind.TIMESTAMPTZ && server.instantMax() == null) {
            return Optional.of(TypeMapping.refuse(t, c, "is " + c.type() + "; a MySQL/MariaDB client would store it as "
                    + "TIMESTAMP, which holds only 1970-2038 (2106 on MariaDB 11.5+), so some server values could not be stored")
                    .getMessage());
        }
        return Optional.empty();
    }

    @Override
    public String nativeType(TableDefinition t, ColumnDefinition c, ColumnDomain server) {
        PortableType p = c.type();
        int fsp = server.fractionalDigits();
        boolean keyed = c.inPrimaryKey() || t.uniqueConstraints().stream().anyMatch(u -> u.columns().contains(c.name()))
                || t.foreignKeys().stream().anyMatch(f -> f.columns().contains(c.name()));
        switch (p.kind()) {
            case TEXT, BYTES, JSON -> {
                if (keyed) {
                    throw TypeMapping.refuse(t, c, "is " + p + " and part of a key; MySQL/MariaDB cannot index it whole");
                }
            }
            case VARCHAR -> {
                if (p.length() == null && keyed) {
                    throw TypeMapping.refuse(t, c, "is VARCHAR without a length and part of a key; MySQL/MariaDB cannot index it whole");
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
                    throw TypeMapping.refuse(t, c, "is NUMERIC without precision and scale; MySQL/MariaDB DECIMAL always has a fixed scale");
                }
                int s = p.scale() == null ? 0 : p.scale();
                if (p.precision() > 65 || s > 30) {
                    throw TypeMapping.refuse(t, c, "is " + p + "; MySQL/MariaDB DECIMAL holds at most 65 digits, 30 after the point");
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
                    throw TypeMapping.refuse(t, c, "is " + p + "; a MySQL/MariaDB utf8mb4 VARCHAR holds at most 16383 characters");
                }
                yield "varchar(" + p.length() + ")";
            }
            case CHAR -> {
                if (p.length() == null || p.length() > 255) {
                    throw TypeMapping.refuse(t, c, "is " + p + "; a MySQL/MariaDB CHAR has 1 to 255 characters");
                }
                yield "char(" + p.length() + ")";
            }
            case BYTES -> "longblob";
            case UUID -> {
                if (!version.mariaDb() || !version.atLeast(10, 7)) {
                    throw TypeMapping.refuse(t, c, "is UUID; only MariaDB 10.7+ has a UUID type (" + product + ")");
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

    /** utf8mb4_bin: every Unicode character, and keys compared as PostgreSQL and SQLite compare them. */
    @Override
    public String tableOptions() {
        // a case-insensitive collation would make 'A' and 'a' one key on the client but two on the server
        return " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";
    }

    /** explicit_defaults_for_timestamp=OFF would make a TIMESTAMP NOT NULL with an auto-update. */
    @Override
    public String nullable(PortableType type) {
        return type.kind() == Kind.TIMESTAMPTZ ? " NULL" : "";
    }
}
