package dev.syncwright.dialect.sqlite;

import static dev.syncwright.dialect.TypeMapping.digitsSuffix;
import static dev.syncwright.dialect.TypeMapping.lengthSuffix;
import static dev.syncwright.dialect.TypeMapping.precisionSuffix;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.ColumnDomain;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.PortableType.Kind;
import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TypeMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SQLite's declared types, which {@link SqliteSchemaReader} reads back as the same portable types.
 * SQLite stores anything anywhere, so a client table also gets CHECK constraints for the server's
 * whole domain: storage class, length, integer range, byte limits, character repertoire, fractional
 * digits, valid JSON. A value refused on the device can still be fixed there; one refused by the
 * server later can only be deferred.
 */
final class SqliteTypeMapping implements TypeMapping {
    /** MySQL's latin1 is Windows-1252: ASCII, U+00A0..U+00FF, the 27 letters of 0x80..0x9F and the 5 code points it leaves undefined. */
    private static final String LATIN1_EXTRA = "\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d"
            + "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178\u0081\u008d\u008f\u0090\u009d";

    private final SqlNames names;

    SqliteTypeMapping(SqlNames names) {
        this.names = names;
    }

    @Override
    public ColumnDomain domain(ColumnDefinition c) {
        return ColumnDomain.of(c);
    }

    /** NUMERIC affinity stores such values as 8-byte REALs: exact to 15 significant digits only. */
    @Override
    public Optional<String> roundTripProblem(TableDefinition t, ColumnDefinition c) {
        Kind k = c.type().kind();
        if ((k != Kind.NUMERIC && k != Kind.JSON) || textAffinity(c.nativeType())) {
            return Optional.empty();
        }
        PortableType p = c.type();
        if (k == Kind.NUMERIC && p.precision() != null && p.precision() <= 15) {
            return Optional.empty();
        }
        return Optional.of(TypeMapping.refuse(t, c, "is declared " + c.nativeType() + ", which SQLite stores with NUMERIC affinity "
                + (k == Kind.JSON ? "(JSON text like 1.50 becomes 1.5)" : "(only 15 significant digits survive)")
                + "; declare it " + (k == Kind.JSON ? "JSON_TEXT" : "DECIMAL_TEXT" + precisionSuffix(p))).getMessage());
    }

    /** SQLite's affinity rule 2: a declared type containing CHAR, CLOB or TEXT (and not INT) keeps text as text. */
    static boolean textAffinity(String declared) {
        String d = declared.toUpperCase(Locale.ROOT);
        return !d.contains("INT") && (d.contains("CHAR") || d.contains("CLOB") || d.contains("TEXT"));
    }

    @Override
    public String nativeType(TableDefinition t, ColumnDefinition c, ColumnDomain server) {
        PortableType p = c.type();
        return switch (p.kind()) {
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
            case TIME -> "TIME" + digitsSuffix(server);
            case TIMESTAMP -> "TIMESTAMP" + digitsSuffix(server);
            case TIMESTAMPTZ -> "TIMESTAMPTZ" + digitsSuffix(server);
            case JSON -> "JSON_TEXT";
        };
    }

