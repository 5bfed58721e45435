package dev.syncwright.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.syncwright.core.SyncException;
import dev.syncwright.testing.TestDatabase;
import dev.syncwright.testing.TestDatabases;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueCodecMariaDbTest extends ValueCodecContract {
    @Override
    TestDatabase create() {
        return TestDatabases.mariadb("valuecodec");
    }

    @Override
    String kindsDdl() {
        return """
                CREATE TABLE kinds (id bigint PRIMARY KEY, c_smallint smallint, c_int int, c_bigint bigint,
                  c_num decimal(38,10), c_real float, c_double double, c_bool tinyint(1),
                  c_text longtext, c_varchar varchar(20), c_char char(5), c_bytes longblob, c_uuid uuid, c_date date,
                  c_time time(6), c_ts datetime(6), c_tstz timestamp(6) NULL, c_json json)""";
    }

    @Override
    Values.Limits limits() {
        return new Values.Limits(true, false);
    }

    /** The instant stored is the instant bound, whatever zone the server or the JVM is in. */
    @Test
    void timestampIsStoredAsTheInstant() throws SQLException {
        OffsetDateTime v = OffsetDateTime.of(2030, 6, 1, 23, 30, 0, 123456000, ZoneOffset.ofHours(14));
        roundTrip(kinds(), Map.of("c_tstz", v));
        try (Statement s = conn.createStatement()) {
            s.execute("SET time_zone = '-07:00'"); // UNIX_TIMESTAMP is zone-independent; prove it anyway
            try (var rs = s.executeQuery("SELECT UNIX_TIMESTAMP(c_tstz) FROM kinds")) {
                rs.next();
                assertEquals(v.toEpochSecond() + ".123456", rs.getBigDecimal(1).toPlainString());
            }
        } finally {
            dialect.codec().prepareSession(conn);
        }
    }

    /** MariaDB prints FLOAT with 6 digits; a plain column select would lose digits, so the codec refuses it. */
    @Test
    void floatNeedsTheSelectExpression() throws SQLException {
        roundTrip(kinds(), Map.of("c_real", 0.33333334f));
        try (Statement s = conn.createStatement(); var rs = s.executeQuery("SELECT c_real FROM kinds")) {
            rs.next();
            SyncException e = assertThrows(SyncException.class,
                    () -> dialect.codec().read(rs, 1, kinds().column("c_real").orElseThrow().type()));
            assertTrue(e.getMessage().contains("selectExpression"), e.getMessage());
        }
    }

    @Test
    void nonFiniteFloatsAreRefused() {
        SyncException e = assertThrows(SyncException.class, () -> roundTrip(kinds(), Map.of("c_double", Double.POSITIVE_INFINITY)));
        assertTrue(e.getMessage().contains("MySQL"), e.getMessage());
        assertThrows(SyncException.class, () -> roundTrip(kinds(), Map.of("c_real", Float.NaN)));
    }

    @Test
    void aTinyint1HoldingTwoIsNotABoolean() throws SQLException {
        exec("DELETE FROM kinds");
        exec("INSERT INTO kinds (id, c_bool) VALUES (1, 2)");
        SyncException e = assertThrows(SyncException.class, () -> Values.select(conn, dialect, kinds(), "kinds"));
        assertTrue(e.getMessage().contains("c_bool"), e.getMessage());
        exec("DELETE FROM kinds");
    }
}
