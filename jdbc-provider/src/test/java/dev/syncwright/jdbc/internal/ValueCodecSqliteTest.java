package dev.syncwright.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syncwright.core.SyncException;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * SQLite, with the declared types {@link ClientDdl} uses but no CHECK constraints, so that values an
 * application might store in the "wrong" storage class can be planted and read.
 */
class ValueCodecSqliteTest extends ValueCodecContract {
    @Override
    TestDatabase create() {
        return TestDatabases.sqlite("valuecodec");
    }

    @Override
    String kindsDdl() {
        return """
                CREATE TABLE kinds (id BIGINT PRIMARY KEY, c_smallint SMALLINT, c_int INT, c_bigint BIGINT,
                  c_num DECIMAL_TEXT(38,10), c_numfree DECIMAL_TEXT, c_real REAL, c_double DOUBLE, c_bool BOOLEAN,
                  c_text TEXT, c_varchar VARCHAR(20), c_char CHAR(5), c_bytes BLOB, c_uuid UUID, c_date DATE,
                  c_time TIME, c_ts TIMESTAMP, c_tstz TIMESTAMPTZ, c_json JSON_TEXT)""";
    }

    @Override
    Values.Limits limits() {
        return new Values.Limits(false, true);
    }

    /** What the codec writes is plain, sortable ISO text, the storage class ClientDdl declares. */
    @Test
    void storedForms() throws SQLException {
        roundTrip(kinds(), Map.of("c_num", new BigDecimal("123.45"), "c_tstz",
                OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 6000, ZoneOffset.ofHours(2)), "c_ts", LocalDateTime.of(2024, 1, 2, 3, 4, 5),
                "c_uuid", new UUID(-1, 1), "c_bool", true, "c_json", "{\"a\": 1.50}", "c_real", 0.1f));
        try (Statement s = conn.createStatement(); var rs = s.executeQuery("SELECT c_num, typeof(c_num), c_tstz, c_ts, c_uuid, "
                + "typeof(c_bool) || c_bool, c_json, typeof(c_real) FROM kinds")) {
            rs.next();
            assertEquals("123.4500000000", rs.getString(1));
            assertEquals("text", rs.getString(2));
            assertEquals("2024-01-02 01:04:05.000006Z", rs.getString(3));
            assertEquals("2024-01-02 03:04:05.000000", rs.getString(4));
            assertEquals("ffffffff-ffff-ffff-0000-000000000001", rs.getString(5));
            assertEquals("integer1", rs.getString(6));
            assertEquals("{\"a\": 1.50}", rs.getString(7));
            assertEquals("real", rs.getString(8));
        }
    }

    @Test
    void valuesInTheWrongStorageClassAreReadWhenExactAndRefusedOtherwise() throws SQLException {
        exec("DELETE FROM kinds");
        // an integer bound into a TEXT column is stored as its text (TEXT affinity) and read as that text
        exec("INSERT INTO kinds (id, c_text, c_varchar, c_uuid, c_bool, c_bytes, c_ts, c_tstz, c_time, c_numfree) "
                + "VALUES (1, ?, ?, ?, 'TRUE', 'abc', '2024-01-02T03:04:05.5', '2024-01-02 03:04:05+02:00', '10:11', 42)",
                123, 4.5, uuidBytes(new UUID(1, 2)));
        Map<String, Object> r = Values.select(conn, dialect, kinds(), "kinds").get(0);
        assertEquals("123", r.get("c_text"));
        assertEquals("4.5", r.get("c_varchar"));
        assertEquals(new UUID(1, 2), r.get("c_uuid"));
        assertEquals(true, r.get("c_bool"));
        assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), (byte[]) r.get("c_bytes"));
        assertEquals(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000), r.get("c_ts"));
        assertEquals(OffsetDateTime.of(2024, 1, 2, 1, 4, 5, 0, ZoneOffset.UTC), r.get("c_tstz"));
        assertEquals(java.time.LocalTime.of(10, 11), r.get("c_time"));
        assertEquals(new BigDecimal("42"), r.get("c_numfree"));

        // no zone: SQLite's date functions take it as UTC, and so does the codec
        exec("UPDATE kinds SET c_tstz = datetime('2024-05-06 07:08:09')");
        assertEquals(OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.UTC),
                Values.select(conn, dialect, kinds(), "kinds").get(0).get("c_tstz"));

        refused("c_bigint", "'abc'");
        refused("c_bigint", "1.5");
        refused("c_smallint", "40000");
        refused("c_bool", "2");
        refused("c_num", "'1.00000000001'");     // more digits than NUMERIC(38,10): refused, not rounded
        refused("c_num", "'twelve'");
        refused("c_ts", "1700000000000");        // xerial's setTimestamp: epoch millis in an unknown zone
        refused("c_date", "'2024-13-01'");
        refused("c_uuid", "'1-2-3-4-5'");        // UUID.fromString would accept it
        refused("c_time", "'10:11:12.1234567'"); // sub-microsecond
        refused("c_real", "'x'");
        exec("DELETE FROM kinds");
    }

    private void refused(String column, String literal) throws SQLException {
        exec("DELETE FROM kinds");
        exec("INSERT INTO kinds (id, " + column + ") VALUES (1, " + literal + ")");
        SyncException e = assertThrows(SyncException.class, () -> Values.select(conn, dialect, kinds(), "kinds"), literal);
        assertTrue(e.getMessage().contains(column), e.getMessage());
    }

    @Test
    void nanIsRefusedBecauseSqliteWouldStoreNull() {
        assertThrows(SyncException.class, () -> roundTrip(kinds(), Map.of("c_double", Double.NaN)));
    }

    /** Why NUMERIC and JSON are declared with TEXT affinity: NUMERIC affinity loses digits and rewrites JSON. */
    @Test
    void numericAffinityWouldLoseDigits() throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE affinity (n NUMERIC(38,10), j JSON, t DECIMAL_TEXT(38,10), jt JSON_TEXT)");
            s.execute("INSERT INTO affinity VALUES ('123.4567890123456789012', '1.50', '123.4567890123456789012', '1.50')");
            try (var rs = s.executeQuery("SELECT n, j, t, jt FROM affinity")) {
                rs.next();
                assertTrue(!rs.getString(1).equals("123.4567890123456789012"));
                assertEquals("1.5", rs.getString(2));
                assertEquals("123.4567890123456789012", rs.getString(3));
                assertEquals("1.50", rs.getString(4));
            }
        }
    }

    /**
     * The one inexactness: SQLite writes an integral REAL as an integer on disk, so -0.0 reads back as
     * 0.0 (equal in SQL, where -0.0 = 0.0; different to Double.equals). Infinities survive.
     */
    @Test
    void infinitySurvivesNegativeZeroLosesItsSign() throws SQLException {
        List<Map<String, Object>> back = roundTrip(kinds(), Map.of("c_double", -0.0d, "c_real", Float.POSITIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, back.get(0).get("c_real"));
        assertEquals(0.0d, back.get(0).get("c_double"));
    }

    private static byte[] uuidBytes(UUID u) {
        return java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }
}
