package dev.syncwright.dialect.mysql;

import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.PortableType.Kind;
import java.util.Locale;

/** MySQL/MariaDB column types to the portable type set; null when a type cannot round-trip. */
final class MySqlTypes {
    private MySqlTypes() {
    }

    /**
     * @param dataType   information_schema DATA_TYPE (e.g. {@code int})
     * @param columnType information_schema COLUMN_TYPE (e.g. {@code int(10) unsigned}, {@code tinyint(1)})
     * @param json       MariaDB: a LONGTEXT column with a json_valid() check (MariaDB's JSON)
     */
    static PortableType portable(String dataType, String columnType, Long charLength, Integer precision, Integer scale,
                                 boolean json) {
        String d = dataType.toLowerCase(Locale.ROOT);
        String full = columnType.toLowerCase(Locale.ROOT);
        boolean unsigned = full.contains("unsigned");
        Integer length = charLength == null || charLength > Integer.MAX_VALUE ? null : charLength.intValue();
        if (json) {
            return PortableType.of(Kind.JSON);
        }
        return switch (d) {
            // tinyint(1) is how MySQL spells BOOLEAN; the display width survives in COLUMN_TYPE
            case "tinyint" -> full.startsWith("tinyint(1)") && !unsigned ? PortableType.of(Kind.BOOLEAN)
                    : unsigned ? PortableType.of(Kind.INTEGER) : PortableType.of(Kind.SMALLINT);
            case "smallint", "mediumint" -> unsigned || d.equals("mediumint") ? PortableType.of(Kind.INTEGER) : PortableType.of(Kind.SMALLINT);
            case "int", "integer" -> unsigned ? PortableType.of(Kind.BIGINT) : PortableType.of(Kind.INTEGER);
            case "bigint" -> unsigned ? PortableType.numeric(20, 0) : PortableType.of(Kind.BIGINT);
            case "decimal", "numeric" -> PortableType.numeric(precision, scale);
            case "float" -> PortableType.of(Kind.REAL);
            case "double", "real" -> PortableType.of(Kind.DOUBLE);
            // a bit field is a number of n bits (0 .. 2^n - 1); BIT(1) is how MySQL spells a flag
            case "bit" -> full.equals("bit(1)") ? PortableType.of(Kind.BOOLEAN)
                    : full.equals("bit(64)") ? PortableType.numeric(20, 0) : PortableType.of(Kind.BIGINT);
            case "year" -> PortableType.of(Kind.SMALLINT);
            case "char" -> PortableType.sized(Kind.CHAR, length);
            case "varchar" -> PortableType.sized(Kind.VARCHAR, length);
            case "tinytext", "text", "mediumtext", "longtext", "enum", "set" -> PortableType.of(Kind.TEXT);
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> PortableType.of(Kind.BYTES);
            case "uuid" -> PortableType.of(Kind.UUID); // MariaDB 10.7+
            case "json" -> PortableType.of(Kind.JSON); // MySQL's native JSON
            case "date" -> PortableType.of(Kind.DATE);
            case "time" -> PortableType.of(Kind.TIME);
            case "datetime" -> PortableType.of(Kind.TIMESTAMP);
            // TIMESTAMP is stored in UTC and shown in the session time zone: an instant
            case "timestamp" -> PortableType.of(Kind.TIMESTAMPTZ);
            default -> null; // geometry, inet4/inet6, vector...: refused by name
        };
    }
}
