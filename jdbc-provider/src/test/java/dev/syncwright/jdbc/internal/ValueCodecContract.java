package dev.syncwright.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.Dialects;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.PortableType.Kind;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The codec contract, once per database: a table with one column per portable kind, written with
 * {@code bind} and read with {@code read}, every value exact. The table is created from the
 * subclass's native DDL, and its types come from the dialect's own SchemaReader, as in the provider.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ValueCodecContract {
    TestDatabase db;
    Connection conn;
    Dialect dialect;

    abstract TestDatabase create();

    /** CREATE TABLE kinds (id, one column per portable kind, ...). */
    abstract String kindsDdl();

    abstract Values.Limits limits();

    boolean normalizesJson(ColumnDefinition c) {
        return false;
    }

    @BeforeAll
    void open() throws SQLException {
        db = create();
        conn = db.connect();
        dialect = Dialects.detect(conn);
        dialect.codec().prepareSession(conn);
        try (Statement s = conn.createStatement()) {
            s.execute(kindsDdl());
        }
    }

    @AfterAll
    void close() throws SQLException {
        if (conn != null) {
            conn.close();
        }
        if (db != null) {
            db.close();
        }
    }

    TableDefinition kinds() {
        return dialect.schema().read(conn, dialect.schema().resolve(conn, "kinds").orElseThrow());
    }

    @Test
    void everyPortableKindHasAColumn() {
        Set<Kind> seen = EnumSet.noneOf(Kind.class);
        kinds().columns().forEach(c -> seen.add(c.type().kind()));
        assertEquals(EnumSet.allOf(Kind.class), seen);
    }

    @Test
    void edgeValuesRoundTripExactly() throws SQLException {
        TableDefinition t = kinds();
        List<Map<String, Object>> rows = Values.edgeRows(t, limits());
        String table = dialect.names().table(t.name());
        try (Statement s = conn.createStatement()) {
            s.execute("DELETE FROM " + table);
        }
        Values.insert(conn, dialect, t, table, rows);
        List<Map<String, Object>> back = Values.select(conn, dialect, t, table);
        // JSON is compared to what the database returns after its first write (jsonb and MySQL's JSON rewrite the text)
        for (int r = 0; r < rows.size(); r++) {
            for (ColumnDefinition c : t.columns()) {
                if (normalizesJson(c)) {
                    rows.get(r).put(c.name(), back.get(r).get(c.name()));
                }
            }
        }
        Values.assertRows(dialect.id(), t, rows, back);
        // and a second trip changes nothing
        try (Statement s = conn.createStatement()) {
            s.execute("DELETE FROM " + table);
        }
        Values.insert(conn, dialect, t, table, back);
        Values.assertRows(dialect.id() + " (second trip)", t, back, Values.select(conn, dialect, t, table));
    }

    @Test
    void emptyStringAndEmptyBytesAreNotNull() throws SQLException {
        TableDefinition t = kinds();
        List<Map<String, Object>> back = roundTrip(t, Map.of("c_text", "", "c_bytes", new byte[0], "c_varchar", ""));
        assertEquals("", back.get(0).get("c_text"));
        assertEquals(0, ((byte[]) back.get(0).get("c_bytes")).length);
        assertEquals("", back.get(0).get("c_varchar"));
    }

    @Test
    void refusesWhatWouldBeRoundedOrTruncated() {
        TableDefinition t = kinds();
        PortableType num = t.column("c_num").orElseThrow().type();
        PortableType small = t.column("c_smallint").orElseThrow().type();
        PortableType time = t.column("c_time").orElseThrow().type();
        SyncException e = assertThrows(SyncException.class,
                () -> roundTrip(t, Map.of("c_num", new BigDecimal("1.00000000001"))));
        assertTrue(e.getMessage().contains("NUMERIC(38,10)"), e.getMessage());
        assertThrows(SyncException.class, () -> roundTrip(t, Map.of("c_num", new BigDecimal("1E+28"))));
        e = assertThrows(SyncException.class, () -> roundTrip(t, Map.of("c_smallint", 40000L)));
        assertTrue(e.getMessage().contains(small.toString()), e.getMessage());
        assertThrows(SyncException.class, () -> roundTrip(t, Map.of("c_time", LocalTime.of(1, 2, 3, 1))));
        e = assertThrows(SyncException.class, () -> roundTrip(t, Map.of("c_int", "12")));
        assertTrue(e.getMessage().contains("Long"), e.getMessage());
        assertEquals(num.kind(), Kind.NUMERIC);
        assertEquals(time.kind(), Kind.TIME);
    }

    /** Inserts one row (id 1000, other columns NULL unless given) and reads it back. */
    List<Map<String, Object>> roundTrip(TableDefinition t, Map<String, Object> values) throws SQLException {
        String table = dialect.names().table(t.name());
        try (Statement s = conn.createStatement()) {
            s.execute("DELETE FROM " + table);
        }
        Map<String, Object> row = new java.util.HashMap<>(values);
        row.put("id", 1000L);
        Values.insert(conn, dialect, t, table, List.of(row));
        return Values.select(conn, dialect, t, table);
    }

    void exec(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.execute();
        }
    }
}
