package dev.syncwright.jdbc.internal;

import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.PortableType;
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
 */
public interface ValueCodec {
    Object read(ResultSet rs, int column, PortableType type) throws SQLException;

    void bind(PreparedStatement ps, int index, Object value, PortableType type) throws SQLException;

    static ValueCodec forDialect(Dialect dialect) {
        return ValueCodecs.forDialect(dialect);
    }
}
