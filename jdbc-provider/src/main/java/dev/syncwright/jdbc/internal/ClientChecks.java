package dev.syncwright.jdbc.internal;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.PortableType.Kind;
import dev.syncwright.dialect.SqlNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CHECK constraints that make a client refuse, when the application writes it, a value the server's
 * column would refuse or change: on SQLite, which stores anything anywhere, the storage class, a
 * length, an integer range, the members of an enumeration, what the server's character set can hold,
 * float4's range, PostgreSQL's ban on U+0000 in text; elsewhere only what the client's own type does
 * not enforce (a narrower integer range, an enumeration). A value refused on the device can still be
 * fixed there; one refused by the server later can only be deferred.
 */
final class ClientChecks {
    private static final Pattern MYSQL_BINARY = Pattern.compile("^(var)?binary\\((\\d+)\\).*");
    private static final Pattern MYSQL_BIT = Pattern.compile("^bit\\((\\d+)\\).*");
    private static final Pattern MYSQL_CHARSET = Pattern.compile(".* character set (\\w+) collate .*");
    /** MySQL's latin1 is Windows-1252: ASCII, U+00A0..U+00FF, the 27 letters of 0x80..0x9F and the 5 code points it leaves undefined. */
    private static final String LATIN1_EXTRA = "\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d"
            + "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178\u0081\u008d\u008f\u0090\u009d";

    private ClientChecks() {
    }

    /** The CHECK expression for column {@code c} of a client of dialect {@code local}, or null. */
    static String check(Dialect local, Dialect server, ColumnDefinition c) {
        SqlNames n = local.names();
        String q = n.quote(c.name());
        String sf = server == null ? "" : ClientDdl.family(server);
        String nat = c.nativeType().toLowerCase(Locale.ROOT).strip();
        long[] range = integerRange(sf, nat, c.type());
        List<String> all = new ArrayList<>();
        if (c.allowedValues() != null && !c.generated()) {
            all.add(members(local, q, c));
        }
        if (!ClientDdl.family(local).equals("sqlite")) {
            // the native type enforces everything else; only a range narrower than the kind's needs saying
            long[] kind = kindRange(c.type().kind());
            if (range != null && (range[0] != kind[0] || range[1] != kind[1])) {
                all.add(0, q + " BETWEEN " + range[0] + " AND " + range[1]);
            }
            return all.isEmpty() ? null : all.size() == 1 && all.get(0).startsWith(q + " BETWEEN") ? all.get(0)
                    : q + " IS NULL OR (" + String.join(" AND ", all) + ")";
        }
        switch (c.type().kind()) {
            case SMALLINT, INTEGER, BIGINT -> {
                all.add(0, "typeof(" + q + ") = 'integer'");
                if (range != null && (range[0] != Long.MIN_VALUE || range[1] != Long.MAX_VALUE)) {
                    all.add(q + " BETWEEN " + range[0] + " AND " + range[1]);
                }
            }
            case NUMERIC, UUID, DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> all.add(0, "typeof(" + q + ") = 'text'");
            case REAL, DOUBLE -> {
                all.add(0, "typeof(" + q + ") = 'real'");
                if (c.type().kind() == Kind.REAL) {
                    // a float4 / FLOAT column: a larger double would become an infinity, or be refused;
                    // PostgreSQL's real holds the infinities themselves (SQLite writes them 9e999)
                    String finite = q + " BETWEEN -3.4028234663852886e38 AND 3.4028234663852886e38";
                    all.add(sf.equals("mysql") ? finite : "(" + finite + " OR " + q + " IN (9e999, -9e999))");
                } else if (sf.equals("mysql")) {
                    // MySQL/MariaDB have no infinities (SQLite has no NaN: it stores NULL)
                    all.add(q + " BETWEEN -1.7976931348623157e308 AND 1.7976931348623157e308");
                }
            }
            case BOOLEAN -> all.add(0, q + " IN (0, 1)");
            case TEXT, VARCHAR, CHAR, JSON -> all.add(0, "typeof(" + q + ") = 'text'");
            case BYTES -> all.add(0, "typeof(" + q + ") = 'blob'");
            default -> { }
        }
        PortableType p = c.type();
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
        if (text && sf.equals("postgres")) {
            all.add("instr(" + q + ", char(0)) = 0"); // PostgreSQL text cannot hold U+0000
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
            Matcher cs = MYSQL_CHARSET.matcher(nat);
            if (text && cs.matches()) {
                String charset = charsetCheck(q, cs.group(1));
                if (charset != null) {
                    all.add(charset);
                }
            }
            if (p.kind() == Kind.TIMESTAMPTZ) {
                String hi = ClientDdl.mariaDbAtLeast(server, 11, 5) ? "2106-02-07 06:28:15.999999Z" : "2038-01-19 03:14:07.999999Z";
                all.add(q + " BETWEEN '1970-01-01 00:00:01' AND '" + hi + "'");
            }
        }
        int fsp = ClientDdl.fsp(server, c);
        if (fsp < 6 && (p.kind() == Kind.TIME || p.kind() == Kind.TIMESTAMP || p.kind() == Kind.TIMESTAMPTZ)) {
            // the server keeps fsp fractional digits and rounds the rest: no non-zero digit after them
            all.add(q + " NOT GLOB '*." + "[0-9]".repeat(fsp) + "*[1-9]*'");
        }
        return all.isEmpty() ? null : q + " IS NULL OR (" + String.join(" AND ", all) + ")";
    }

    /**
     * An enumeration: one of its members. A MySQL SET: a comma-separated list of members, which the
     * check strips member by member (each appears once; MySQL itself drops duplicates and sorts).
     */
    private static String members(Dialect local, String q, ColumnDefinition c) {
        List<String> literals = c.allowedValues().stream().map(local.names()::literal).toList();
        if (!c.multipleValues()) {
            return q + " IN (" + String.join(", ", literals) + ")";
        }
        String rest = "',' || " + q + " || ','";
        for (String m : c.allowedValues()) {
            rest = "replace(" + rest + ", " + local.names().literal("," + m + ",") + ", ',')";
        }
        return "(" + q + " = '' OR " + rest + " = ',')";
    }

    /** Characters a MySQL character set narrower than Unicode cannot store (null: it stores them all). */
    private static String charsetCheck(String q, String charset) {
        return switch (charset) {
            // BMP only: utf8mb3 has no 4-byte sequences
            case "utf8mb3", "utf8", "ucs2" -> "NOT (" + q + " GLOB ('*[' || char(65536) || '-' || char(1114111) || ']*'))";
            case "latin1" -> "NOT (" + q + " GLOB ('*[^' || char(1) || '-' || char(127) || char(160) || '-' || char(255) || '"
                    + LATIN1_EXTRA + "]*'))";
            case "ascii" -> "NOT (" + q + " GLOB ('*[^' || char(1) || '-' || char(127) || ']*'))";
            default -> null;
        };
    }

    /** The values the server's column holds when narrower than its portable kind (MySQL unsigned, YEAR, TINYINT, BIT(n)). */
    static long[] integerRange(String serverFamily, String nat, PortableType p) {
        if (p.kind() != Kind.SMALLINT && p.kind() != Kind.INTEGER && p.kind() != Kind.BIGINT) {
            return null; // tinyint(1) is BOOLEAN, bigint unsigned NUMERIC(20,0)
        }
        if (serverFamily.equals("mysql")) {
            boolean unsigned = nat.contains("unsigned");
            Matcher bit = MYSQL_BIT.matcher(nat);
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
        }
        return kindRange(p.kind());
    }

    static long[] kindRange(Kind k) {
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
}
