package dev.syncwright.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads and binds column values as canonical Java objects, so a value read from one database and
 * written to another compares equal (type fidelity, DESIGN §4). Canonical types by portable kind:
 * SMALLINT, INTEGER, BIGINT → Long; NUMERIC → BigDecimal (scale as stored); REAL → Float;
 * DOUBLE → Double; BOOLEAN → Boolean; TEXT, VARCHAR, CHAR → String; BYTES → byte[]; UUID → UUID;
 * DATE → LocalDate; TIME → LocalTime; TIMESTAMP → LocalDateTime; TIMESTAMPTZ → OffsetDateTime at
 * UTC; JSON → String (the database's canonical text). NULL is null.
 *
 * <p>Each database has one, from {@link Dialect#codec()}; they differ only in how a value travels
 * through the driver. Stateless and thread-safe.
 */
public interface ValueCodec {
    Object read(ResultSet rs, int column, PortableType type) throws SQLException;

    void bind(PreparedStatement ps, int index, Object value, PortableType type) throws SQLException;

    /** Prepares a connection for this codec; call it once per connection before reading or binding (e.g. the session time zone). */
    default void prepareSession(Connection connection) throws SQLException {
    }

    /** The select-list expression that reads a column exactly; use it in every SELECT whose values go through {@link #read}. */
    default String selectExpression(String quotedColumn, PortableType type) {
        return quotedColumn;
    }
}
