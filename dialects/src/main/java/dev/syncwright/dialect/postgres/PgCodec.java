package dev.syncwright.dialect.postgres;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.PortableType.Kind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.Locale;
import java.util.UUID;
import dev.syncwright.dialect.ValueCodec;
import dev.syncwright.dialect.internal.IsoText;
import static dev.syncwright.dialect.internal.Canonical.*;

/** pgjdbc maps java.time, UUID and BigDecimal exactly; only JSON and text need care. */
final class PgCodec implements ValueCodec {
    @Override
    public Object read(ResultSet rs, int c, PortableType t) throws SQLException {
        Object v = switch (t.kind()) {
            case SMALLINT, INTEGER, BIGINT -> {
                long l = rs.getLong(c);
                yield rs.wasNull() ? null : l;
            }
            case NUMERIC -> {
                try {
                    yield numeric(rs.getBigDecimal(c), t);
                } catch (SQLException | NumberFormatException e) {
                    // NaN and ±Infinity exist in PG numeric only
                    throw unreadable(rs, c, t, "'" + rs.getString(c) + "'");
                }
            }
            case REAL -> {
                float f = rs.getFloat(c);
                yield rs.wasNull() ? null : f;
            }
            case DOUBLE -> {
                double d = rs.getDouble(c);
                yield rs.wasNull() ? null : d;
            }
            case BOOLEAN -> {
                boolean b = rs.getBoolean(c);
                yield rs.wasNull() ? null : b;
            }
            case TEXT, VARCHAR, JSON -> rs.getString(c);
            case CHAR -> rtrim(rs.getString(c));
            case BYTES -> rs.getBytes(c);
            case UUID -> rs.getObject(c, UUID.class);
            case DATE -> rs.getObject(c, LocalDate.class);
            case TIME -> rs.getObject(c, LocalTime.class);
            case TIMESTAMP -> rs.getObject(c, LocalDateTime.class);
            case TIMESTAMPTZ -> {
                OffsetDateTime o = rs.getObject(c, OffsetDateTime.class);
                yield o == null ? null : o.withOffsetSameInstant(ZoneOffset.UTC);
            }
        };
        return v;
    }

    @Override
    public void bind(PreparedStatement ps, int i, Object v, PortableType t) throws SQLException {
        if (v == null) {
            ps.setNull(i, t.kind() == Kind.TEXT ? Types.OTHER : sqlType(t.kind()));
            return;
        }
        switch (t.kind()) {
            case SMALLINT -> ps.setShort(i, (short) integer(v, t));
            case INTEGER -> ps.setInt(i, (int) integer(v, t));
            case BIGINT -> ps.setLong(i, integer(v, t));
            case NUMERIC -> ps.setBigDecimal(i, toBigDecimal(v, t));
            case REAL -> ps.setFloat(i, real(v, t));
            case DOUBLE -> ps.setDouble(i, dbl(v, t));
            case BOOLEAN -> ps.setBoolean(i, as(v, Boolean.class, t));
            // untyped text: PostgreSQL casts it to the column's own type (an enum, an array, interval, inet...)
            case TEXT -> ps.setObject(i, noNul(as(v, String.class, t), t), Types.OTHER);
            case VARCHAR, CHAR -> ps.setString(i, noNul(as(v, String.class, t), t));
            case BYTES -> ps.setBytes(i, as(v, byte[].class, t));
            case UUID -> ps.setObject(i, as(v, UUID.class, t));
            case DATE -> ps.setObject(i, as(v, LocalDate.class, t));
            case TIME -> {
                LocalTime x = as(v, LocalTime.class, t);
                ps.setObject(i, micros(x, x.getNano(), t));
            }
            case TIMESTAMP -> {
                LocalDateTime x = as(v, LocalDateTime.class, t);
                ps.setObject(i, micros(x, x.getNano(), t));
            }
            case TIMESTAMPTZ -> ps.setObject(i, utc(v, t));
            // untyped text: the server casts it to the column's json or jsonb
            case JSON -> ps.setObject(i, noNul(as(v, String.class, t), t), Types.OTHER);
            default -> throw new SyncException("PostgreSQL cannot bind " + t);
        }
    }

    /** PostgreSQL text cannot hold U+0000; SQLite and MySQL can, so say so instead of failing in the driver. */
    private static String noNul(String s, PortableType t) {
        if (s.indexOf('\0') >= 0) {
            throw new SyncException("A " + t + " value contains the character U+0000, which PostgreSQL text cannot store");
        }
        return s;
    }
}