    @Override
    public String check(String q, ColumnDefinition c, ColumnDomain server, String members) {
        List<String> all = new ArrayList<>();
        if (members != null) {
            all.add(members);
        }
        PortableType p = c.type();
        switch (p.kind()) {
            case SMALLINT, INTEGER, BIGINT -> {
                all.add(0, "typeof(" + q + ") = 'integer'");
                if (server.integerMin() != Long.MIN_VALUE || server.integerMax() != Long.MAX_VALUE) {
                    all.add(q + " BETWEEN " + server.integerMin() + " AND " + server.integerMax());
                }
            }
            case NUMERIC, UUID, DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> all.add(0, "typeof(" + q + ") = 'text'");
            case REAL, DOUBLE -> {
                all.add(0, "typeof(" + q + ") = 'real'");
                if (p.kind() == Kind.REAL) {
                    // a float4 / FLOAT column: a larger double would become an infinity, or be refused;
                    // PostgreSQL's real holds the infinities themselves (SQLite writes them 9e999)
                    String finite = q + " BETWEEN -3.4028234663852886e38 AND 3.4028234663852886e38";
                    all.add(server.infinities() ? "(" + finite + " OR " + q + " IN (9e999, -9e999))" : finite);
                } else if (!server.infinities()) {
                    all.add(q + " BETWEEN -1.7976931348623157e308 AND 1.7976931348623157e308");
                }
            }
            case BOOLEAN -> all.add(0, q + " IN (0, 1)");
            case TEXT, VARCHAR, CHAR, JSON -> all.add(0, "typeof(" + q + ") = 'text'");
            case BYTES -> all.add(0, "typeof(" + q + ") = 'blob'");
            default -> { }
        }
        boolean text = p.kind() == Kind.TEXT || p.kind() == Kind.VARCHAR || p.kind() == Kind.CHAR || p.kind() == Kind.JSON;
        if ((p.kind() == Kind.VARCHAR || p.kind() == Kind.CHAR) && p.length() != null) {
            all.add("length(" + q + ") <= " + p.length()); // characters, as PostgreSQL and MySQL count them
        }
        if (p.kind() == Kind.UUID) {
            all.add("length(" + q + ") = 36");
        }
        if (p.kind() == Kind.JSON) {
            all.add("json_valid(" + q + ")");
        }
        if (text && !server.nulCharacters()) {
            all.add("instr(" + q + ", char(0)) = 0");
        }
        bytesAndInstants(q, p, text, server, all);
        int fsp = server.fractionalDigits();
        if (fsp < 6 && (p.kind() == Kind.TIME || p.kind() == Kind.TIMESTAMP || p.kind() == Kind.TIMESTAMPTZ)) {
            // the server keeps fsp fractional digits and rounds the rest: no non-zero digit after them
            all.add(q + " NOT GLOB '*." + "[0-9]".repeat(fsp) + "*[1-9]*'");
        }
        return all.isEmpty() ? null : q + " IS NULL OR (" + String.join(" AND ", all) + ")";
    }

    private static void bytesAndInstants(String q, PortableType p, boolean text, ColumnDomain server, List<String> all) {
        if (server.binaryLength() != null) {
            // BINARY(n) pads with zero bytes: only values of exactly n bytes read back as written
            all.add("length(" + q + ") " + (server.fixedBinary() ? "=" : "<=") + " " + server.binaryLength());
        } else if (server.maxBytes() != null) {
            all.add("length(CAST(" + q + " AS BLOB)) <= " + server.maxBytes());
        }
        if (text) {
            String charset = switch (server.repertoire()) {
                case BMP -> "NOT (" + q + " GLOB ('*[' || char(65536) || '-' || char(1114111) || ']*'))";
                case LATIN1 -> "NOT (" + q + " GLOB ('*[^' || char(1) || '-' || char(127) || char(160) || '-' || char(255) || '"
                        + LATIN1_EXTRA + "]*'))";
                case ASCII -> "NOT (" + q + " GLOB ('*[^' || char(1) || '-' || char(127) || ']*'))";
                case UNICODE -> null;
            };
            if (charset != null) {
                all.add(charset);
            }
        }
        if (p.kind() == Kind.TIMESTAMPTZ && server.instantMin() != null) {
            all.add(q + " BETWEEN '" + server.instantMin() + "' AND '" + server.instantMax() + "'");
        }
    }

    @Override
    public String booleanDefault(String value) {
        return value.equals("true") ? "1" : "0";
    }

    @Override
    public String numericDefault(String value) {
        return names.literal(value);
    }

    @Override
    public boolean addsComputedDefaults() {
        return false;
    }
}
