package dev.syncwright.jdbc.internal;

import dev.syncwright.dialect.ValueCodec;
import dev.syncwright.dialect.internal.Canonical;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.TableDefinition;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Test helpers: edge values per portable kind, and copying rows through the codecs. */
final class Values {
    private Values() {
    }

    /** What a family can hold of the portable value space (the edge values are picked to fit). */
    record Limits(boolean mysql, boolean sqlite) {
    }

    /**
     * Rows of edge values for the columns of {@code t} (keyed by column name; "id" is the key):
     * minima, maxima, NULLs, and a row of awkward values (empty string, emoji, zero bytes...).
     */
    static List<Map<String, Object>> edgeRows(TableDefinition t, Limits lim) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (ColumnDefinition c : t.columns()) {
                row.put(c.name(), c.name().equals("id") ? (Object) (long) (r + 1) : value(c.type(), r, lim));
            }
            rows.add(row);
        }
        return rows;
    }

    static Object value(PortableType t, int r, Limits lim) {
        if (r == 2) {
            return null;
        }
        return switch (t.kind()) {
            case SMALLINT -> pick(r, (long) Short.MIN_VALUE, (long) Short.MAX_VALUE, 0L, -1L);
            case INTEGER -> pick(r, (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE, 0L, 42L);
            case BIGINT -> pick(r, Long.MIN_VALUE, Long.MAX_VALUE, 0L, 1L << 53 | 1);
            case NUMERIC -> t.precision() == null
                    ? pick(r, new BigDecimal("-123456789012345678901234567890.123456789012345678901"), new BigDecimal("1.50"),
                    new BigDecimal("0"), new BigDecimal("0.000000000000000000000000000001"))
                    : pick(r, new BigDecimal("-9999999999999999999999999999.9999999999"),
                    new BigDecimal("9999999999999999999999999999.9999999999"), new BigDecimal("0E-10"), new BigDecimal("1.5000000000"));
            case REAL -> pick(r, -Float.MAX_VALUE, Float.MAX_VALUE, Float.MIN_VALUE, lim.mysql ? 0.33333334f : Float.NEGATIVE_INFINITY);
            case DOUBLE -> pick(r, -Double.MAX_VALUE, Double.MAX_VALUE, Double.MIN_VALUE, lim.mysql ? 0.1 : Double.POSITIVE_INFINITY);
            case BOOLEAN -> pick(r, false, true, true, false);
            case TEXT -> pick(r, "", "Grüße, 世界 😀 \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 'quote' \"dq\" \\ back",
                    "line\nbreak\ttab", "x".repeat(5000));
            case VARCHAR -> pick(r, "", "😀".repeat(t.length() == null ? 20 : t.length()), " lead and trail ", "a");
            // canonical CHAR has no trailing spaces (PostgreSQL pads, MySQL trims)
            case CHAR -> pick(r, "", "😀é" + "x".repeat(Math.max(0, (t.length() == null ? 5 : t.length()) - 2)), " a", "ab");
            case BYTES -> pick(r, new byte[0], bytes256(), new byte[] {0}, new byte[] {(byte) 0xff, 0, (byte) 0x80});
            case UUID -> pick(r, new UUID(0, 0), new UUID(-1, -1), UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                    UUID.fromString("00000000-0000-0000-0000-000000000001"));
            case DATE -> lim.mysql ? pick(r, LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(2000, 2, 29),
                    LocalDate.of(1970, 1, 1))
                    : pick(r, LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(2000, 2, 29), LocalDate.of(1582, 10, 10));
            case TIME -> pick(r, LocalTime.MIDNIGHT, LocalTime.of(23, 59, 59, 999_999_000), LocalTime.of(12, 0, 0, 1000),
                    LocalTime.of(0, 0, 0, 500_000_000));
            case TIMESTAMP -> lim.mysql
                    ? pick(r, LocalDateTime.of(1000, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
                    LocalDateTime.of(2024, 3, 31, 2, 30, 0, 1000), LocalDateTime.of(1970, 1, 1, 0, 0))
                    : pick(r, LocalDateTime.of(1, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
                    LocalDateTime.of(2024, 3, 31, 2, 30, 0, 1000), LocalDateTime.of(1900, 1, 1, 0, 0));
            // instants written in several zones; canonical at UTC
            case TIMESTAMPTZ -> lim.mysql
                    ? pick(r, OffsetDateTime.of(1970, 1, 2, 0, 0, 0, 0, ZoneOffset.ofHours(14)),
                    OffsetDateTime.of(2038, 1, 18, 12, 0, 0, 999_999_000, ZoneOffset.ofHours(-12)),
                    OffsetDateTime.of(2024, 3, 31, 2, 30, 0, 1000, ZoneOffset.UTC),
                    OffsetDateTime.of(2024, 10, 27, 1, 30, 0, 0, ZoneOffset.ofHoursMinutes(5, 45)))
                    : pick(r, OffsetDateTime.of(1, 1, 2, 0, 0, 0, 0, ZoneOffset.ofHours(14)),
                    OffsetDateTime.of(9999, 12, 30, 12, 0, 0, 999_999_000, ZoneOffset.ofHours(-12)),
                    OffsetDateTime.of(2024, 3, 31, 2, 30, 0, 1000, ZoneOffset.UTC),
                    OffsetDateTime.of(2024, 10, 27, 1, 30, 0, 0, ZoneOffset.ofHoursMinutes(5, 45)));
            case JSON -> pick(r, "{\"a\": 1.50, \"b\": [true, null, \"😀\"]}", "[]", "\"\"", "{\"n\": 123.4567890123456789012}");
        };
    }

    @SafeVarargs
    private static <T> T pick(int r, T... v) {
        return v[r == 0 ? 0 : r == 1 ? 1 : r == 3 ? 2 : 3];
    }

    private static byte[] bytes256() {
        byte[] b = new byte[256];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    /** The canonical form of a value as written: CHAR without trailing spaces, NUMERIC at its scale, instants at UTC. */
    static Object canonical(PortableType t, Object v) {
        if (v == null) {
            return null;
        }
        return switch (t.kind()) {
            case CHAR -> Canonical.rtrim((String) v);
            case NUMERIC -> Canonical.numeric((BigDecimal) v, t);
            case TIMESTAMPTZ -> ((OffsetDateTime) v).withOffsetSameInstant(ZoneOffset.UTC);
            default -> v;
        };
    }

    static void assertValue(String what, PortableType t, Object expected, Object actual) {
        if (expected == null || actual == null) {
            assertEquals(expected, actual, what);
            return;
        }
        switch (t.kind()) {
            case NUMERIC -> {
                BigDecimal e = (BigDecimal) expected;
                BigDecimal a = (BigDecimal) actual;
                if (e.compareTo(a) != 0 || e.scale() != a.scale()) {
                    fail(what + ": expected " + e.toPlainString() + " (scale " + e.scale() + ") but was " + a.toPlainString()
                            + " (scale " + a.scale() + ")");
                }
            }
            case BYTES -> assertArrayEquals((byte[]) expected, (byte[]) actual, what);
            case TIMESTAMPTZ -> {
                assertEquals(((OffsetDateTime) expected).toInstant(), ((OffsetDateTime) actual).toInstant(), what);
                assertEquals(ZoneOffset.UTC, ((OffsetDateTime) actual).getOffset(), what + " (canonical offset)");
            }
            default -> {
                assertEquals(Canonical.canonicalClass(t.kind()), simpleName(actual), what + " (class)");
                assertEquals(expected, actual, what);
            }
        }
    }

    private static String simpleName(Object v) {
        return v.getClass().getSimpleName();
    }

    static void insert(Connection c, Dialect d, TableDefinition t, String table, List<Map<String, Object>> rows) throws SQLException {
        ValueCodec codec = d.codec();
        String cols = t.columns().stream().map(x -> d.names().quote(x.name())).collect(Collectors.joining(", "));
        String marks = t.columns().stream().map(x -> "?").collect(Collectors.joining(", "));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ")")) {
            for (Map<String, Object> row : rows) {
                int i = 1;
                for (ColumnDefinition col : t.columns()) {
                    codec.bind(ps, i++, row.get(col.name()), col.type());
                }
                ps.executeUpdate();
            }
        }
    }

    static List<Map<String, Object>> select(Connection c, Dialect d, TableDefinition t, String table) throws SQLException {
        ValueCodec codec = d.codec();
        String cols = t.columns().stream().map(x -> d.codec().selectExpression(d.names().quote(x.name()), x.type()))
                .collect(Collectors.joining(", "));
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + cols + " FROM " + table + " ORDER BY " + d.names().quote("id"));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, Object> row = new HashMap<>();
                int i = 1;
                for (ColumnDefinition col : t.columns()) {
                    row.put(col.name(), codec.read(rs, i++, col.type()));
                }
                out.add(row);
            }
        }
        return out;
    }

    static void assertRows(String what, TableDefinition t, List<Map<String, Object>> expected, List<Map<String, Object>> actual) {
        assertEquals(expected.size(), actual.size(), what + ": rows");
        for (int r = 0; r < expected.size(); r++) {
            for (ColumnDefinition c : t.columns()) {
                assertValue(what + ": row " + (r + 1) + " column " + c.name() + " " + c.type(), c.type(),
                        canonical(c.type(), expected.get(r).get(c.name())), actual.get(r).get(c.name()));
            }
        }
    }
}
