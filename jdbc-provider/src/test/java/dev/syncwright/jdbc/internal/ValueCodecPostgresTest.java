package dev.syncwright.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueCodecPostgresTest extends ValueCodecContract {
    @Override
    TestDatabase create() {
        return TestDatabases.postgres("valuecodec");
    }

    @Override
    String kindsDdl() {
        return """
                CREATE TABLE kinds (id bigint PRIMARY KEY, c_smallint smallint, c_int integer, c_bigint bigint,
                  c_num numeric(38,10), c_numfree numeric, c_real real, c_double double precision, c_bool boolean,
                  c_text text, c_varchar varchar(20), c_char char(5), c_bytes bytea, c_uuid uuid, c_date date,
                  c_time time, c_ts timestamp, c_tstz timestamptz, c_json json, c_jsonb jsonb)""";
    }

    @Override
    Values.Limits limits() {
        return new Values.Limits(false, false);
    }

    @Override
    boolean normalizesJson(ColumnDefinition c) {
        return c.nativeType().equals("jsonb");
    }

    @Test
    void charIsReadWithoutItsPadding() throws SQLException {
        exec("INSERT INTO kinds (id, c_char) VALUES (2000, 'ab')");
        try (var s = conn.createStatement(); var rs = s.executeQuery("SELECT c_char, c_char::text || '|' FROM kinds WHERE id = 2000")) {
            rs.next();
            assertEquals("ab", dialect.codec().read(rs, 1, kinds().column("c_char").orElseThrow().type()));
        }
        exec("DELETE FROM kinds");
    }

    @Test
    void nanAndNegativeZeroSurvive() throws SQLException {
        TableDefinition t = kinds();
        List<Map<String, Object>> back = roundTrip(t, Map.of("c_real", Float.NaN, "c_double", -0.0d));
        assertEquals(Float.NaN, back.get(0).get("c_real"));
        assertEquals(-0.0d, back.get(0).get("c_double"));
    }

    @Test
    void numericNanIsRefusedWhenRead() throws SQLException {
        exec("DELETE FROM kinds");
        exec("INSERT INTO kinds (id, c_numfree) VALUES (1, 'NaN')");
        SyncException e = assertThrows(SyncException.class, () -> Values.select(conn, dialect, kinds(), "kinds"));
        assertTrue(e.getMessage().contains("c_numfree"), e.getMessage());
        exec("DELETE FROM kinds");
    }

    @Test
    void textWithNulIsRefusedBeforeTheDriver() {
        SyncException e = assertThrows(SyncException.class, () -> roundTrip(kinds(), Map.of("c_text", "a\0b")));
        assertTrue(e.getMessage().contains("U+0000"), e.getMessage());
    }

    @Test
    void unconstrainedNumericKeepsItsScale() throws SQLException {
        List<Map<String, Object>> back = roundTrip(kinds(), Map.of("c_numfree", new BigDecimal("1.500")));
        assertEquals(3, ((BigDecimal) back.get(0).get("c_numfree")).scale());
    }
}
