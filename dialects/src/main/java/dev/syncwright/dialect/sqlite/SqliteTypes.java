package dev.syncwright.dialect.sqlite;

import dev.syncwright.dialect.ColumnDefault;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.PortableType.Kind;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps a declared SQLite column type to a portable type. SQLite stores any value anywhere, so the
 * declared type is the only statement of intent; an undeclared or unknown one is refused.
 * INTEGER is BIGINT because SQLite integers are 64-bit.
 *
 * <p>{@code DECIMAL_TEXT(p,s)} and {@code JSON_TEXT} are the names Syncwright declares for NUMERIC
 * and JSON columns it creates: a declared type containing "TEXT" gets TEXT affinity, which keeps the
 * value as written. Under NUMERIC affinity SQLite would store '123.4567890123456789012' as a
 * 15-digit REAL and turn the JSON text '1.50' into 1.5.
 */
final class SqliteTypes {
    private static final Pattern DECLARED = Pattern.compile("\\s*([A-Z_ ]+?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*");

    private SqliteTypes() {
    }

    static PortableType portable(String declared) {
        Matcher m = DECLARED.matcher(declared == null ? "" : declared.toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        String base = m.group(1).replaceAll("\\s+", " ");
        Integer a = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        Integer b = m.group(3) == null ? null : Integer.valueOf(m.group(3));
        return switch (base) {
            case "SMALLINT", "INT2", "TINYINT" -> PortableType.of(Kind.SMALLINT);
            case "INT", "INT4", "MEDIUMINT" -> PortableType.of(Kind.INTEGER);
            case "INTEGER", "BIGINT", "INT8" -> PortableType.of(Kind.BIGINT);
            case "NUMERIC", "DECIMAL", "DECIMAL_TEXT", "NUMERIC_TEXT" -> PortableType.numeric(a, a == null ? null : (b == null ? 0 : b));
            case "REAL", "FLOAT4" -> PortableType.of(Kind.REAL);
            case "DOUBLE", "DOUBLE PRECISION", "FLOAT", "FLOAT8" -> PortableType.of(Kind.DOUBLE);
            case "BOOLEAN", "BOOL" -> PortableType.of(Kind.BOOLEAN);
            case "TEXT", "CLOB" -> PortableType.of(Kind.TEXT);
            case "VARCHAR", "CHARACTER VARYING", "NVARCHAR", "VARYING CHARACTER" -> PortableType.sized(Kind.VARCHAR, a);
            case "CHAR", "CHARACTER", "NCHAR" -> PortableType.sized(Kind.CHAR, a);
            case "BLOB", "BYTEA" -> PortableType.of(Kind.BYTES);
            case "UUID" -> PortableType.of(Kind.UUID);
            case "DATE" -> PortableType.of(Kind.DATE);
            case "TIME" -> PortableType.of(Kind.TIME);
            case "TIMESTAMP", "DATETIME" -> PortableType.of(Kind.TIMESTAMP);
            case "TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE" -> PortableType.of(Kind.TIMESTAMPTZ);
            case "JSON", "JSONB", "JSON_TEXT" -> PortableType.of(Kind.JSON);
            default -> null;
        };
    }

    /** SQLite's type affinity of a declared type (its rules 1 to 5, in order). */
    static String affinity(String declared) {
        String d = declared == null ? "" : declared.toUpperCase(Locale.ROOT);
        if (d.contains("INT")) {
            return "INTEGER";
        }
        if (d.contains("CHAR") || d.contains("CLOB") || d.contains("TEXT")) {
            return "TEXT";
        }
        if (d.isBlank() || d.contains("BLOB")) {
            return "BLOB";
        }
        if (d.contains("REAL") || d.contains("FLOA") || d.contains("DOUB")) {
            return "REAL";
        }
        return "NUMERIC";
    }

    /** A default as pragma_table_info prints it: a quoted string, a number, a time keyword, NULL, or an expression. */
    static ColumnDefault parseDefault(String d, PortableType type) {
        if (d == null || d.equalsIgnoreCase("NULL")) {
            return null;
        }
        String s = d.strip();
        String upper = s.toUpperCase(Locale.ROOT);
        if (upper.equals("CURRENT_TIMESTAMP") || upper.equals("CURRENT_DATE") || upper.equals("CURRENT_TIME")) {
            return new ColumnDefault(ColumnDefault.Kind.NOW, null, s);
        }
        String literal;
        if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
            literal = s.substring(1, s.length() - 1).replace("''", "'");
        } else if (s.matches("[-+]?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
            literal = s.startsWith("+") ? s.substring(1) : s;
        } else if (upper.equals("TRUE") || upper.equals("FALSE")) {
            literal = upper.toLowerCase(Locale.ROOT);
        } else {
            return new ColumnDefault(ColumnDefault.Kind.EXPRESSION, null, s);
        }
        if (type.kind() == PortableType.Kind.BOOLEAN) {
            literal = literal.equals("0") || literal.equals("false") ? "false" : "true";
        }
        return type.kind() == PortableType.Kind.BYTES ? new ColumnDefault(ColumnDefault.Kind.EXPRESSION, null, s)
                : new ColumnDefault(ColumnDefault.Kind.LITERAL, literal, s);
    }
}
